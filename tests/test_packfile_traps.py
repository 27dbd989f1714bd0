"""Pack-file traps a teacher meets: an unquoted '#' (YAML drops the rest of the line
as a comment) or ': ' (YAML reads a second key) in a value is refused with "put the
value in quotes", the file and line, and the line as it should be written."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from build.packfile import load_pack
from textbook.inputs import InputError

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS, LANGS = ["pemberdayaan", "model-intervensi"], ["id", "en"]


@pytest.mark.parametrize("body, line, message", [
    ("title: Bacaan Kelas #2 (Reguler)\nchapters: [pemberdayaan]\n", 1,
     "title: a value with an unquoted '#' (YAML reads only 'Bacaan Kelas'): put the value "
     "in quotes: title: \"Bacaan Kelas #2 (Reguler)\" (a comment goes on a line of its own)"),
    ("chapters: [pemberdayaan]\ntitle: Bacaan\ncourse: PMI201 Kelas \"B\" #3\n", 3,
     "course: a value with an unquoted '#' (YAML reads only 'PMI201 Kelas \"B\"'): put the "
     "value in quotes: course: \"PMI201 Kelas \\\"B\\\" #3\" (a comment goes on a line of "
     "its own)"),
    ("chapters: [pemberdayaan]\ntitle: Bacaan: Minggu 1\n", 2,
     "title: a value with an unquoted ':': put the value in quotes: "
     "title: \"Bacaan: Minggu 1\" (a comment goes on a line of its own)"),
])
def test_unquoted_hash_or_colon_is_refused_with_the_line(tmp_path, body, line, message):
    path = tmp_path / "kuliah.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(InputError) as caught:
        load_pack(path, CHAPTERS, LANGS)
    assert str(caught.value) == f"{path}:{line}: {message}"


def test_quoted_values_and_comments_on_other_keys_are_kept(tmp_path):
    path = tmp_path / "kuliah.yaml"
    path.write_text("# PMI201\ntitle: 'Bacaan Kelas #2: Reguler'\nchapters: [pemberdayaan]\n"
                    "paper: a5  # for the handout\n", "utf-8")
    pack = load_pack(path, CHAPTERS, LANGS)
    assert pack.title_page == {"title": "Bacaan Kelas #2: Reguler"} and pack.paper == "a5"


def test_make_coursepack_prints_the_hint(tmp_path):
    path = tmp_path / "kuliah.yaml"
    path.write_text("title: Bacaan Kelas #2\nchapters: [pemberdayaan]\n", "utf-8")
    proc = subprocess.run(["make", "--no-print-directory", "coursepack", f"PACK={path}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    assert f"error: {path}:1: title: a value with an unquoted '#' (YAML reads only " \
           f"'Bacaan Kelas'): put the value in quotes: title: \"Bacaan Kelas #2\"" \
           in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
