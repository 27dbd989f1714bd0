"""Pack-file traps a teacher meets: an unquoted '#' (YAML drops the rest of the line
as a comment) or ': ' (YAML reads a second key) in a value is refused with "put the
value in quotes", the file and line, and the line as it should be written."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from textbook.inputs import InputError
from textbook_build.packfile import load_pack

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS, LANGS = ["pemberdayaan", "model-intervensi"], ["id", "en"]


@pytest.mark.parametrize(
    "body, line, message",
    [
        (
            "title: Bacaan Kelas #2 (Reguler)\nchapters: [pemberdayaan]\n",
            1,
            "title: a value with an unquoted '#' (YAML reads only 'Bacaan Kelas'): put the value "
            'in quotes: title: "Bacaan Kelas #2 (Reguler)" (a comment goes on a line of its own)',
        ),
        (
            'chapters: [pemberdayaan]\ntitle: Bacaan\ncourse: PMI201 Kelas "B" #3\n',
            3,
            "course: a value with an unquoted '#' (YAML reads only 'PMI201 Kelas \"B\"'): put the "
            'value in quotes: course: "PMI201 Kelas \\"B\\" #3" (a comment goes on a line of '
            "its own)",
        ),
        (
            "chapters: [pemberdayaan]\ntitle: Bacaan: Minggu 1\n",
            2,
            "title: a value with an unquoted ':': put the value in quotes: "
            'title: "Bacaan: Minggu 1" (a comment goes on a line of its own)',
        ),
    ],
)
def test_unquoted_hash_or_colon_is_refused_with_the_line(tmp_path, body, line, message):
    path = tmp_path / "kuliah.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(InputError) as caught:
        load_pack(path, CHAPTERS, LANGS)
    assert str(caught.value) == f"{path}:{line}: {message}"


def test_quoted_values_and_comments_on_other_keys_are_kept(tmp_path):
    path = tmp_path / "kuliah.yaml"
    path.write_text(
        "# PMI201\ntitle: 'Bacaan Kelas #2: Reguler'\nchapters: [pemberdayaan]\n"
        "paper: a5  # for the handout\n",
        "utf-8",
    )
    pack = load_pack(path, CHAPTERS, LANGS)
    assert pack.title_page == {"title": "Bacaan Kelas #2: Reguler"} and pack.paper == "a5"


def test_make_coursepack_prints_the_hint(tmp_path):
    path = tmp_path / "kuliah.yaml"
    path.write_text("title: Bacaan Kelas #2\nchapters: [pemberdayaan]\n", "utf-8")
    proc = subprocess.run(
        ["make", "--no-print-directory", "coursepack", f"PACK={path}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode != 0
    assert (
        f"error: {path}:1: title: a value with an unquoted '#' (YAML reads only "
        f"'Bacaan Kelas'): put the value in quotes: title: \"Bacaan Kelas #2\"" in proc.stderr
    ), proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "body, line, message",
    [
        (
            "title: " + "x" * 201 + "\nchapters: [pemberdayaan]\n",
            1,
            "title: at most 200 characters; this one has 201",
        ),
        (
            "title: ''\nchapters: [pemberdayaan]\n",
            1,
            "title: is empty; write the text, or leave the key out",
        ),
        (
            "title: T\nchapters: pemberdayaan\n",
            2,
            "chapters: 'pemberdayaan' must be a list, e.g. [pemberdayaan, model-intervensi]",
        ),
        ("title: T\nchapters: []\n", 2, "chapters: lists nothing; name at least 1"),
    ],
)
def test_schema_messages_name_the_limit(tmp_path, body, line, message):
    path = tmp_path / "kuliah.yaml"
    path.write_text(body, "utf-8")
    with pytest.raises(InputError) as caught:
        load_pack(path, CHAPTERS, LANGS)
    assert str(caught.value) == f"{path}:{line}: {message}"


@pytest.mark.print
@pytest.mark.parametrize("paper", ["a5"])
def test_a_long_unbroken_title_wraps_inside_the_page(tmp_path, capsys, print_toolchain, paper):
    from textbook_build import Project
    from textbook_build.cli import main

    long = "PMI201-" + "bacaankelas" * 17  # 194 characters, no space
    pack = tmp_path / "kuliah.yaml"
    pack.write_text(
        f"title: {long}\nchapters: [pemberdayaan]\npaper: {paper}\nsides: one\n", "utf-8"
    )
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    assert code == 0, capsys.readouterr().err
    pdf = tmp_path / "_build" / "coursepack" / "kuliah.pdf"
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', xml)[1])
    words = re.findall(r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)<', xml)
    assert long in "".join(w for _, _, w in words)  # all of it, on lines in a row
    outside = [w for a, b, w in words if float(a) < 0 or float(b) > width]
    assert not outside, (width, outside)


@pytest.mark.print
@pytest.mark.parametrize("layout", ["sequential", "parallel"])
def test_a_bilingual_pack_prints_each_languages_address(
    tmp_path, capsys, print_toolchain, monkeypatch, layout
):
    from helpers.latex_check import normalise, pdf_pages
    from textbook_build import Project
    from textbook_build.cli import main

    monkeypatch.setenv("TEXTBOOK_SITE_URL", "https://buku.example.org/")
    pack = tmp_path / "kuliah.yaml"
    pack.write_text(
        f"title: Bacaan\nchapters: [pemberdayaan]\nlanguages: [id, en]\n"
        f"layout: {layout}\nsides: one\n",
        "utf-8",
    )
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    assert code == 0, capsys.readouterr().err
    first = normalise(pdf_pages(tmp_path / "_build" / "coursepack" / "kuliah.pdf")[0])
    for lang in ("id", "en"):
        assert f"https://buku.example.org/{lang}/" in first, (lang, first)


def _words(pdf: Path, page: int = 1) -> list[tuple[float, str]]:
    """(height, text) of every word on ``page`` (pdftotext -bbox: its type size)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(y1) - float(y0), w)
        for y0, y1, w in re.findall(r'yMin="([\d.]+)"[^>]*yMax="([\d.]+)">([^<]*)<', xml)
    ]


@pytest.mark.print
@pytest.mark.parametrize("paper, languages", [("a4", "[id, en]"), ("a5", "[id]")])
def test_the_packs_title_is_the_largest_text_with_the_book_below_as_source(
    tmp_path, capsys, print_toolchain, paper, languages
):
    from textbook_build import Project
    from textbook_build.cli import main

    pack = tmp_path / "kuliah.yaml"
    pack.write_text(
        f"title: Bacaan Minggu Satu\ncourse: Kursus Uji\nchapters: [pemberdayaan]\n"
        f"languages: {languages}\npaper: {paper}\nsides: one\n",
        "utf-8",
    )
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    assert code == 0, capsys.readouterr().err
    words = _words(tmp_path / "_build" / "coursepack" / "kuliah.pdf")
    size = {w: h for h, w in words}
    title = min(size[w] for w in ("Bacaan", "Minggu", "Satu"))
    others = [(h, w) for h, w in words if w not in ("Bacaan", "Minggu", "Satu")]
    assert all(h < title for h, _ in others), (title, sorted(others)[-3:])
    text = [w for _, w in words]  # order on the page: title, course, then the book
    assert text.index("Satu") < text.index("Uji") < text.index("Pengantar")
    first: dict[str, float] = {}
    for h, w in words:
        first.setdefault(w, h)
    assert first["Uji"] >= first["Pemberdayaan"] - 0.01  # course lines, then the book


@pytest.mark.parametrize(
    "environ, message",
    [
        ({"LANG": "id_ID.UTF-8"}, "title: paling banyak 200 karakter; yang ini 201"),
        (
            {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"},
            "title: paling banyak 200 karakter; yang ini 201",
        ),
        (
            {"LANGUAGE": "en:id", "LANG": "id_ID.UTF-8"},
            "title: at most 200 characters; this one has 201",
        ),
        ({"LANG": "C.UTF-8"}, "title: at most 200 characters; this one has 201"),
        ({"LANG": "fr_FR.UTF-8"}, "title: at most 200 characters; this one has 201"),
    ],
)
def test_messages_come_in_the_teachers_language(tmp_path, capsys, monkeypatch, environ, message):
    from textbook_build import Project
    from textbook_build.cli import main

    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environ.items():
        monkeypatch.setenv(variable, value)
    pack = tmp_path / "kuliah.yaml"
    pack.write_text("title: " + "x" * 201 + "\nchapters: [pemberdayaan]\n", "utf-8")
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    err = capsys.readouterr().err
    assert code == 2 and err == f"error: {pack}:1: {message}\n", err


def test_an_indonesian_teacher_reads_the_quote_hint_in_indonesian(tmp_path):
    path = tmp_path / "kuliah.yaml"
    path.write_text("title: Bacaan Kelas #2\nchapters: [pemberdayaan]\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_pack(path, CHAPTERS, LANGS, lang="id")
    assert str(caught.value) == (
        f"{path}:1: title: nilai dengan '#' tanpa tanda kutip (yang terbaca hanya "
        "'Bacaan Kelas'): beri tanda kutip pada nilainya: title: \"Bacaan Kelas #2\" "
        "(komentar ditulis di baris tersendiri)"
    )


def test_every_pack_message_has_its_indonesian_words_with_the_same_fields():
    from textbook.messages import gettext
    from textbook_build.packfile import FIELD, MESSAGES

    for message in MESSAGES.values():
        words = gettext(message, "id")
        assert words != message and sorted(FIELD.findall(words)) == sorted(
            FIELD.findall(message)
        ), (message, words)
