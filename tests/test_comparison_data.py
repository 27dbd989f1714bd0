"""Loader-level checks of the data file that the directive tests do not reach."""

from pathlib import Path

import pytest

from textbook.comparison.data import DataError, load

ROOTS = Path(__file__).parent / "roots"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tabel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def good_text() -> str:
    return (ROOTS / "test-data-good" / "tabel.yaml").read_text(encoding="utf-8")


def test_duplicate_yaml_key_is_an_error(tmp_path):
    text = good_text().replace("      b: Sel b1\n", "      b: Sel b1\n      b: Sel b1 lagi\n")
    with pytest.raises(DataError, match=r"tabel\.yaml:16: duplicate key 'b'"):
        load(write(tmp_path, text))


def test_unquoted_yaml_boolean_heading_is_rejected(tmp_path):
    text = good_text().replace('number: "No"', "number: No")
    with pytest.raises(
        DataError, match=r"tabel\.yaml:2: headings\.number: False is not of type 'string'"
    ):
        load(write(tmp_path, text))


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(DataError, match=r"tidak-ada\.yaml: cannot read the file: No such file"):
        load(tmp_path / "tidak-ada.yaml")


def test_empty_file(tmp_path):
    with pytest.raises(DataError, match=r"tabel\.yaml:1: data file is empty"):
        load(write(tmp_path, "# hanya komentar\n"))


def test_good_file_keeps_order_and_lines(tmp_path):
    data = load(write(tmp_path, good_text()))
    assert [i.id for i in data.indicators] == ["satu", "dua"]
    assert data.indicators[1].cells == {"a": "Sel *miring* a2", "b": "Sel b2"}
    assert data.indicators[1].cell_lines == {"a": 20, "b": 21}
