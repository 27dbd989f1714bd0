"""Atomic publishing: a failed build leaves the last good output byte for byte.

Every test works on a copy of the project in a temporary folder and runs
``textbook-build`` there, as ``make html`` does, so the real ``_build`` is
never touched.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.publish import built_copy, copy_built, run_build, tree_digest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("source/data/perbandingan-model.yaml")


def break_data_file(project: Path) -> Path:
    path = project / DATA
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("indicators:", "indicators:\n  - id: [tidak ditutup\n", 1), encoding="utf-8"
    )
    return path


def break_english_only(project: Path) -> Path:
    """An error that only the English edition sees (an ``en``-only block)."""
    chapter = project / "source" / "pemberdayaan.md"
    with chapter.open("a", encoding="utf-8") as f:
        f.write("\n```{lang-only} en\nSee {ref}`no-such-label`.\n```\n")
    return chapter


@pytest.fixture(scope="module")
def published_html(tmp_path_factory):
    """A project copy with a good, published bilingual site."""
    return built_copy(tmp_path_factory.mktemp("publish"), "html")


@pytest.fixture(scope="module")
def published_epub(tmp_path_factory):
    """A project copy with good, published EPUB editions."""
    return built_copy(tmp_path_factory.mktemp("epubs"), "epub")


@pytest.fixture(scope="module")
def published_pdf(tmp_path_factory):
    """A project copy with good, published PDF editions."""
    return built_copy(tmp_path_factory.mktemp("pdfs"), "pdf")


@pytest.fixture
def project(published_html, tmp_path):
    return copy_built(published_html, tmp_path)


def test_a_chapter_that_is_not_utf8_ends_the_build_with_its_line(project):
    """As `make html` runs it: one message, exit 1, no crash report, the site kept."""
    before = tree_digest(project / "_build" / "html")
    chapter = project / "source" / "pemberdayaan.md"
    raw = chapter.read_bytes()
    chapter.write_bytes(raw + b"\nTeks caf\xe9.\n")  # Latin-1, not UTF-8
    proc = run_build(project, "html")
    assert proc.returncode == 1, proc.stderr
    line = raw.count(b"\n") + 2
    assert f"{chapter}:{line}: ERROR: not valid UTF-8 (byte 0xe9 at column 9)" in proc.stderr
    for crash in ("Traceback", "Encoding error", "report this"):
        assert crash not in proc.stdout + proc.stderr, proc.stderr
    assert tree_digest(project / "_build" / "html") == before


def test_broken_data_file_keeps_the_published_site(project):
    before = tree_digest(project / "_build" / "html")
    assert {"index.html", "id/index.html", "en/index.html"} <= set(before)
    broken = break_data_file(project)
    proc = run_build(project, "html")
    assert proc.returncode != 0
    assert re.search(re.escape(str(broken)) + r":\d+: ERROR: YAML syntax error", proc.stderr), (
        proc.stderr
    )
    assert tree_digest(project / "_build" / "html") == before


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_one_failed_language_publishes_no_language(fmt, request, tmp_path):
    project = copy_built(request.getfixturevalue(f"published_{fmt}"), tmp_path)
    before = tree_digest(project / "_build" / fmt)
    assert before
    chapter = break_english_only(project)
    proc = run_build(project, fmt)
    assert proc.returncode != 0
    assert re.search(
        re.escape(str(chapter)) + r":\d+: WARNING: undefined label: 'no-such-label'", proc.stderr
    ), proc.stderr
    assert f"[{fmt}:en] FAILED" in proc.stderr
    assert f"[{fmt}:id] FAILED" not in proc.stderr  # the Indonesian edition built fine ...
    assert tree_digest(project / "_build" / fmt) == before  # ... and was not published


def test_a_fixed_build_publishes_again(project):
    """The previous failure leaves nothing behind that blocks the next good build."""
    data = project / DATA
    good = data.read_bytes()
    break_data_file(project)
    assert run_build(project, "html").returncode != 0
    data.write_bytes(good)
    chapter = project / "source" / "index.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\nKalimat baru untuk uji.\n", encoding="utf-8"
    )
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    for lang in ("id", "en"):
        page = project / "_build" / "html" / lang / "index.html"
        assert "Kalimat baru untuk uji." in page.read_text(encoding="utf-8")


def test_unchanged_inputs_skip_the_build_and_a_changed_catalog_does_not(project):
    assert run_build(project, "html").returncode == 0  # the copy moved: paths changed
    before = tree_digest(project / "_build" / "html")
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    assert "[html:id] up to date" in proc.stdout and "[html:en] up to date" in proc.stdout
    assert tree_digest(project / "_build" / "html") == before
    po = project / "locales" / "en" / "LC_MESSAGES" / "index.po"
    text = po.read_text(encoding="utf-8")
    msgstr = re.search(r'^msgstr "(.+)"$', text, re.M)
    po.write_text(
        text.replace(msgstr.group(0), f'msgstr "{msgstr.group(1)} (changed)"', 1), encoding="utf-8"
    )
    proc = run_build(project, "html")
    assert proc.returncode == 0, proc.stderr
    # the Indonesian edition too: its parallel view (written by the English build)
    # holds the English text, and its offline cache is keyed by it
    assert "[html:id] building" in proc.stdout and "[html:en] building" in proc.stdout
    after = tree_digest(project / "_build" / "html")
    assert any(k.startswith("en/") and after.get(k) != v for k, v in before.items())
    assert after["id/offline.json"] != before["id/offline.json"]


@pytest.mark.print
def test_a_latex_error_keeps_the_published_pdfs(published_pdf, tmp_path):
    """Sphinx succeeds, xelatex fails: nothing is published either."""
    books = copy_built(published_pdf, tmp_path)
    before = tree_digest(books / "_build" / "pdf")
    assert len([k for k in before if k.endswith(".pdf")]) == 4  # print + accessible, 2 languages
    chapter = books / "source" / "pemberdayaan.md"
    with chapter.open("a", encoding="utf-8") as f:
        f.write("\n```{lang-only} en\n```{raw} latex\n\\tidakadamakro\n```\n```\n")
    proc = run_build(books, "pdf")
    assert proc.returncode != 0
    assert "[pdf:en] FAILED" in proc.stderr and "Undefined control sequence" in proc.stderr, (
        proc.stderr
    )
    assert "[pdf] FAILED for en" in proc.stderr
    assert tree_digest(books / "_build" / "pdf") == before
