"""The real book: strict build, comparison table and citations."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from textbook.comparison.data import load

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "source" / "data" / "perbandingan-model.yaml"
CITE_RE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
KEY_RE = re.compile(r"(?:\{[^}]*\})?([^{},\s]+)(?:\{[^}]*\})?")


def text(node) -> str:
    return " ".join(node.get_text().split())


def md_text(markup: str) -> str:
    """Cell text as a reader sees it: MyST emphasis markers removed."""
    return " ".join(re.sub(r"\*([^*]+)\*", r"\1", markup).split())


def cited_keys() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "source").rglob("*.md")):
        for match in CITE_RE.finditer(path.read_text(encoding="utf-8")):
            for target in match.group(1).split(","):
                key = KEY_RE.fullmatch(target.strip()).group(1)
                found.setdefault(key, []).append(path.name)
    return found


@pytest.fixture(scope="module")
def html_id(book_build):
    out, proc = book_build("id")
    assert proc.returncode == 0, proc.stderr
    return out


def test_book_builds_without_a_warning(book_build):
    _, proc = book_build("id")
    assert proc.returncode == 0
    assert proc.stderr.strip() == ""


def test_data_file_validates():
    data = load(DATA)
    assert [m.id for m in data.models] == ["lokal", "perencanaan", "aksi"]
    assert [i.no for i in data.indicators] == list(range(1, 12))


def test_html_table_matches_the_data(html_id):
    data = load(DATA)
    soup = BeautifulSoup((html_id / "model-intervensi.html").read_text("utf-8"), "html.parser")
    tables = soup.select("table.model-comparison")
    assert len(tables) == 1
    table = tables[0]
    header = [text(th) for th in table.select("thead tr th")]
    assert header == [data.number_heading, data.indicator_heading,
                      *[m.name for m in data.models]]
    rows = table.select("tbody tr")
    assert len(rows) == len(data.indicators) == 11
    for row, ind in zip(rows, data.indicators):
        cells = [text(c) for c in row.find_all(["th", "td"], recursive=False)]
        assert cells == [str(ind.no), ind.label,
                         *[md_text(ind.cells[m.id]) for m in data.models]], ind.id
        assert row.find("th").get("class") == ["stub"]


def test_every_cited_key_exists_and_every_entry_is_cited():
    entries = set(parse_file(str(ROOT / "bibliography.bib")).entries)
    cited = set(cited_keys())
    assert cited, "the book cites nothing"
    assert cited - entries == set(), "cited but not in bibliography.bib"
    assert entries - cited == set(), "in bibliography.bib but never cited"


def test_no_unresolved_citation_and_locators_shown(html_id):
    pages = {p.name: p.read_text("utf-8") for p in html_id.glob("*.html")}
    for name, page in pages.items():
        soup = BeautifulSoup(page, "html.parser")
        for cite in soup.select("span.bibtex-citation"):
            assert cite.find("a", href=True), f"{name}: unresolved citation {text(cite)}"
        assert "could not find" not in page
    foot = BeautifulSoup(pages["pemberdayaan.html"], "html.parser")
    assert "Adi (2003, h. 54)" in [text(c) for c in foot.select("span.bibtex-citation")]
    macro = BeautifulSoup(pages["intervensi-makro.html"], "html.parser")
    assert "Adi (2003, h. 57)" in [text(c) for c in macro.select("span.bibtex-citation")]


def test_references_page_lists_both_entries_in_indonesian(html_id):
    soup = BeautifulSoup((html_id / "daftar-pustaka.html").read_text("utf-8"), "html.parser")
    entries = [text(e) for e in soup.select('.citation-list > .citation')]
    assert len(entries) == 2
    assert entries[0].endswith("Adi, Isbandi Rukminto. 2003. Pemberdayaan, Pengembangan "
                               "Masyarakat dan Intervensi Komunitas. Depok: FE Universitas Indonesia.")
    assert "Budimanta, Arif. 2003. Prinsip-prinsip Community Development. Dalam Akses " \
           "Peran Serta Masyarakat." in entries[1]
