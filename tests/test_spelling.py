"""Spelling: `make po-check` runs hunspell over the Indonesian sources, the data file
and the English msgstrs, with the project's word lists; the book has 0 unknown words."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers.commands import run
from textbook_build import copy_project
from textbook_po import checks

pytestmark = pytest.mark.slow


def test_the_book_has_no_unknown_word():
    assert [str(p) for p in checks.check_all() if "spelling" in p.message] == []


def test_po_check_names_each_unknown_word_at_file_and_line(tmp_path):
    project = copy_project(tmp_path / "book")
    chapter = project / "source" / "pemberdayaan.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace("memberdayakan guna", "memberdayakn guna"), "utf-8"
    )
    data = project / "source" / "data" / "perbandingan-model.yaml"
    data.write_text(data.read_text("utf-8").replace("Kemandirian;", "Kemandirain;"), "utf-8")
    po = project / "locales/en/LC_MESSAGES/pemberdayaan.po"
    po.write_text(po.read_text("utf-8").replace("to restore social", "to restoer social"), "utf-8")
    proc = run(project, "textbook_po", "check")
    assert proc.returncode == 1
    out = proc.stdout
    assert (
        "source/pemberdayaan.md:5: spelling: unknown word 'memberdayakn' (hunspell "
        "id_ID,en_US): correct it, or add it to locales/spelling/id.txt" in out
    )
    assert "source/data/perbandingan-model.yaml:22: spelling: unknown word 'Kemandirain'" in out
    assert (
        "locales/en/LC_MESSAGES/pemberdayaan.po:32: spelling: unknown word 'restoer' "
        "(hunspell en_US)" in out
    )


def test_the_original_typos_listed_in_the_editorial_notes_are_not_flagged():
    text = (checks.ROOT / "source" / "catatan-editorial.md").read_text("utf-8")
    assert "% spelling: off" in text and "kapasistas" in text


def test_the_build_rejects_what_po_check_reports(tmp_path):
    from textbook_build import SPHINX_FLAGS

    project = copy_project(tmp_path / "book")
    chapter = project / "source" / "pemberdayaan.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace("memberdayakan guna", "memberdayakn guna"), "utf-8"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            *SPHINX_FLAGS,
            "-D",
            "language=id",
            "-d",
            str(tmp_path / "dt"),
            "-c",
            str(project),
            str(project / "source"),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert (
        f"{project / 'source' / 'pemberdayaan.md'}:5: ERROR: spelling: unknown word "
        "'memberdayakn'" in proc.stderr
    )


def test_raw_output_blocks_are_not_prose():
    """A ``{raw}`` block (a course pack's \\setcounter, a LaTeX macro) is not checked;
    the prose around it, nested directives included, still is."""
    from textbook.i18n.spelling import markdown_prose

    lines = [
        "Kata satu.",
        "```{lang-only} en",
        "```{raw} latex",
        "\\setcounter{chapter}{2}",
        "```",
        "Kalimat dalam blok.",
        "```",
        "Kata dua.",
    ]
    out = markdown_prose(lines)
    assert out[3] == "" and "setcounter" not in " ".join(out)
    assert "Kalimat dalam blok." in out[5] and "Kata dua." in out[7]
