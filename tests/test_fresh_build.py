"""Rebuilds after code changes are fresh, after content changes incremental.

``textbook-build`` keeps stages and doctrees between runs. Sphinx rewrites only
pages whose sources changed, so a change to the extension, the theme or an
environment variable read by conf.py must start the build afresh, while an
edited chapter rewrites that chapter alone. Every test works on a copy of the
project (see test_publish.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.publish import built_copy, copy_built, run_build

pytestmark = pytest.mark.slow

PAGES = [
    "index",
    "pemberdayaan",
    "intervensi-makro",
    "model-intervensi",
    "daftar-pustaka",
    "catatan-editorial",
    "glosarium",
    "cara-mengutip",
    "riwayat-edisi",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_copy(tmp_path_factory.mktemp("fresh"), "html")


@pytest.fixture
def project(built, tmp_path, monkeypatch):
    """A copy of ``built`` rebuilt once in its new place (paths changed)."""
    for name in ("TEXTBOOK_SITE_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    dest = copy_built(built, tmp_path)
    proc = run_build(dest, "html")
    assert proc.returncode == 0, proc.stderr
    return dest


def page(project: Path, lang: str, name: str) -> str:
    return (project / "_build" / "html" / lang / f"{name}.html").read_text(encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changed_interface_word_reaches_every_published_page(project):
    assert all("Langsung ke isi" in page(project, "id", name) for name in PAGES)
    edit(
        project / "locales" / "id" / "LC_MESSAGES" / "textbook.po",
        'msgstr "Langsung ke isi"',
        'msgstr "Langsung ke isi buku"',
    )
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    assert "[html:id] building" in proc.stdout
    for name in PAGES:
        assert "Langsung ke isi buku" in page(project, "id", name), name
    # and the Indonesian interface's parallel view, which the English build writes
    assert "[html:en] building" in proc.stdout
    for name in PAGES:
        assert "Langsung ke isi buku" in page(project, "id", f"parallel/{name}"), name


def test_changed_theme_css_is_published_and_linked_afresh(project):
    css = (
        project / "tools" / "textbook" / "html" / "theme" / "textbook" / "static" / "textbook.css"
    )
    link = re.compile(r'_static/textbook\.css\?v=(\w+)"')
    before = {name: link.search(page(project, "en", name)).group(1) for name in PAGES}
    css.write_text(
        css.read_text(encoding="utf-8") + "\n.uji-gaya-baru { color: red }\n", encoding="utf-8"
    )
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    published = project / "_build" / "html" / "en" / "_static" / "textbook.css"
    assert ".uji-gaya-baru" in published.read_text(encoding="utf-8")
    for name in PAGES:  # the pages' cache-busting checksums follow the new file
        assert link.search(page(project, "en", name)).group(1) != before[name], name


def test_changed_site_url_variable_reaches_every_page(project, monkeypatch):
    url = "https://buku.example.org/terbuka/"
    assert all(url not in page(project, "id", name) for name in PAGES)
    monkeypatch.setenv("TEXTBOOK_SITE_URL", url)
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    # an address that is not the one recorded in conf.py (none yet): still a preview
    assert "the book's public address is not yet set" in proc.stdout
    for lang in ("id", "en"):
        for name in PAGES:
            assert f'<link rel="canonical" href="{url}{lang}/{name}.html"' in page(
                project, lang, name
            ), (lang, name)


def test_content_change_rewrites_only_that_chapter(project):
    stage = project / "_build" / "stage" / "html"
    mtimes = {
        (lang, name): (stage / lang / f"{name}.html").stat().st_mtime_ns
        for lang in ("id", "en")
        for name in PAGES
    }
    chapter = project / "source" / "intervensi-makro.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nKalimat tambahan uji.\n", encoding="utf-8"
    )
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    assert "[html:id] building" in proc.stdout and "[html:en] building" in proc.stdout
    assert "Kalimat tambahan uji." in page(project, "id", "intervensi-makro")
    rewritten = {
        (lang, name)
        for (lang, name), before in mtimes.items()
        if (stage / lang / f"{name}.html").stat().st_mtime_ns != before
    }
    # the chapter and its toctree parent (Sphinx rewrites it for the navigation)
    assert rewritten == {
        (lang, name) for lang in ("id", "en") for name in ("intervensi-makro", "index")
    }
