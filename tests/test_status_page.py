"""The translation status page, published with the site: every language's
catalogs (a draft too, there and only there) with the figures of `make po-status`,
in each released interface language, linked from every page's footer."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from helpers.gitcopy import git_copy, make

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = git_copy(tmp_path_factory.mktemp("status") / "book")
    assert make(project, "add-language", "NEW_LANG=ms").returncode == 0
    po = project / "locales" / "ms" / "LC_MESSAGES" / "index.po"
    catalog = polib.pofile(str(po))
    catalog.find("Daftar Isi").msgstr = "Kandungan"  # one message translated
    catalog.save()
    proc = make(project, "html", "LANGS=id en ms")
    assert proc.returncode == 0, proc.stderr
    status = make(project, "po-status")
    return project, project / "_build" / "html", status.stdout


def table(page: Path) -> list[list[str]]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup.select("main tbody tr")
    ]


def po_status_rows(stdout: str) -> dict[tuple[str, str], tuple[int, int, int, str]]:
    """``make po-status``'s table: (lang, catalog) -> (done, fuzzy, untranslated +
    missing, percent)."""
    rows = {}
    for line in stdout.splitlines():
        m = re.match(
            r"^(\w+)\s+([\w-]+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+\s+([\d.]+)$", line
        )
        if m:
            lang, name, _total, done, fuzzy, untr, miss, pct = m.groups()
            rows[lang, name] = (int(done), int(fuzzy), int(untr) + int(miss), pct)
    return rows


def test_the_figures_are_those_of_po_status_in_both_interfaces(site):
    project, html, status = site
    expected = po_status_rows(status)
    assert ("ms", "index") in expected and expected["ms", "index"][0] == 1
    states = {"en": ("released", "draft"), "id": ("terbit", "draf")}
    for lang, (released, draft) in states.items():
        rows = table(html / f"translation-status-{lang}.html")
        shown = {}
        for name, catalog, done, fuzzy, untr, pct, updated, state in rows:
            code = re.search(r"\((\w+)\)$", name).group(1)
            shown[code, catalog] = (int(done), int(fuzzy), int(untr), pct)
            assert state == (draft if code == "ms" else released), (lang, name, catalog)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated)
        assert shown == expected, lang
    soup = BeautifulSoup((html / "translation-status-id.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == "id" and soup.h1.get_text() == "Status terjemahan"


def test_every_page_links_its_interfaces_status_page(site):
    _, html, _ = site
    for lang in ("id", "en"):
        for page in [html / lang / "index.html", html / lang / "parallel" / "pemberdayaan.html"]:
            link = BeautifulSoup(page.read_text("utf-8"), "html.parser").select_one(
                "footer.site-footer a[href$='.html']"
            )
            assert link["href"].endswith(f"translation-status-{lang}.html")
            assert (page.parent / link["href"]).resolve().is_file()


def test_the_draft_appears_on_the_status_page_only(site):
    _, html, _ = site
    assert "Bahasa Melayu" in (html / "translation-status-en.html").read_text(
        "utf-8"
    ) or "(ms)" in (html / "translation-status-en.html").read_text("utf-8")
    for page in [html / "index.html", html / "sitemap.xml", *(html / "en").rglob("*.html")]:
        if page.is_file():
            text = page.read_text("utf-8")
            assert "/ms/" not in text and 'hreflang="ms"' not in text, page
