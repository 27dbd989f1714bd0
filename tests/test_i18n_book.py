"""The English edition of the real book: strict build, table, citations, references."""
from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from textbook.comparison.data import load

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "locales" / "en" / "LC_MESSAGES"


def text(node) -> str:
    """Visible text, with Sphinx's smart quotes turned back into straight ones."""
    plain = node.get_text().translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(plain.split())


def md_text(markup: str) -> str:
    return " ".join(re.sub(r"\*([^*]+)\*", r"\1", " ".join(markup.split())).split())


def catalog(name: str) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(CATALOGS / f"{name}.po"))
            if e.msgid and e.msgstr and not e.fuzzy}


@pytest.fixture(scope="module")
def html_en(book_build):
    out, proc = book_build("en")
    assert proc.returncode == 0, proc.stderr
    return out


def page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{name}.html").read_text("utf-8"), "html.parser")


def test_english_edition_builds_without_a_warning(book_build):
    _, proc = book_build("en")
    assert proc.returncode == 0
    assert proc.stderr.strip() == ""


def test_the_table_reads_in_english_from_the_catalog(html_en):
    data = load(ROOT / "source" / "data" / "perbandingan-model.yaml")
    en = catalog("model-intervensi")
    table = page(html_en, "model-intervensi").select_one("table.model-comparison")
    header = [text(th) for th in table.select("thead tr th")]
    assert header == [en[data.number_heading], en[data.indicator_heading],
                      *[en[m.name] for m in data.models]]
    assert header[2:] == ["Locality Development", "Social Planning", "Social Action"]
    rows = table.select("tbody tr")
    assert len(rows) == 11
    for row, ind in zip(rows, data.indicators):
        cells = [text(c) for c in row.find_all(["th", "td"], recursive=False)]
        expected = [str(ind.no), en[ind.label],
                    *[md_text(en[" ".join(ind.cells[m.id].split())]) for m in data.models]]
        assert cells == expected, ind.id
    caption = text(table.select_one("caption")).rstrip("¶#").strip()
    assert caption.endswith(en["Perbandingan tiga model intervensi komunitas menurut "
                               "Rothman dan Tropman"])


def test_five_models_have_their_english_names(html_en):
    items = [text(li) for li in page(html_en, "model-intervensi").select("section ul li")]
    assert items == ["Locality Development.", "Social Planning.", "Social Action.",
                     "Social Policy.", "Administration and Management."]


def test_english_citations_and_footnotes(html_en):
    soup = page(html_en, "pemberdayaan")
    assert [text(c) for c in soup.select("span.bibtex-citation")] == [
        "Adi (2003, p. 54)", "Budimanta (2003)"]
    refs = soup.select("a.footnote-reference")
    assert len(refs) == 2 and all(r["href"].startswith("#") for r in refs)
    assert "[^" not in soup.get_text()
    macro = page(html_en, "intervensi-makro")
    assert [text(c) for c in macro.select("span.bibtex-citation")] == ["Adi (2003, p. 57)"]
    assert len(macro.select("a.footnote-reference")) == 1
    for cite in soup.select("span.bibtex-citation") + macro.select("span.bibtex-citation"):
        assert cite.find("a", href=True)


def test_payne_quotation_appears_once_in_english(html_en):
    soup = page(html_en, "pemberdayaan")
    body = text(soup.select_one('[role="main"]') or soup.body)
    assert body.count("to help clients gain power of decision and action") == 1
    assert "untuk membantu klien" not in body


def test_references_page_in_english(html_en):
    soup = page(html_en, "daftar-pustaka")
    assert text(soup.select_one("h1")).rstrip("¶#").strip() == "References"
    entries = [text(e) for e in soup.select('.citation-list > .citation')]
    assert len(entries) == 2
    assert entries[0].endswith("Adi, Isbandi Rukminto. 2003. Pemberdayaan, Pengembangan "
                               "Masyarakat dan Intervensi Komunitas. Depok: FE Universitas "
                               "Indonesia.")
    assert "Budimanta, Arif. 2003. Prinsip-prinsip Community Development. In Akses Peran " \
           "Serta Masyarakat." in entries[1]
    assert not any("Dalam" in e for e in entries)


def test_no_indonesian_message_left_in_the_english_pages(html_en, book_build):
    """Every translatable text of the Indonesian edition is replaced in English."""
    ids, verbatim = set(), set()
    for po in CATALOGS.glob("*.po"):
        for e in polib.pofile(str(po)):
            if e.msgstr == e.msgid:
                verbatim.add(e.msgid)  # kept as in the original (editorial notes)
            elif e.msgid and len(e.msgid) > 25 and "{" not in e.msgid:
                ids.add(" ".join(re.sub(r"\*|\[\^[^\]]+\]", "", e.msgid).split()))
    ids -= verbatim
    assert len(ids) > 50
    for html in html_en.glob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        main = soup.select_one('[role="main"]') or soup.body
        for entry in main.select('.citation-list > .citation'):
            entry.decompose()  # titles of cited works stay in their language
        body = text(main)
        left = [m for m in ids if m in body]
        assert not left, f"{html.name}: untranslated text {left[:3]}"
