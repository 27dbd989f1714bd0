"""Print layout as a reader sees it on the page (pdfplumber): the comparison table's
header cells are not covered, the table leaves no row alone, no page is mostly empty
except at a chapter's end, and headings are not hyphenated; on A4 and on A5."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from helpers.latex_check import pdf_pages

CHAPTERS = ["pemberdayaan", "intervensi-makro", "model-intervensi"]
ROWS = 11  # rows of the comparison table (source/data/perbandingan-model.yaml)
HEADINGS = [
    "Pengembangan masyarakat menurut Budimanta",
    "Perbandingan tiga model",
    "Lima model intervensi komunitas",
    "Pemberdayaan menurut Payne",
]
RUNNING_HEAD = re.compile(r"^.+, Edisi \S+$")


@pytest.fixture(scope="module", params=["a4", "a5"])
def pack(request, tmp_path_factory, print_toolchain) -> Path:
    from textbook_build import Project
    from textbook_build.cli import main

    build_dir = tmp_path_factory.mktemp(f"layout-{request.param}") / "_build"
    code = main(
        ["coursepack", "--chapters", *CHAPTERS, "--langs", "id", "--paper", request.param],
        Project(build=build_dir),
    )
    assert code == 0
    return build_dir / "coursepack" / f"pemberdayaan-masyarakat-{'-'.join(CHAPTERS)}-id.pdf"


def words_of(page) -> list[dict]:
    return page.extract_words(x_tolerance=1.5)  # (narrow word spaces of justified lines)


def table_pages(pdf) -> list:
    """The pages holding the comparison table (its header row starts "No Indikator")."""
    return [
        page for page in pdf.pages if "No Indikator" in " ".join(w["text"] for w in words_of(page))
    ]


def header_word(page, text: str) -> dict:
    return next(w for w in words_of(page) if w["text"] == text)


@pytest.mark.print
def test_no_header_cell_is_covered_by_the_next_cell(pack):
    with pdfplumber.open(pack) as pdf:
        pages = table_pages(pdf)
        assert pages
        for page in pages:
            number, indicator = header_word(page, "No"), header_word(page, "Indikator")
            assert number["x1"] < indicator["x0"]
            # a cell's background starting inside the word paints over its end ("Nc")
            covering = [
                r
                for r in page.rects
                if number["x0"] < r["x0"] < number["x1"]
                and r["top"] < number["bottom"]
                and r["bottom"] > number["top"]
            ]
            assert not covering, (page.page_number, covering)


@pytest.mark.print
def test_every_page_of_the_table_holds_two_rows_or_more(pack):
    with pdfplumber.open(pack) as pdf:
        rows_per_page = []
        for page in table_pages(pdf):
            number = header_word(page, "No")
            rows = [
                w["text"]
                for w in words_of(page)
                if w["top"] > number["bottom"]
                and w["x0"] < number["x1"]
                and re.fullmatch(r"\d+", w["text"])
                and w["top"] < page.height * 0.88
            ]  # (not the folio)
            rows_per_page.append(rows)
    assert [n for rows in rows_per_page for n in rows] == [str(n) for n in range(1, ROWS + 1)]
    assert all(len(rows) >= 2 for rows in rows_per_page), rows_per_page


def running_head(text: str) -> bool:
    """Whether a page starts with the running head (title, edition; two lines on A5)."""
    lines = text.strip().splitlines()
    return any(RUNNING_HEAD.match(" ".join(lines[:n])) for n in (1, 2))


@pytest.mark.print
def test_no_page_more_than_60_percent_empty_except_at_a_chapters_end(pack):
    texts = pdf_pages(pack)
    with pdfplumber.open(pack) as pdf:
        bottoms = {}
        first = next(n for n, text in enumerate(texts) if re.match(r"\s*BAB\b", text))
        for page in pdf.pages[first:]:
            words = words_of(page)
            if not words:
                continue  # a blank left-hand page before a chapter
            # the body: below the running head ("..., Edisi 1.0"), above the folio line
            head = (
                next(w for w in words if w["text"] == "Edisi")["bottom"]
                if running_head(texts[page.page_number - 1])
                else page.height * 0.1
            )
            body = [w for w in words if head < w["top"] < page.height * 0.88]
            bottoms[page.page_number] = (
                min(w["top"] for w in body),
                max(w["bottom"] for w in body),
            )
    assert len(bottoms) >= 4
    top, bottom = min(t for t, _ in bottoms.values()), max(b for _, b in bottoms.values())
    for number, (_, last) in bottoms.items():
        chapter_end = number == len(texts) or not running_head(texts[number])
        empty = (bottom - last) / (bottom - top)
        assert chapter_end or empty <= 0.6, (number, round(empty, 2))


@pytest.mark.print
def test_headings_are_not_hyphenated(pack):
    with pdfplumber.open(pack) as pdf:
        words = {w["text"] for page in pdf.pages for w in words_of(page)}
    for heading in HEADINGS:
        assert set(heading.split()) <= words, (heading, set(heading.split()) - words)


@pytest.fixture(scope="module")
def one_sided(tmp_path_factory, print_toolchain) -> Path:
    from textbook_build import Project
    from textbook_build.cli import main

    build_dir = tmp_path_factory.mktemp("one-sided") / "_build"
    assert main(["pdf", "--langs", "id", "--sides", "one"], Project(build=build_dir)) == 0
    return build_dir / "pdf-oneside" / "pemberdayaan-masyarakat-id.pdf"


@pytest.mark.print
def test_blank_pages_only_where_two_sided_printing_needs_them(published, one_sided):
    build_dir, codes = published
    assert codes["pdf"] == 0
    two = pdf_pages(build_dir / "pdf" / "pemberdayaan-masyarakat-id.pdf")
    blank = [n for n, text in enumerate(two, 1) if not text.strip()]
    assert blank  # (chapters open on right-hand pages)
    for n in blank:  # a left-hand page before a chapter's opening on a right-hand page
        assert n % 2 == 0 and n < len(two) and not running_head(two[n]), (n, two[n][:60])
    one = pdf_pages(one_sided)
    assert all(text.strip() for text in one)
    assert len(one) == len(two) - len(blank)


def test_the_print_modules_import_one_another_without_a_cycle():
    """layout <- facing; the package's __init__ wires them (the build's volume.py, which
    joins packs, imports both and is imported by neither)."""
    import ast

    folder = Path(__file__).resolve().parents[1] / "tools" / "textbook" / "latex"
    graph = {}
    for path in folder.glob("*.py"):
        if path.stem != "__init__":
            tree = ast.parse(path.read_text(encoding="utf-8"))
            graph[path.stem] = {
                node.module
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.level == 1
            }
    assert graph.keys() >= {"layout", "facing"}
    assert "layout" in graph["facing"]

    def reaches(start: str, goal: str, seen: frozenset = frozenset()) -> bool:
        return any(
            n == goal or (n not in seen and reaches(n, goal, seen | {n}))
            for n in graph.get(start, ())
        )

    assert not [m for m in graph if reaches(m, m)]
