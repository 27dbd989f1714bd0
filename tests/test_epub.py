"""The e-book edition: `make epub` through textbook-build, checked with epubcheck."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from helpers.ace import ace_issues
from helpers.book_facts import BASENAME, LANGS, epubcheck
from helpers.latex_check import catalog, normalise, table_text_problems
from textbook.edition import current
from textbook.latex.layout import WORDS
from textbook.messages import gettext

pytestmark = pytest.mark.epub

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Pengantar Pemberdayaan dan Intervensi Komunitas"


@pytest.fixture(scope="module")
def epubs(published_epub, epub_toolchain) -> dict[str, Path]:
    build_dir, codes = published_epub
    assert codes["epub"] == 0, "textbook-build epub failed (see the captured output)"
    return {lang: build_dir / "epub" / f"{BASENAME}-{lang}.epub" for lang in LANGS}


def metadata(path: Path) -> dict[str, list[str]]:
    """Dublin Core fields (and meta properties) of the package document."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.opf"))
    found: dict[str, list[str]] = {}
    for el in root.find("{http://www.idpf.org/2007/opf}metadata"):
        name = el.get("property") or el.get("name") or el.tag.rsplit("}", 1)[-1]
        found.setdefault(name, []).append(el.text or el.get("content") or "")
    return found


def test_one_epub_per_language_is_published(published_epub, epubs):
    assert sorted(p.name for p in (published_epub[0] / "epub").iterdir()) == sorted(
        p.name for p in epubs.values()
    )


@pytest.mark.parametrize("lang", LANGS)
def test_epubcheck_reports_nothing(epubs, lang):
    proc = epubcheck(epubs[lang])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in proc.stdout, proc.stdout


def test_epubcheck_catches_a_broken_epub(epubs, tmp_path):
    """The check above can fail: a book with a dangling link is reported."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epubs["id"]) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "index.xhtml":
                data = data.replace(b'href="pemberdayaan.xhtml', b'href="missing.xhtml', 1)
            dst.writestr(item, data)
    proc = epubcheck(broken)
    assert proc.returncode != 0 and "missing.xhtml" in proc.stdout + proc.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_in_the_book_language(epubs, lang):
    meta = metadata(epubs[lang])
    title = TITLE if lang == "id" else catalog("en", "index")[TITLE]
    assert meta["language"] == [lang]
    assert meta["title"] == [title]
    assert meta["creator"] == ["Tim Buku Ajar Terbuka"]
    assert re.fullmatch(r"\d{4}, Tim Buku Ajar Terbuka\. CC BY-SA 4\.0", meta["rights"][0])
    assert re.fullmatch(r"uuid-[0-9a-f-]{36}", meta["identifier"][0])
    for field, values in meta.items():
        assert all(v.strip() not in {"", "unknown"} for v in values), (field, values)


def test_each_edition_has_its_own_identifier(epubs):
    assert len({metadata(path)["identifier"][0] for path in epubs.values()}) == len(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_front_page_cards_link_to_the_chapters(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as z:
        soup = BeautifulSoup(z.read("index.xhtml"), "html.parser")
        names = set(z.namelist())
    cards = soup.select(".sd-card")
    assert len(cards) == 3
    for card in cards:
        link = card.select_one("a.sd-stretched-link")
        assert link["href"].split("#")[0] in names
        assert card.select_one(".sd-card-title").get_text(strip=True)
    assert "_static/sphinx-design.min.css" in names


@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_of_the_comparison_table_is_in_the_epub(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as z:
        soup = BeautifulSoup(z.read("model-intervensi.xhtml"), "html.parser")
    table = soup.select_one("table.model-comparison")
    assert table is not None
    assert table_text_problems(table.get_text(" "), lang) == []
    assert normalise(table.get_text()) != ""


@pytest.mark.parametrize("lang", LANGS)
def test_tables_fit_the_reading_width(epubs, lang):
    """e-readers clip wide tables: the CSS fixes the width, the table keeps its widths."""
    with zipfile.ZipFile(epubs[lang]) as z:
        css = z.read("_static/textbook-epub.css").decode()
        pages = {
            n: BeautifulSoup(z.read(n), "html.parser")
            for n in z.namelist()
            if n.endswith(".xhtml") and n != "nav.xhtml"
        }
    assert "table-layout: fixed" in css and "width: 100%" in css
    for name, soup in pages.items():
        if soup.find("table"):
            hrefs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
            assert "_static/textbook-epub.css" in hrefs, name
    table = pages["model-intervensi.xhtml"].select_one("table.model-comparison")
    widths = [col.get("style") for col in table.select("colgroup col")]
    assert widths == [f"width: {w:.1f}%" for w in (5, 19, 25, 25, 26)], widths


# -- a blind student's e-book (DAISY Ace, EPUB Accessibility 1.1) -------------


def _read(path: Path, name: str) -> BeautifulSoup:
    """An XHTML or package document (html.parser keeps ``epub:type``, ``xml:lang``)."""
    with zipfile.ZipFile(path) as z, warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(z.read(name), "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_daisy_ace_reports_no_issue(epubs, lang, tmp_path):
    assert ace_issues(epubs[lang], tmp_path / "ace") == []


def test_daisy_ace_catches_a_page_without_language(epubs, tmp_path):
    """The check above can fail: one page stripped of its lang is reported."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epubs["id"]) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "pemberdayaan.xhtml":
                data = data.replace(b' lang="id" xml:lang="id"', b"", 1)
            dst.writestr(item, data)
    issues = ace_issues(broken, tmp_path / "ace")
    assert any(i.startswith("pemberdayaan.xhtml: html-has-lang") for i in issues), issues


@pytest.mark.parametrize("lang", LANGS)
def test_accessibility_metadata(epubs, lang):
    meta = metadata(epubs[lang])
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    assert set(meta["schema:accessMode"]) == {"textual", "visual"}
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert {"structuralNavigation", "tableOfContents", "alternativeText"} <= set(
        meta["schema:accessibilityFeature"]
    )
    summary = meta["schema:accessibilitySummary"][0]
    assert ("DAISY Ace" in summary) and (("pembaca layar" in summary) == (lang == "id"))


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_and_the_english_quotation_carry_their_language(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as z:
        names = [n for n in z.namelist() if n.endswith(".xhtml")]
    for name in names:
        html = _read(epubs[lang], name).find("html")
        assert (html.get("lang"), html.get("xml:lang")) == (lang, lang), name
    quote = _read(epubs[lang], "pemberdayaan.xhtml").find("blockquote")
    assert (quote.get("lang"), quote.get("xml:lang")) == ("en", "en")


def test_english_terms_in_the_indonesian_text_carry_lang_and_xml_lang(epubs):
    """Each term the sources mark ``{.lang-en}`` (helpers.prose.marked_terms)."""
    from helpers.prose import marked_terms

    for doc, terms in marked_terms().items():
        page = _read(epubs["id"], f"{doc}.xhtml")
        found = Counter(
            " ".join(n.get_text().split())
            for n in page.find_all(["em", "span"])
            if (n.get("lang"), n.get("xml:lang")) == ("en", "en")
        )
        assert found == terms, doc


@pytest.mark.parametrize("lang", LANGS)
def test_cover_title_page_and_landmarks(epubs, lang):
    title = TITLE if lang == "id" else catalog("en", "index")[TITLE]
    opf = _read(epubs[lang], "content.opf")
    cover = opf.find("item", properties="cover-image")
    assert cover["href"].endswith(".svg")
    with zipfile.ZipFile(epubs[lang]) as z:
        svg = z.read(cover["href"]).decode()
    assert title.split()[0] in svg
    img = _read(epubs[lang], "epub-cover.xhtml").find("img")
    assert title in img["alt"] and img["role"] == "doc-cover"
    spine = [opf.find("item", id=ref["idref"])["href"] for ref in opf.find_all("itemref")]
    assert spine[:3] == ["epub-cover.xhtml", "textbook-title.xhtml", "index.xhtml"]
    # back matter in the PDF's order: the appendices A to D, the references, the index
    assert spine[-6:] == [
        "catatan-editorial.xhtml",
        "glosarium.xhtml",
        "cara-mengutip.xhtml",
        "riwayat-edisi.xhtml",
        "daftar-pustaka.xhtml",
        "genindex.xhtml",
    ]
    page = _read(epubs[lang], "textbook-title.xhtml")
    assert page.find("h1").get_text() == title
    licence = page.find(attrs={"epub:type": "copyright-page"}).get_text(" ")
    assert ("dilisensikan" in licence) == (lang == "id") and "CC BY-SA 4.0" in licence
    assert {"id": "tidak tercatat", "en": "not recorded"}[lang] in licence  # the article
    edition = current(ROOT)
    if not edition.released:  # between tags: the pre-release and its commit
        assert page.find("p", class_="prerelease").get_text() == gettext(
            WORDS["prerelease"], lang
        ).format(version=edition.version, commit=edition.commit)
    assert (
        page.find("p", class_="preview")
        .get_text()
        .startswith(
            {"id": "Pratinjau, bukan edisi terbit", "en": "Preview, not a published edition"}[lang]
        )
    )
    assert ("This edition is a translation" in licence) == (lang == "en")
    nav = _read(epubs[lang], "nav.xhtml")
    toc = nav.find("nav", attrs={"epub:type": "toc"})
    assert toc["role"] == "doc-toc"
    assert toc.find("h1").get_text() == {"id": "Daftar Isi", "en": "Contents"}[lang]
    marks = {
        a["epub:type"]: a["href"]
        for a in nav.find("nav", attrs={"epub:type": "landmarks"}).find_all("a")
    }
    assert marks == {
        "cover": "epub-cover.xhtml",
        "titlepage": "textbook-title.xhtml",
        "bodymatter": "index.xhtml",
        "bibliography": "daftar-pustaka.xhtml",
    }


@pytest.mark.parametrize("lang", LANGS)
def test_footnotes_are_epub_notes(epubs, lang):
    page = _read(epubs[lang], "pemberdayaan.xhtml")
    refs = page.find_all("a", attrs={"role": "doc-noteref"})
    notes = page.find_all("aside", attrs={"role": "doc-footnote"})
    assert len(refs) == len(notes) == 2
    assert all(r["epub:type"] == "noteref" for r in refs)
    assert all(n["epub:type"] == "footnote" for n in notes)
    assert {r["href"].lstrip("#") for r in refs} == {n["id"] for n in notes}


@pytest.mark.parametrize("lang", LANGS)
def test_no_unused_file_in_the_package(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as z:
        names = set(z.namelist()) - {"mimetype", "META-INF/container.xml", "content.opf"}
        texts = [z.read(n).decode() for n in names if n.endswith((".xhtml", ".ncx", ".css"))]
    for name in names - {"nav.xhtml", "toc.ncx"}:
        assert any(name in t or Path(name).name in t for t in texts), name


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_and_index_in_the_epub(epubs, lang):
    from helpers.book_facts import AUTHORS, TERMS, name

    glossary = _read(epubs[lang], "glosarium.xhtml")
    shown = [dt.contents[0].removesuffix(" (").strip() for dt in glossary.select("dl.glossary dt")]
    assert shown == sorted((name(t, lang) for t in TERMS), key=str.casefold)
    assert all(dd.select_one("p.glossary-defined a[href]") for dd in glossary.select("dd"))
    index = {a.get_text(strip=True) for a in _read(epubs[lang], "genindex.xhtml").select("a")}
    assert {*AUTHORS, *shown} <= index
    word = {"id": "Indeks", "en": "Index"}[lang]
    assert [
        a.get_text()
        for a in _read(epubs[lang], "nav.xhtml").select(
            'nav[epub\\:type="toc"] a[href="genindex.xhtml"]'
        )
    ] == [word]
