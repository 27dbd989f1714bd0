"""`make chapters` and the quick pack's input errors (no TeX: they stop before any build)."""

from __future__ import annotations

import pytest

from textbook_build import Project
from textbook_build.cli import main


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(build=tmp_path / "_build")


def test_make_chapters_lists_number_file_and_title_per_language(project, capsys):
    assert main(["chapters", "--langs", "id", "en"], project) == 0
    out = capsys.readouterr().out
    id_part, en_part = out.split("[en]")
    assert id_part.startswith("[id]")
    rows = {"id": id_part, "en": en_part}
    assert "   1  pemberdayaan       Pemberdayaan dan Pengembangan Masyarakat" in rows["id"]
    assert "   3  model-intervensi   Models of Community Intervention" in rows["en"]
    assert "   A  catatan-editorial  Editorial Notes" in rows["en"]
    assert "   -  daftar-pustaka     Daftar Pustaka  (references" in rows["id"]


@pytest.mark.parametrize(
    "chapters, message",
    [
        (
            ["pemberdayan"],
            "unknown chapter(s): pemberdayan ('pemberdayan': did you mean 'pemberdayaan'?)",
        ),
        (["daftar-pustaka"], "daftar-pustaka holds only the references"),
        (
            ["pemberdayaan", "model-intervensi", "pemberdayaan"],
            "chapter(s) named more than once: pemberdayaan",
        ),
    ],
)
def test_pack_chapter_errors_are_clear(project, capsys, chapters, message):
    assert main(["coursepack", "--chapters", *chapters, "--langs", "id"], project) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (project.build / "coursepack").exists()


def test_a_wrong_language_code_gets_the_nearest_one(project, capsys):
    assert main(["chapters", "--langs", "eng"], project) == 2
    err = capsys.readouterr().err
    assert "unknown language(s) eng ('eng': did you mean 'en'?); the book has id en" in err
