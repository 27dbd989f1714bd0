"""Pack files (coursepacks/*.yaml): errors at file:line with the nearest name; the
example pack's title page, A5 paper and escaped teacher text (print tier)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from helpers.latex_check import normalise, pdf_pages
from textbook_build import Project
from textbook_build.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = """title: Bahan Bacaan
course: Pengantar Pengembangan Masyarakat
chapters:
  - pemberdayaan
languages: [id]
"""


def run_pack(tmp_path, text: str, capsys):
    pack = tmp_path / "kuliah.yaml"
    pack.write_text(text, encoding="utf-8")
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    return code, pack, capsys.readouterr().err


@pytest.mark.parametrize(
    "text, line, message",
    [
        (GOOD + "lecturr: Dr. X\n", 6, "unknown key 'lecturr' (did you mean 'lecturer'?)"),
        (
            GOOD.replace("- pemberdayaan", "- pemberdayan"),
            4,
            "chapters: unknown chapter 'pemberdayan' (did you mean 'pemberdayaan'?)",
        ),
        (
            GOOD.replace("[id]", "[id, eng]"),
            5,
            "languages: unknown language 'eng' (did you mean 'en'?); the book has id en",
        ),
        (
            GOOD.replace("- pemberdayaan", "- pemberdayaan\n  - pemberdayaan"),
            5,
            "chapters: 'pemberdayaan' is named twice",
        ),
        (
            GOOD.replace("- pemberdayaan", "- daftar-pustaka"),
            3,
            "chapters: daftar-pustaka holds only the references, which every pack prints after",
        ),
        (GOOD + "paper: a3\n", 6, "paper: 'a3' is not one of ['a4', 'a5', 'letter']"),
        (
            GOOD + "layout: parallel\n",
            6,
            "layout: parallel sets two languages on facing pages "
            "(the first on the left); languages has 1: id",
        ),
        (
            GOOD + "layout: facing\n",
            6,
            "layout: 'facing' is not one of ['sequential', 'parallel']",
        ),
        (GOOD + "handout: yes please\n", 6, "handout: 'yes please' must be true or false"),
        (GOOD + "handot: true\n", 6, "unknown key 'handot' (did you mean 'handout'?)"),
        (GOOD.replace("title: Bahan Bacaan\n", ""), 1, "'title' is a required property"),
        (GOOD + "term: &t Ganjil\nlecturer: *t\n", 6, "anchor"),
    ],
)
def test_pack_file_errors_name_file_line_and_key(tmp_path, capsys, text, line, message):
    code, pack, err = run_pack(tmp_path, text, capsys)
    assert code == 2 and "Traceback" not in err
    assert f"{pack}:{line}:" in err and message in err, err
    assert not (tmp_path / "_build" / "coursepack").exists()


@pytest.mark.parametrize(
    "name, layout", [("contoh-pengantar", "sequential"), ("contoh-dwibahasa", "parallel")]
)
def test_the_example_packs_are_valid(name, layout):
    from textbook_build.packfile import load_pack

    chapters = sorted(p.stem for p in (ROOT / "source").glob("*.md") if p.stem != "index")
    pack = load_pack(ROOT / "coursepacks" / f"{name}.yaml", chapters, ["id", "en"])
    assert pack.chapters == ["pemberdayaan", "model-intervensi"]
    assert pack.layout == layout and not pack.handout
    assert pack.languages == ["id", "en"] and set(pack.title_page) == {
        "title",
        "course",
        "institution",
        "lecturer",
        "term",
    }


@pytest.mark.print
def test_a5_pack_title_page_with_the_teachers_text_escaped(
    tmp_path, capsys, print_toolchain, monkeypatch
):
    monkeypatch.setenv("TEXTBOOK_SITE_URL", "https://buku.example.org/")
    text = (
        GOOD + "lecturer: 'Dr. A & B_C {x} 100% #1 \\textbf{y} ~^'\n"
        "institution: Universitas Contoh\nterm: 2026/2027 Ganjil\npaper: a5\nsides: one\n"
    )
    code, pack, err = run_pack(tmp_path, text, capsys)
    assert code == 0, err
    pdf = tmp_path / "_build" / "coursepack" / "kuliah.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "419.53 x 595.28 pts" in info, info  # A5
    reader = pypdf.PdfReader(pdf)
    assert reader.metadata.title == "Bahan Bacaan"  # the pack's title, not the book's
    assert reader.trailer["/Root"]["/Lang"] == "id" and reader.xmp_metadata.dc_language == ["id"]
    first = normalise(pdf_pages(pdf)[0])
    for field in (
        "Bahan Bacaan",
        "Pengantar Pengembangan Masyarakat",
        "Universitas Contoh",
        "2026/2027 Ganjil",
        r"Dr. A & B_C {x} 100% #1 \textbf{y} ~^",
        "https://buku.example.org/id/",
    ):  # the online edition, beside its QR code
        assert normalise(field) in first, (field, first)


@pytest.mark.print
def test_two_pack_files_of_the_same_chapters_keep_two_pdfs(tmp_path, capsys, print_toolchain):
    project, pdfs = Project(build=tmp_path / "_build"), {}
    for name in ("kelas-a", "kelas-b"):
        pack = tmp_path / f"{name}.yaml"
        pack.write_text(
            GOOD.replace("Bahan Bacaan", f"Bacaan {name}") + "handout: true\nsides: one\n",
            encoding="utf-8",
        )
        assert main(["coursepack", "--pack", str(pack)], project) == 0
        pdfs[name] = tmp_path / "_build" / "coursepack" / f"{name}.pdf"
        assert f"published {pdfs[name]}" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "_build" / "coursepack").iterdir()) == [
        "kelas-a-accessible.pdf",
        "kelas-a.pdf",
        "kelas-b-accessible.pdf",
        "kelas-b.pdf",
    ]
    for name, pdf in pdfs.items():
        assert normalise(f"Bacaan {name}") in normalise(pdf_pages(pdf)[0])


def test_a_pack_file_name_unfit_for_a_pdf_name_is_refused(tmp_path, capsys):
    pack = tmp_path / "kelas a;b.yaml"
    pack.write_text(GOOD, encoding="utf-8")
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    err = capsys.readouterr().err
    assert code == 2 and f"{pack}:1:" in err and "only letters, digits and . _ -" in err, err


def test_a_pack_file_with_quick_form_options_is_refused(tmp_path, capsys):
    pack = tmp_path / "kuliah.yaml"
    pack.write_text(GOOD, encoding="utf-8")
    code = main(
        ["coursepack", "--pack", str(pack), "--chapters", "model-intervensi", "--paper", "a5"],
        Project(build=tmp_path / "_build"),
    )
    err = capsys.readouterr().err
    assert code == 2 and "--chapters --paper with --pack: the pack file" in err, err
    assert not (tmp_path / "_build" / "coursepack").exists()


@pytest.mark.print
@pytest.mark.parametrize(
    "lang, quoted, date",
    [
        ("id", "Bacaan “Minggu 1” – ‘Jum’at’", "2 Desember 2026"),
        ("en", "Bacaan “Minggu 1” – ‘Jum’at’", "December 2, 2026"),
    ],
)
def test_title_page_quotes_are_typographic_and_the_day_has_no_leading_zero(
    tmp_path, capsys, print_toolchain, monkeypatch, lang, quoted, date
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796212800")  # 2 December 2026
    text = GOOD.replace("title: Bahan Bacaan", "title: 'Bacaan \"Minggu 1\" -- ''Jum''at'''")
    code, pack, err = run_pack(
        tmp_path, text.replace("[id]", f"[{lang}]") + "sides: one\n", capsys
    )
    assert code == 0, err
    first = pdf_pages(tmp_path / "_build" / "coursepack" / "kuliah.pdf")[0]
    assert quoted in first and '"' not in first and "'" not in first, first
    assert date in first and not re.search(r"\b0\d\b", first), first
