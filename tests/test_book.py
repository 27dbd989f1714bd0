"""The real book in each edition: strict build, comparison table, citations, references."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from textbook.comparison.data import load
from textbook.i18n.langparts import without_lang_marks

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "source" / "data" / "perbandingan-model.yaml"
CATALOGS = ROOT / "locales" / "en" / "LC_MESSAGES"
LANGS = ["id", "en"]
CITE_RE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
KEY_RE = re.compile(r"(?:\{[^}]*\})?([^{},\s]+)(?:\{[^}]*\})?")
PAGE = {"id": "h.", "en": "p."}  # the locator word of a citation
IN = {"id": "Dalam", "en": "In"}  # "In <collection>" of the references
REFERENCES = {"id": "Daftar Pustaka", "en": "References"}


def text(node) -> str:
    """Visible text, with Sphinx's smart quotes turned back into straight ones."""
    plain = node.get_text().translate(str.maketrans("‘’“”", "''\"\""))
    return " ".join(plain.split())


def heading(node) -> str:
    return text(node).rstrip("¶#").strip()


def md_text(markup: str) -> str:
    """Cell text as a reader sees it: MyST emphasis markers removed (quotes as text())."""
    plain = re.sub(r"\*([^*]+)\*", r"\1", without_lang_marks(markup))
    return " ".join(plain.translate(str.maketrans("‘’“”", "''\"\"")).split())


def translator(lang: str, doc: str):
    """The edition's text of a source message (the catalog of ``doc``; id: the source)."""
    if lang == "id":
        return lambda msgid: " ".join(msgid.split())
    catalog = {
        e.msgid: e.msgstr
        for e in polib.pofile(str(CATALOGS / f"{doc}.po"))
        if e.msgid and e.msgstr and not e.fuzzy
    }
    return lambda msgid: catalog[" ".join(msgid.split())]


def cited_keys() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "source").rglob("*.md")):
        for match in CITE_RE.finditer(path.read_text(encoding="utf-8")):
            for target in match.group(1).split(","):
                key = KEY_RE.fullmatch(target.strip()).group(1)
                found.setdefault(key, []).append(path.name)
    return found


@pytest.fixture(scope="module", params=LANGS)
def edition(request, book_build) -> tuple[str, Path]:
    """(language, HTML output) of one edition, built with the book's strict flags."""
    out, proc = book_build(request.param)
    assert proc.returncode == 0, proc.stderr
    return request.param, out


def page(out: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((out / f"{name}.html").read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_the_edition_builds_without_a_warning(book_build, lang):
    _, proc = book_build(lang)
    assert proc.returncode == 0
    assert proc.stderr.strip() == ""


def test_data_file_validates():
    data = load(DATA)
    assert [m.id for m in data.models] == ["lokal", "perencanaan", "aksi"]
    assert [i.no for i in data.indicators] == list(range(1, 12))


def test_the_table_matches_the_data_in_the_edition_language(edition):
    lang, out = edition
    data, tr = load(DATA), translator(lang, "model-intervensi")
    table = page(out, "model-intervensi").select("table.model-comparison")
    assert len(table) == 1
    table = table[0]
    header = [text(th) for th in table.select("thead tr th")]
    assert header == [
        tr(data.number_heading),
        tr(data.indicator_heading),
        *[tr(m.name) for m in data.models],
    ]
    if lang == "en":
        assert header[2:] == ["Locality Development", "Social Planning", "Social Action"]
    rows = table.select("tbody tr")
    assert len(rows) == len(data.indicators) == 11
    for row, ind in zip(rows, data.indicators, strict=False):
        cells = [text(c) for c in row.find_all(["th", "td"], recursive=False)]
        assert cells == [
            str(ind.no),
            tr(ind.label),
            *[md_text(tr(ind.cells[m.id])) for m in data.models],
        ], ind.id
        # the row's header cell is its indicator (screen readers announce it with each cell)
        headers = row.find_all("th", recursive=False)
        assert [text(th) for th in headers] == [tr(ind.label)], ind.id
        assert headers[0].get("scope") == "row"
    assert heading(table.select_one("caption")) == tr(
        "Perbandingan tiga model intervensi komunitas menurut Rothman dan Tropman"
    )


def test_five_models_have_their_english_names(edition):
    """The list of Rothman's five models keeps his English names in every edition."""
    _, out = edition
    items = [text(li) for li in page(out, "model-intervensi").select("section ul li")]
    assert items == [
        "Locality Development.",
        "Social Planning.",
        "Social Action.",
        "Social Policy.",
        "Administration and Management.",
    ]


def test_every_cited_key_exists_and_every_entry_is_cited():
    entries = set(parse_file(str(ROOT / "bibliography.bib")).entries)
    cited = set(cited_keys())
    assert cited, "the book cites nothing"
    assert cited - entries == set(), "cited but not in bibliography.bib"
    assert entries - cited == set(), "in bibliography.bib but never cited"


def test_citations_resolve_with_locators_and_footnotes(edition):
    lang, out = edition
    for html in sorted(out.glob("*.html")):
        markup = html.read_text("utf-8")
        soup = BeautifulSoup(markup, "html.parser")
        for cite in soup.select("span.bibtex-citation"):
            assert cite.find("a", href=True), f"{html.name}: unresolved citation {text(cite)}"
        assert "could not find" not in markup, html.name
        assert "[^" not in soup.get_text(), html.name
    expected = {
        "pemberdayaan": ([f"Adi (2003, {PAGE[lang]} 54)", "Budimanta (2003)"], 2),
        "intervensi-makro": ([f"Adi (2003, {PAGE[lang]} 57)"], 1),
    }
    for name, (cites, footnotes) in expected.items():
        soup = page(out, name)
        assert [text(c) for c in soup.select("span.bibtex-citation")] == cites, name
        refs = soup.select("a.footnote-reference")
        assert len(refs) == footnotes and all(r["href"].startswith("#") for r in refs), name


def test_payne_quotation_appears_once(edition):
    """Payne is quoted in English; only the Indonesian edition adds its own rendering."""
    lang, out = edition
    soup = page(out, "pemberdayaan")
    body = text(soup.select_one('[role="main"]') or soup.body)
    assert body.count("to help clients gain power of decision and action") == 1
    assert ("untuk membantu klien" in body) == (lang == "id")


def test_references_page_in_the_edition_language(edition):
    lang, out = edition
    soup = page(out, "daftar-pustaka")
    assert heading(soup.select_one("h1")) == REFERENCES[lang]
    # each entry: its reference, then the links back to the pages citing it
    entries = [text(e.select_one("p")) for e in soup.select(".citation-list > .citation")]
    assert len(entries) == 2
    assert entries[0] == (
        "Adi, Isbandi Rukminto. 2003. Pemberdayaan, Pengembangan "
        "Masyarakat dan Intervensi Komunitas. Depok: FE Universitas "
        "Indonesia."
    )
    assert (
        f"Budimanta, Arif. 2003. Prinsip-prinsip Community Development. {IN[lang]} Akses "
        "Peran Serta Masyarakat." in entries[1]
    )
    if lang != "id":
        assert not any("Dalam" in e for e in entries)


def test_no_indonesian_message_left_in_the_english_pages(book_build):
    """Every translatable text of the Indonesian edition is replaced in English."""
    out, proc = book_build("en")
    assert proc.returncode == 0, proc.stderr
    ids, verbatim = set(), set()
    for po in CATALOGS.glob("*.po"):
        for e in polib.pofile(str(po)):
            msgid = without_lang_marks(e.msgid)
            if e.msgstr == msgid:
                verbatim.add(msgid)  # kept as in the original (editorial notes)
            elif msgid and len(msgid) > 25 and "{" not in msgid:
                ids.add(" ".join(re.sub(r"\*|\[\^[^\]]+\]", "", msgid).split()))
    ids -= verbatim
    assert len(ids) > 50
    for html in out.glob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        main = soup.select_one('[role="main"]') or soup.body
        for entry in main.select(".citation-list > .citation, .textbook-citation"):
            entry.decompose()  # titles of cited works (the book's own too) stay in their language
        for term in main.select('dl.glossary dt em[lang="id"]'):
            term.decompose()  # the glossary gives each term's Indonesian original
        body = text(main)
        left = [m for m in ids if m in body]
        assert not left, f"{html.name}: untranslated text {left[:3]}"
