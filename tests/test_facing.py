"""Facing-page course pack (layout: parallel) and handouts (handout: true), as printed:
the text of each PDF page (pdftotext), its labels and the LaTeX log."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import polib
import pypdf
import pytest

from helpers.html_check import edition_words
from helpers.latex_check import (
    ROOT,
    catalog,
    normalise,
    pdf_pages,
    table_caption,
    table_strings,
    table_text_problems,
)
from textbook.latex.layout import WORDS
from textbook.messages import gettext
from textbook_build import Project
from textbook_build.cli import main

pytestmark = pytest.mark.print

CHAPTERS = ["pemberdayaan", "model-intervensi"]
PACK = """title: Bahan Bacaan Dwibahasa
course: Pengantar Pengembangan Masyarakat
chapters: [pemberdayaan, model-intervensi]
languages: [id, en]
layout: parallel
"""


def build(tmp_path: Path, text: str, name: str) -> tuple[Path, Path]:
    pack = tmp_path / f"{name}.yaml"
    pack.write_text(text, encoding="utf-8")
    assert main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build")) == 0
    pdf = tmp_path / "_build" / "coursepack" / f"{name}.pdf"
    return pdf, tmp_path / "_build" / "stage" / "coursepack" / "id" / pdf.with_suffix(".log").name


@pytest.fixture(scope="module", params=["a4", "a5"])
def facing(request, tmp_path_factory, print_toolchain):
    """The pack on A4 and on A5 (where the title page and the running heads are tight)."""
    pdf, log = build(
        tmp_path_factory.mktemp("facing"),
        PACK + f"paper: {request.param}\n",
        "pemberdayaan-model-intervensi-id-en-facing",
    )
    return pdf, pdf_pages(pdf), log


def paragraphs(doc: str) -> list[tuple[str, str]]:
    """(Indonesian, English) of every paragraph of a chapter, in order (the catalog's
    messages from the chapter itself, longer than a heading)."""
    po = polib.pofile(str(ROOT / "locales" / "en" / "LC_MESSAGES" / f"{doc}.po"))
    return [
        (e.msgid, e.msgstr)
        for e in po
        if len(e.msgid) > 100 and any(f"{doc}.md" in path for path, _ in e.occurrences)
    ]


def plain(markup: str) -> str:
    """A message as printed: MyST emphasis, attributes and footnote references removed."""
    markup = re.sub(r"\[\^[^\]]+\]", "", markup)
    markup = re.sub(r"\[([^\[\]]*)\]\{\.lang-[a-z]+\}", r"\1", markup)
    markup = re.sub(r"\{cite:t\}`[^`]*`", "", markup)
    return re.sub(r"\*([^*]+)\*", r"\1", markup)


DIGITS = re.compile(r"\d")


def page_of(pages: list[str], text: str) -> list[int]:
    """1-based numbers of the pages where ``text`` begins (its first 30 characters)."""
    start = DIGITS.sub("", normalise(plain(text)))[:30]  # (footnote marks are digits)
    return [n for n, page in enumerate(pages, 1) if start in DIGITS.sub("", normalise(page))]


def test_each_paragraph_faces_its_translation(facing):
    """An Indonesian paragraph on page 2k, its English on page 2k+1 (every paragraph of
    two chapters, the first and the last of each among them, and their headings)."""
    _, pages, _ = facing
    for doc in CHAPTERS:
        pairs = paragraphs(doc)
        assert len(pairs) >= 2, doc
        for source, translation in pairs:
            left, right = page_of(pages, source), page_of(pages, translation)
            if source == translation:  # (the English quotation, in both editions)
                assert len(left) == 2 and left[0] % 2 == 0 and left[1] == left[0] + 1, left
                continue
            assert len(left) == 1 and len(right) == 1, (doc, source[:40], left, right)
            assert left[0] % 2 == 0 and right == [left[0] + 1], (doc, source[:40], left, right)
    en = catalog("en", "pemberdayaan")
    for heading in ("Pemberdayaan dan Pengembangan Masyarakat", "Pemberdayaan menurut Payne"):
        # (not the contents; the chapter's title is in the foot of its pages too, each
        # in its own page's language)
        left = [n for n in page_of(pages, heading) if n > 3]
        right = [n for n in page_of(pages, en[heading]) if n > 3]
        assert left and right and right[0] == left[0] + 1, (heading, left, right)
        assert all(n % 2 == 0 for n in left) and all(n % 2 == 1 for n in right), (left, right)


def test_every_table_cell_of_both_languages_faces_its_row(facing):
    _, pages, _ = facing
    for lang, parity in (("id", 0), ("en", 1)):
        mine = [p for n, p in enumerate(pages, 1) if n % 2 == parity and n > 3]
        assert table_text_problems("\n".join(mine), lang) == [], lang
    id_rows, en_rows = table_strings("id"), table_strings("en")
    labels = [k for k in id_rows if k.startswith("indicator ")]
    for key in labels:
        left, right = page_of(pages, id_rows[key]), page_of(pages, en_rows[key])
        assert left and right and right[-1] == left[-1] + 1, (key, left, right)
    # the caption's page holds rows 1 and 2, the last row's page the row before it too
    for lang, rows in (("id", id_rows), ("en", en_rows)):
        caption = page_of(pages, table_caption(lang))[-1]
        assert page_of(pages, rows[labels[0]])[-1] == caption, lang
        assert page_of(pages, rows[labels[1]])[-1] == caption, lang
        assert page_of(pages, rows[labels[-2]])[-1] == page_of(pages, rows[labels[-1]])[-1]


def test_footnotes_and_references_on_their_own_side(facing):
    pdf, pages, _ = facing
    first = page_of(pages, paragraphs("pemberdayaan")[0][0])[0]
    left, right = pages[first - 1], pages[first]
    assert "Adi (2003, h. 54)" in left and "Adi (2003, p. 54)" in right
    assert "p. 54" not in left and "h. 54" not in right
    refs = [n for n, p in enumerate(pages, 1) if p.startswith("Daftar Pustaka\n")]
    assert len(refs) == 1 and refs[0] % 2 == 0, refs
    assert pages[refs[0]].startswith("References\n"), pages[refs[0]][:80]
    assert "DalamAksesPeran" in normalise(pages[refs[0] - 1])  # each in its own words
    assert "InAksesPeran" in normalise(pages[refs[0]])


def test_heads_in_each_pages_language_and_unique_labels(facing):
    pdf, pages, log = facing
    # "Edisi 1.0", or between tags the title page's "prarilis 1.0 (komit abc1234)"
    words = {lang: edition_words(lang) for lang in ("id", "en")}
    heads = {}  # the head is the page's first line, or two or three on A5
    for n, page in enumerate(pages, 1):
        for head in (" ".join(page.splitlines()[:k]) for k in (1, 2, 3)):
            if head.endswith(tuple(f", {w}" for w in words.values())):
                heads[n] = head
                break
    assert heads
    for n, head in heads.items():
        assert head.endswith(", " + (words["id"] if n % 2 == 0 else words["en"])), (n, head)
    labels = pypdf.PdfReader(pdf).page_labels
    assert len(set(labels)) == len(labels), labels
    # left-hand pages carry even folios from the first chapter on
    assert all(
        int(label) % 2 == (n + 1) % 2 for n, label in enumerate(labels) if label.isdigit()
    ), labels
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\vbox" not in text
    assert "multiply defined" not in text and "undefined references" not in text


def test_title_page_attribution_in_both_languages(facing):
    _, pages, _ = facing
    title = normalise(pages[0])
    for words in (
        "Bahan ini memuat bab-bab dari",
        "This pack reproduces chapters of",
        "Bahan Bacaan Dwibahasa",
    ):
        assert normalise(words) in title, words
    assert normalise(gettext(WORDS["licence"], "en")) in normalise(pages[1])


@pytest.mark.parametrize("langs", [["id"], ["id", "en"]])
def test_handout_one_title_block_no_contents_licence_kept(tmp_path, print_toolchain, langs):
    text = (
        "title: Lembar Bacaan\nlecturer: Nama Dosen\nchapters: [pemberdayaan]\n"
        f"languages: [{', '.join(langs)}]\nhandout: true\nsides: one\n"
    )
    pdf, log = build(tmp_path, text, f"pemberdayaan-{'-'.join(langs)}-handout")
    pages = pdf_pages(pdf)
    whole = normalise("\n".join(pages))
    assert whole.count(normalise("Lembar Bacaan")) == 1  # one title block
    assert normalise("Lembar Bacaan") in normalise(pages[0])
    for heading in ("Daftar Isi", "Contents", "English Edition"):
        assert not any(line.strip() == heading for p in pages for line in p.splitlines())
    for lang in langs:  # the licence (and the attribution) on page 1, in every language
        assert normalise(gettext(WORDS["licence"], lang)) in normalise(pages[0]), lang
    assert normalise("Hal inti dari sebuah intervensi") in normalise(pages[0])
    assert len(pages) <= 2 * len(langs)
    assert pypdf.PdfReader(pdf).metadata.title == "Lembar Bacaan"  # the pack's title
    assert "Overfull \\vbox" not in log.read_text(encoding="utf-8", errors="replace")


def test_the_pdf_carries_the_packs_title_and_both_languages(facing):
    pdf, _, _ = facing
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title == "Bahan Bacaan Dwibahasa"
    assert reader.trailer["/Root"]["/Lang"] == "id"  # the first language
    xmp = reader.xmp_metadata
    assert xmp.dc_language == ["id", "en"]
    assert xmp.dc_title == {"id": "Bahan Bacaan Dwibahasa"}


def test_every_page_of_the_table_has_its_header_whole(facing):
    """Each page holding rows of the table (both pages of every spread it spans) starts
    with the header row in its own language; the narrow "No" cell is read whole (not
    "NoIndikator") and not painted over; no row runs over the page's foot."""
    pdf, pages, _ = facing
    rows = {lang: table_strings(lang) for lang in ("id", "en")}
    no = {"id": "No", "en": catalog("en", "model-intervensi")["No"]}  # ("No.")
    with pdfplumber.open(pdf) as doc:
        for lang in ("id", "en"):
            labels = [v for k, v in rows[lang].items() if k.startswith("indicator ")]
            found = sorted({n for label in labels for n in page_of(pages, label)})
            assert len(found) >= 2, (lang, found)  # (the table spans spreads)
            for n in found:
                assert n % 2 == (0 if lang == "id" else 1), (lang, n)
                words = doc.pages[n - 1].extract_words(x_tolerance=1.5)
                number = [w for w in words if w["text"] == no[lang]]
                assert len(number) == 1, (lang, n, [w["text"] for w in words[:12]])
                header = [w for w in words if abs(w["top"] - number[0]["top"]) < 2]
                text = normalise(" ".join(w["text"] for w in header))
                for key, name in rows[lang].items():  # each model's name heads its column
                    if key.startswith("model "):
                        assert normalise(name.split()[0]) in text, (lang, n, name, text)
                nearest = min(
                    (w for w in header if w["x0"] > number[0]["x0"]), key=lambda w: w["x0"]
                )
                assert number[0]["x1"] < nearest["x0"], (lang, n, nearest["text"])
                # no cell background starting inside the word paints over its end ("Nc")
                covering = [
                    r
                    for r in doc.pages[n - 1].rects
                    if number[0]["x0"] < r["x0"] < number[0]["x1"]
                    and r["top"] < number[0]["bottom"]
                    and r["bottom"] > number[0]["top"]
                ]
                assert not covering, (lang, n, covering)
                # no row runs over the foot: below the foot's rule only its one line
                rule = max(doc.pages[n - 1].lines, key=lambda line: line["top"])["top"]
                below = [w["top"] for w in words if w["bottom"] > rule]
                assert below and min(below) > rule and max(below) - min(below) < 3, (
                    lang,
                    n,
                    rule,
                    below,
                )


def test_no_page_more_than_60_percent_empty_except_at_a_chapters_end(facing):
    """From the first chapter on, every page's body reaches at least 40 % down the
    body's height, unless its chapter ends on that spread."""
    pdf, pages, _ = facing
    ends = tuple(f", {edition_words(lang)}" for lang in ("id", "en"))

    def headed(n: int) -> bool:  # (1-based; the running head is one to three lines)
        lines = pages[n - 1].strip().splitlines() if n <= len(pages) else []
        return any(" ".join(lines[:k]).endswith(ends) for k in (1, 2, 3))

    contents = next(n for n, text in enumerate(pages, 1) if "Daftar Isi" in text)
    spans = {}
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages[contents:], contents + 1):
            # the body: below the head, above the folio line
            body = [
                w
                for w in page.extract_words(x_tolerance=1.5)
                if page.height * 0.1 < w["top"] < page.height * 0.88
            ]
            if body:  # (not a blank page)
                spans[n] = (min(w["top"] for w in body), max(w["bottom"] for w in body))
    assert len(spans) >= 6
    top, bottom = min(t for t, _ in spans.values()), max(b for _, b in spans.values())
    for n, (_, last) in spans.items():
        chapter_end = not headed(n + 2 if n % 2 == 0 else n + 1)  # (the next spread's page)
        empty = (bottom - last) / (bottom - top)
        assert chapter_end or empty <= 0.6, (n, round(empty, 2))
