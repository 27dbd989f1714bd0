"""The accessible PDF (PDF/UA-1) beside each print PDF: what a screen reader and a
PDF/UA checker find in it (tools/textbook_build/accessible, textbook.upstream.weasyprint_tags)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup

LANGS = ["id", "en"]
ROOT = Path(__file__).resolve().parents[1]
BASENAME = "pemberdayaan-masyarakat"
pytestmark = pytest.mark.print


@pytest.fixture(scope="module")
def books(published) -> dict[str, Path]:
    build_dir, codes = published
    assert codes["pdf"] == 0, codes
    return {lang: build_dir / "pdf" / f"{BASENAME}-{lang}-accessible.pdf" for lang in LANGS}


def structure(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element, in document order."""
    found = []

    def walk(node):
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def text_of(pdf: pikepdf.Pdf, element) -> str:
    """The text a structure element marks (its MCIDs' text, read with pdftotext would
    lose the tie; here: any descendant marks content)."""
    kids = element.get("/K")
    items = kids if isinstance(kids, pikepdf.Array) else [kids]
    return "".join(
        "x" if isinstance(k, int) else text_of(pdf, k) if isinstance(k, pikepdf.Dictionary) else ""
        for k in items
    )


def all_rules_evaluated(path: Path, monkeypatch):
    """pdfua's report with every rule run: in pdfua 0.1.3 UA-14-001 (empty headings)
    raises on each /K array (``as_integer`` reads ``.is_integer`` of an array, which
    pikepdf refuses with ValueError), so the test gives the rule a reader of numbers
    that treats an array as no number, which is what the rule means."""
    from pdfua import document, validate
    from pdfua.rules import structure as rules

    def as_integer(value):
        return None if isinstance(value, pikepdf.Array) else document.as_integer(value)

    monkeypatch.setattr(rules, "as_integer", as_integer)
    report = validate(str(path))
    assert not report.skipped, [(o.rule_id, o.skipped_reason) for o in report.skipped]
    return report


@pytest.mark.parametrize("lang", LANGS)
def test_pdfua_check_passes(books, lang, monkeypatch):
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pdfua"), "check", str(books[lang])],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "result: PASS" in proc.stdout
    report = all_rules_evaluated(books[lang], monkeypatch)
    assert report.findings == (), report.findings


def test_pdfua_finds_an_emptied_heading(books, tmp_path, monkeypatch):
    """The empty-heading rule really runs: a heading stripped of its text is reported."""
    emptied = tmp_path / "emptied.pdf"
    with pikepdf.open(books["id"]) as pdf:
        heading = next(e for e in structure(pdf) if str(e.S) == "/H2")
        del heading["/K"]
        pdf.save(emptied)
    report = all_rules_evaluated(emptied, monkeypatch)
    assert [f.rule_id for f in report.findings] == ["UA-14-001"], report.findings


@pytest.mark.parametrize("lang", LANGS)
def test_structure_a_screen_reader_navigates(books, lang):
    with pikepdf.open(books[lang]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == lang
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.open_metadata().get("dc:title")) == (
            "Pengantar Pemberdayaan dan Intervensi Komunitas"
            if lang == "id"
            else "An Introduction to Empowerment and Community Intervention"
        )
        elements = structure(pdf)
        roles = Counter(str(e.S) for e in elements)
        # the book's title, chapters and sections; none empty, no level skipped
        headings = [int(str(e.S)[2]) for e in elements if re.fullmatch(r"/H\d", str(e.S))]
        assert headings[0] == 1 and len(headings) >= 10
        assert all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False)), headings
        assert all(text_of(pdf, e) for e in elements if re.fullmatch(r"/H\d", str(e.S)))
        # the five models are a list; the comparison table has header cells with scope
        assert roles["/L"] >= 1 and roles["/LI"] >= 5 and roles["/Lbl"] >= 5
        scopes = Counter(str(e.A.Scope) for e in elements if e.S == "/TH")
        assert scopes["/Column"] >= 5 and scopes["/Row"] >= 11, scopes
        # footnotes are notes, each with its own ID
        notes = [str(e.ID) for e in elements if e.S == "/Note"]
        assert len(notes) >= 3 and len(set(notes)) == len(notes), notes
        # passages in the other language say so
        other = "en" if lang == "id" else "id"
        marked = Counter(str(e.Lang) for e in elements if "/Lang" in e)
        if lang == "id":
            assert marked["en"] >= 20, marked  # English terms and the Payne quotation
        assert set(marked) <= {lang, other}, marked
        # every link annotation says where it goes, in words
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
        assert roles["/Link"] >= 10 and len(links) >= roles["/Link"]
        anchors = {str(a.get("/Dest", "")) for a in links}
        described = [str(a.Contents) for a in links]
        assert all(d.strip() and d not in anchors for d in described), described
        # bookmarks for the chapters
        with pdf.open_outline() as outline:
            assert len(outline.root) >= 1
            titles = [item.title for top in outline.root for item in [top, *top.children]]
        assert len(titles) >= 5, titles


def test_the_english_terms_of_the_indonesian_book_are_marked(books):
    with pikepdf.open(books["id"]) as pdf:
        quotes = [e for e in structure(pdf) if e.S == "/BlockQuote"]
        assert any(str(e.get("/Lang", "")) == "en" for e in quotes)


@pytest.mark.parametrize("lang", LANGS)
def test_the_text_layer_has_no_split_words(books, lang):
    """No word is split at a line's end, in the text as a reader extracts it without
    rejoining (pypdf): a hyphen there belongs to a compound the book writes."""
    import pypdf

    raw = "\n".join(page.extract_text() for page in pypdf.PdfReader(books[lang]).pages)
    written = "\n".join(
        path.read_text("utf-8")
        for path in [
            *(ROOT / "source").rglob("*.md"),
            *(ROOT / "source").rglob("*.yaml"),
            *(ROOT / "locales" / lang).rglob("*.po"),
        ]
        if path.is_file()
    )
    written = re.sub(r"\{\.lang-[\w-]+\}|[\[\]*]", "", written).casefold()  # the text, no marks
    split = [
        f"{a}-{b}"
        for a, b in re.findall(r"(\w+)[-\u2010\u00ad] *\n *(\w+)", raw)
        if f"{a}-{b}".casefold() not in written
    ]
    assert split == [], split
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(books[lang]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = set(re.findall(r"\w+", text.lower()))
    whole = {
        "id": {"pemberdayaan", "masyarakat", "intervensi", "komunitas", "indikator"},
        "en": {"empowerment", "community", "intervention", "development"},
    }[lang]
    assert whole <= words


@pytest.mark.parametrize("lang", LANGS)
def test_the_front_page_lists_the_chapters_as_the_site_does(books, published, lang):
    """The front page's cards (styled by the print theme alone): each chapter's title
    and summary, as the site's front page shows them, on the PDF's first page."""
    soup = BeautifulSoup(
        (published[0] / "html" / lang / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    cards = [
        " ".join(part.get_text(" ").split())
        for card in soup.select(".sd-card")
        for part in card.select(".sd-card-title, .sd-card-text")
    ]
    assert len(cards) == 6, cards
    first = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(books[lang]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert [c for c in cards if c not in " ".join(first.split())] == []


def test_the_site_offers_it_beside_the_print_pdf(published):
    build_dir, _ = published
    for lang, label in (("id", "PDF untuk pembaca layar"), ("en", "PDF for screen readers")):
        soup = BeautifulSoup(
            (build_dir / "html" / lang / "pemberdayaan.html").read_text(encoding="utf-8"),
            "html.parser",
        )
        link = soup.find("a", href=f"../downloads/{BASENAME}-{lang}-accessible.pdf")
        assert link is not None and link.get_text(strip=True) == label
        assert (build_dir / "html" / "downloads" / f"{BASENAME}-{lang}-accessible.pdf").is_file()


@pytest.fixture(scope="module")
def pack_pdfs(tmp_path_factory, print_toolchain) -> dict[str, Path]:
    from textbook_build import Project
    from textbook_build.cli import main

    build_dir = tmp_path_factory.mktemp("accessible-pack") / "_build"
    pack = Path(__file__).resolve().parent.parent / "coursepacks" / "contoh-dwibahasa.yaml"
    assert main(["coursepack", "--pack", str(pack)], Project(build=build_dir)) == 0
    folder = build_dir / "coursepack"
    assert sorted(p.name for p in folder.glob("*.pdf")) == [
        "contoh-dwibahasa-en-accessible.pdf",
        "contoh-dwibahasa-id-accessible.pdf",
        "contoh-dwibahasa.pdf",
    ]
    return {lang: folder / f"contoh-dwibahasa-{lang}-accessible.pdf" for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_a_bilingual_pack_has_an_accessible_pdf_per_language(pack_pdfs, lang):
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "pdfua"), "check", str(pack_pdfs[lang])],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with pikepdf.open(pack_pdfs[lang]) as pdf:
        assert str(pdf.Root.Lang) == lang
        assert str(pdf.open_metadata().get("dc:title")) == "Bahan Bacaan Dwibahasa Minggu 5-6"
        headings = [e for e in structure(pdf) if re.fullmatch(r"/H\d", str(e.S))]
        assert [str(e.S) for e in headings].count("/H1") == 3  # the pack, two chapters
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pack_pdfs[lang]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # the pack's own lines first, then only its chapters
    assert text.startswith(
        "Bahan Bacaan Dwibahasa Minggu 5-6\nPengantar Pengembangan "
        "Masyarakat\nProgram Studi Kesejahteraan Sosial\n"
    )
    chapter_three = {
        "id": "Model-Model Intervensi Komunitas",
        "en": "Models of Community Intervention",
    }[lang]
    left_out = {
        "id": "Intervensi Komunitas sebagai Praktik Makro",
        "en": "Community Intervention as Macro Practice",
    }[lang]
    assert chapter_three in text and left_out not in text.replace("\n", " ")
