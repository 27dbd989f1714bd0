"""Contributions are files and bytes (issue 18): links, compiled catalogs, invisible
and control characters, other charsets. Each case is sent as a contributor would
send it (a file in a copy of a test project), then built and checked with
``make po-check``'s command; the refusal names the file (line, column, character)
and nothing of the offending file or of a file outside reaches a page or a log."""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import commands
from helpers.roots import TOOLS, assert_no_crash_report, copy_root, sphinx_build
from textbook.inputs import tree_problems

ROOT = TOOLS.parent
PO = "locales/en/LC_MESSAGES/index.po"
SECRET = "root:x:0:0:SECRET-LINE-OF-ANOTHER-FILE"
GLOSSARY = "terms:\n  - id: pemberdayaan\n    en: empowerment\n"


def catalog_project(tmp_path: Path, title: str = "Title") -> Path:
    """A clean English catalog (the fuzzy root without its flag), title ``title``."""
    project = copy_root("bad-po-fuzzy", tmp_path)
    po = project / PO
    po.write_text(
        po.read_text(encoding="utf-8")
        .replace("#, fuzzy\n", "")
        .replace('msgstr "Title"', f'msgstr "{title}"'),
        encoding="utf-8",
    )
    (project / "locales" / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    return project


def po_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        commands.command("textbook_po", "check", "--locales", project / "locales"),
        capture_output=True,
        text=True,
    )


def outside_file(tmp_path: Path, text: str = SECRET + "\n") -> Path:
    secret = tmp_path / "outside" / "secret.po"
    secret.parent.mkdir()
    secret.write_text(text, encoding="utf-8")
    return secret


def assert_nothing_leaks(proc, out: Path | None = None) -> None:
    text = proc.stdout + proc.stderr
    assert "SECRET-LINE" not in text and "root:x:0:0" not in text, text
    for page in sorted(out.rglob("*.html")) if out else []:
        assert "SECRET-LINE" not in page.read_text(encoding="utf-8"), page


# --- item 1: only regular files inside the repository ------------------------


def test_a_catalog_linked_to_another_file_is_refused_unread(tmp_path):
    project = catalog_project(tmp_path)
    (project / "locales/en/LC_MESSAGES/evil.po").symlink_to(outside_file(tmp_path))
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert (
        f"ERROR: {project / 'locales/en/LC_MESSAGES/evil.po'}: a symbolic link" in proc.stderr
    ), proc.stderr
    assert_no_crash_report(proc)
    assert_nothing_leaks(proc, out)
    check = po_check(project)
    assert check.returncode == 1
    assert "evil.po: a symbolic link: contributed files must be regular files" in check.stderr
    assert_nothing_leaks(check)


def test_a_catalog_linked_to_the_password_file_prints_none_of_it(tmp_path):
    project = catalog_project(tmp_path)
    (project / "locales/en/LC_MESSAGES/evil.po").symlink_to("/etc/passwd")
    proc, _ = sphinx_build(project, "en")
    check = po_check(project)
    for run in (proc, check):
        assert run.returncode == 1 and "evil.po: " in run.stderr
        assert "root:" not in run.stdout + run.stderr


def test_a_linked_language_folder_is_refused(tmp_path):
    project = catalog_project(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (project / "locales/en").rename(elsewhere)
    (project / "locales/en").symlink_to(elsewhere)
    proc, _ = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert f"ERROR: {project / 'locales/en'}: a symbolic link" in proc.stderr, proc.stderr


def test_a_data_file_linked_elsewhere_is_refused_unread(tmp_path):
    project = copy_root("data-good", tmp_path)
    (project / "tabel.yaml").unlink()
    (project / "tabel.yaml").symlink_to(outside_file(tmp_path))
    proc, out = sphinx_build(project)
    assert proc.returncode == 1
    assert f"ERROR: {project / 'tabel.yaml'}: a symbolic link" in proc.stderr, proc.stderr
    assert_no_crash_report(proc)
    assert_nothing_leaks(proc, out)


def test_the_repository_holds_no_link_and_no_binary():
    assert [
        str(e)
        for e in tree_problems(ROOT, ["locales", "source", "coursepacks", "bibliography.bib"])
    ] == []


# --- item 2: compiled catalogs come from the build -----------------------------


def test_a_committed_mo_is_refused_at_its_path(tmp_path):
    project = catalog_project(tmp_path)
    mo = project / "locales/en/LC_MESSAGES/index.mo"
    mo.write_bytes(b"\xde\x12\x04\x95" + b"\0" * 40 + b"<script>alert(1)</script>")
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert f"ERROR: {mo}: a compiled catalog: the build compiles catalogs itself" in proc.stderr, (
        proc.stderr
    )
    assert not list(out.rglob("*.html"))  # stopped before writing anything
    check = po_check(project)
    assert check.returncode == 1 and "index.mo: a compiled catalog" in check.stderr


def test_the_build_compiles_catalogs_into_its_own_folder(tmp_path):
    project = catalog_project(tmp_path, "Translated title")
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 0, proc.stderr
    assert "Translated title" in (out / "index.html").read_text(encoding="utf-8")
    assert list((project / "locales").rglob("*.mo")) == []
    assert list((project / "_build/doctrees/catalogs").rglob("index.mo"))


def test_git_keeps_compiled_catalogs_out():
    proc = subprocess.run(
        ["git", "check-ignore", "-q", "locales/en/LC_MESSAGES/index.mo"], cwd=ROOT
    )
    assert proc.returncode == 0


# --- item 3: one character rule, at file:line:column with the Unicode name --------

CHARACTERS = {
    "\x00": "U+0000 NULL",
    "\x1b": "U+001B ESCAPE",
    "\x07": "U+0007 BELL",
    "\x08": "U+0008 BACKSPACE",
    "\x7f": "U+007F DELETE",
    "\x01": "U+0001 START OF HEADING",
    "\x85": "U+0085 C1 CONTROL",
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "U+00AD SOFT HYPHEN",
}
# (title, column of the finding, what the message names)
CASES = {f"U+{ord(c):04X}": (f"Ti{c}tle", 11, re.escape(name)) for c, name in CHARACTERS.items()}
CASES["not NFC"] = (
    "Title\u0301",
    13,
    r"normal form NFC \(U\+0065 LATIN SMALL LETTER E \+ "
    r"U\+0301 COMBINING ACUTE ACCENT\)",
)
CASES["Cyrillic in a Latin word"] = (
    "T\u0456tle",
    10,
    r"the word 'T.tle' mixes Cyrillic and "
    r"Latin letters \(U\+0456 CYRILLIC",
)
CASES["Greek in a Latin word"] = ("Tit\u03bfe", 12, r"mixes Greek and Latin letters \(U\+03BF")


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_character_in_a_catalog_is_refused_at_its_column(name, tmp_path):
    title, column, named = CASES[name]
    project = catalog_project(tmp_path, title)
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert re.search(
        re.escape(f"{project / PO}:13:{column}: ERROR: ") + ".*" + named, proc.stderr
    ), proc.stderr
    assert_no_crash_report(proc)
    assert not list(out.rglob("*.html"))
    check = po_check(project)
    assert check.returncode == 1
    assert re.search(re.escape(f"{PO}:13:{column}: ") + ".*" + named, check.stdout), (
        check.stdout + check.stderr
    )


def test_a_carriage_return_written_as_an_escape_is_refused(tmp_path):
    project = catalog_project(tmp_path, "Ti\\rtle")
    check = po_check(project)
    assert re.search(
        re.escape(f"{PO}:13: ") + r"control character U\+000D CARRIAGE RETURN "
        r"is not allowed.*\(written as an escape\)",
        check.stdout,
    ), check.stdout


@pytest.mark.parametrize(
    "char,named",
    [
        ("\x1b", "U+001B ESCAPE"),
        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "U+200B ZERO WIDTH SPACE"),
        ("\u0435", "U+0435 CYRILLIC SMALL LETTER IE"),
    ],
)
def test_a_character_in_a_data_cell_is_refused_at_its_column(char, named, tmp_path):
    project = copy_root("data-good", tmp_path)
    data = project / "tabel.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("a: Sel a1", f"a: Sel a{char}1"), encoding="utf-8"
    )
    proc, out = sphinx_build(project)
    assert proc.returncode == 1
    # line 14 '      a: Sel a1': the character sits at column 15; a mixed word is named at it
    assert f"{data}:14:15: ERROR: " in proc.stderr and named in proc.stderr, proc.stderr
    assert_no_crash_report(proc)


def test_a_character_written_as_a_yaml_escape_is_refused(tmp_path):
    project = copy_root("data-good", tmp_path)
    data = project / "tabel.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("a: Sel a1", 'a: "Sel\\u202ea1"'),
        encoding="utf-8",
    )
    proc, _ = sphinx_build(project)
    assert proc.returncode == 1
    assert re.search(
        re.escape(f"{data}:14: ERROR: ") + r"bidirectional control U\+202E "
        r"RIGHT-TO-LEFT OVERRIDE .*\(written as an escape\)",
        proc.stderr,
    ), proc.stderr


# --- item 5: another charset ---------------------------------------------------


def latin1_project(tmp_path: Path) -> Path:
    project = catalog_project(tmp_path)
    po = project / PO
    po.write_bytes(
        po.read_text(encoding="utf-8")
        .replace("charset=utf-8", "charset=ISO-8859-1")
        .replace('msgstr "Title"', 'msgstr "Titl\u00e9"')
        .encode("latin-1")
    )
    return project


def test_a_latin1_catalog_is_one_message_in_the_build_and_po_check(tmp_path):
    project = latin1_project(tmp_path)
    proc, _ = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert f"{project / PO}:13: ERROR: not valid UTF-8 (byte 0xe9 at column 13)" in proc.stderr
    assert_no_crash_report(proc)
    check = po_check(project)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert [line for line in check.stdout.splitlines() if PO in line] == [
        f"{project / PO}:13: not valid UTF-8 (byte 0xe9 at column 13); save the file as UTF-8"
    ]


def test_a_declared_charset_other_than_utf8_is_refused_at_its_line(tmp_path):
    project = catalog_project(tmp_path)
    po = project / PO
    po.write_text(
        po.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1"),
        encoding="utf-8",
    )  # ASCII content: the bytes are UTF-8 too
    check = po_check(project)
    assert f"{PO}:6: the catalog declares charset=ISO-8859-1: catalogs are UTF-8" in check.stdout
    proc, _ = sphinx_build(project, "en")
    assert f"{po}:6: ERROR: the catalog declares charset=ISO-8859-1" in proc.stderr, proc.stderr
    assert_no_crash_report(proc)


def test_status_and_update_po_name_a_latin1_catalog(tmp_path, monkeypatch):
    from textbook_po import cli, status

    project = latin1_project(tmp_path)
    row = status.file_status("en", None, project / PO)  # what make po-status prints
    assert [str(p) for p in row.problems] == [
        f"{project / PO}:13: not valid UTF-8 (byte 0xe9 at column 13); save the file as UTF-8 "
        "(nothing counted)"
    ]
    monkeypatch.setattr(cli, "LOCALES", project / "locales")
    errors = cli.unreadable(["en"])
    assert [e.where for e in errors] == [f"{project / PO}:13"]


# --- item 8: messages in the contributor's terms -------------------------------


def test_a_huge_number_gets_no_python_advice(tmp_path):
    project = copy_root("data-good", tmp_path)
    data = project / "tabel.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("no: 2", "no: " + "9" * 5000), encoding="utf-8"
    )
    proc, _ = sphinx_build(project)
    assert proc.returncode == 1
    assert f"{data}:17: ERROR: the number '999" in proc.stderr
    assert "longer than 100 digits; put it in quotes if it is text" in proc.stderr
    assert "sys." not in proc.stderr and "set_int_max_str_digits" not in proc.stderr


# --- the property: random Unicode is refused at a line or published clean --------

HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
# every general category (but surrogates, which UTF-8 cannot hold), and visible text alone,
# so that both outcomes (refused, published) are drawn
RANDOM_TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=3000),
    st.text(st.characters(categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=3000),
)


def po_string(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def published_text(page: Path) -> str:
    return page.read_text(encoding="utf-8")


@pytest.mark.slow
@settings(
    max_examples=16,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=RANDOM_TEXT)
def test_random_unicode_in_a_catalog_is_refused_at_a_line_or_published_clean(text, tmp_path):
    project = catalog_project(Path(tempfile.mkdtemp(dir=tmp_path)), po_string(text))
    proc, out = sphinx_build(project, "en")
    assert_no_crash_report(proc)
    if proc.returncode:
        assert re.search(re.escape(str(project)) + r"/\S+:\d+(:\d+)?: ERROR: ", proc.stderr), (
            proc.stderr
        )
    else:
        for page in out.rglob("*.html"):
            assert not HIDDEN.search(published_text(page)), page
        assert not HIDDEN.search((out / "searchindex.js").read_text(encoding="utf-8"))


@pytest.mark.slow
@settings(
    max_examples=16,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=RANDOM_TEXT)
def test_random_unicode_in_a_data_cell_is_refused_at_a_line_or_published_clean(text, tmp_path):
    project = copy_root("data-good", Path(tempfile.mkdtemp(dir=tmp_path)))
    data = project / "tabel.yaml"
    cell = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    data.write_text(data.read_text(encoding="utf-8").replace("Sel a1", cell), encoding="utf-8")
    proc, out = sphinx_build(project)
    assert_no_crash_report(proc)
    if proc.returncode:
        assert re.search(
            re.escape(str(project)) + r"/\S+:\d+(:\d+)?: (ERROR|WARNING): ", proc.stderr
        ), proc.stderr
    else:
        for page in out.rglob("*.html"):
            assert not HIDDEN.search(published_text(page)), page


def test_the_hidden_pattern_covers_every_refused_category():
    """The property's detector is no weaker than the rule: every Cc and Cf it names."""
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x200B, 0x202E, 0x2066, 0xFEFF, 0x061C]:
        char = chr(code)
        if char in "\n\t":
            continue
        assert unicodedata.category(char) in ("Cc", "Cf") and HIDDEN.search(char), hex(code)


TOKEN_NAME = re.compile(r"\b\w+_(open|close|inline|block|ref)\b|markup '")


@pytest.mark.parametrize(
    "msgstr, named",
    [
        ("Plain ~~struck~~ text.", "strikethrough (~~) is not allowed in a translation"),
        ("Plain text.[^a]\n\n[^a]: a note", "a footnote definition is not allowed"),
        ("Term\n: definition", "a definition list is not allowed"),
        ("Text <b>bold</b>.", "raw HTML '<b>' is not allowed"),
        ("Text $x$.", "math is not allowed"),
    ],
)
def test_a_translation_refusal_names_what_the_translator_wrote(msgstr, named):
    from textbook.i18n.rules import translation_messages

    found = translation_messages("Teks biasa.", msgstr)
    assert any(named in message for message in found), found
    assert not [m for m in found if TOKEN_NAME.search(m)], found


@pytest.mark.parametrize("cell", ["~~struck~~", "<script>x</script> `a` $x$", "![a](b.png)"])
def test_a_data_cell_refusal_names_no_parser_token(cell):
    from textbook.i18n.rules import cell_messages

    found = cell_messages(cell)
    assert found and not [m for m in found if TOKEN_NAME.search(m)], found


# --- item 4: sizes ---------------------------------------------------------------


def test_a_msgstr_many_times_its_msgid_is_refused_and_not_published(tmp_path):
    project = catalog_project(tmp_path, "Title " * 2000)
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert (
        f"{project / PO}:13: ERROR: msgstr is 12,000 characters, more than 3 times its "
        "msgid's 5: translate the msgid only" in proc.stderr
    ), proc.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Title Title" not in page and len(page) < 20_000  # the Indonesian title instead
    check = po_check(project)
    assert f"{PO}:13: msgstr is 12,000 characters" in check.stdout


def test_a_catalog_over_the_size_cap_is_refused_unread(tmp_path):
    project = catalog_project(tmp_path, "x" * 1_100_000)
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert re.search(re.escape(f"ERROR: {project / PO}: is ") + r"1,100,\d{3} bytes", proc.stderr)
    assert "more than the 1,000,000 a catalog may have" in proc.stderr, proc.stderr
    assert not list(out.rglob("*.html"))


def test_a_data_file_over_the_size_cap_is_refused(tmp_path):
    project = copy_root("data-good", tmp_path)
    data = project / "tabel.yaml"
    data.write_text(data.read_text(encoding="utf-8") + "# padding\n" * 25_000, encoding="utf-8")
    proc, _ = sphinx_build(project)
    assert proc.returncode == 1
    assert re.search(re.escape(f"ERROR: {data}: is ") + r"25\d,\d{3} bytes", proc.stderr)
    assert "more than the 200,000 a data file may have" in proc.stderr, proc.stderr


def test_many_obsolete_entries_are_one_finding(tmp_path):
    project = catalog_project(tmp_path)
    po = project / PO
    po.write_text(
        po.read_text(encoding="utf-8")
        + "".join(f'\n#~ msgid "Lama {n}"\n#~ msgstr "Old {n}"\n' for n in range(10_000)),
        encoding="utf-8",
    )
    found = [line for line in po_check(project).stdout.splitlines() if "obsolete (#~)" in line]
    assert found == [
        f"{project / PO}:31: 10,000 obsolete (#~) entries, more than 100: reuse "
        "what you need, then delete them (textbook-po update --no-obsolete)"
    ]


def test_spelling_names_the_right_line_of_a_long_msgstr(tmp_path):
    from textbook.i18n import spelling

    project = catalog_project(tmp_path)
    po = project / PO
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Quoted from Adi."', 'msgstr "' + "Quoted from the book. " * 2000 + 'Zqxwv."'
        ),
        encoding="utf-8",
    )
    found = spelling.check_files([po], "en", project / "locales")[po]
    assert found == [
        (
            29,
            "spelling: unknown word 'Zqxwv' (hunspell en_US): correct it, or add "
            "it to locales/spelling/en.txt",
        )
    ]


# --- item 6: security does not rest on spelling --------------------------------
# The test projects run no spell check (textbook_spelling is off), as if every word
# list allowed every word: each case is refused by the rules, or reaches the page inert.

INERT = {
    "javascript autolink": ("See <javascript:alert(1)>.", "&lt;javascript:alert(1)&gt;"),
    "entity-escaped script": (
        "See &lt;script&gt;alert(1)&lt;/script&gt;.",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
    ),
}


@pytest.mark.parametrize("name", sorted(INERT))
def test_without_spelling_a_catalog_trick_reaches_the_page_as_text(name, tmp_path):
    msgstr, shown = INERT[name]
    project = catalog_project(tmp_path)
    po = project / PO
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Quoted from Adi."', f'msgstr "{msgstr}"'),
        encoding="utf-8",
    )
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 0, proc.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert shown in page
    assert "<script>alert" not in page and 'href="javascript' not in page


def test_without_spelling_an_eval_rst_fence_in_a_data_cell_is_text(tmp_path):
    project = copy_root("data-good", tmp_path)
    data = project / "tabel.yaml"
    cell = '"```{eval-rst}\\n.. raw:: html\\n\\n   <script>alert(1)</script>\\n```"'
    data.write_text(data.read_text(encoding="utf-8").replace("Sel a1", cell), encoding="utf-8")
    proc, out = sphinx_build(project)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert "<script>alert" not in page  # shown as inline code, not run
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "raw::" in page
    assert_no_crash_report(proc)


@pytest.mark.parametrize("entry", ["javascript:alert", "<script>", "two words", "Tеxt"])
def test_a_word_list_entry_that_is_not_one_word_is_refused(entry, tmp_path):
    project = catalog_project(tmp_path)
    words = project / "locales" / "spelling" / "en.txt"
    words.parent.mkdir()
    words.write_text(f"Adi\n{entry}\n", encoding="utf-8")
    check = po_check(project)
    assert check.returncode == 1
    assert re.search(re.escape(f"{words}:2") + r"(:\d+)?: ", check.stdout), check.stdout


# --- item 7: outputs are what they claim to be -----------------------------------


def epub_project(tmp_path: Path, body: str) -> Path:
    project = copy_root("data-good", tmp_path)
    (project / "conf.py").write_text(
        (project / "conf.py").read_text(encoding="utf-8")
        + (
            'project = "Uji"\ncopyright = "2026, Uji"\nversion = release = "1.0"\n'
            'language = "id"\n'
        ),
        encoding="utf-8",
    )
    (project / "index.md").write_text(f"# Judul\n\n{body}\n", encoding="utf-8")
    return project


def test_an_epub_with_a_broken_page_fails_the_build(tmp_path):
    # raw HTML is the authors' own (the source is trusted); unclosed, it breaks the XHTML
    project = epub_project(tmp_path, "```{raw} html\n<p>unclosed <b>bold\n```")
    proc, out = sphinx_build(project, builder="epub")
    assert proc.returncode == 1
    assert re.search(
        re.escape(str(out / "index.xhtml")) + r":\d+:\d+: ERROR: \S+\.epub: "
        r"index\.xhtml is not well-formed XML \(mismatched tag\); nothing is "
        r"published",
        proc.stderr,
    ), proc.stderr
    assert_no_crash_report(proc)


def test_a_clean_epub_parses_and_passes(tmp_path):
    from textbook.output_check import xml_errors

    project = epub_project(tmp_path, "Paragraf satu.")
    proc, out = sphinx_build(project, builder="epub")
    assert proc.returncode == 0, proc.stderr
    epub = next(out.glob("*.epub"))
    assert xml_errors(epub) == []
    assert {Path(n).suffix for n in __import__("zipfile").ZipFile(epub).namelist()} >= {
        ".xhtml",
        ".opf",
        ".ncx",
    }


def test_a_catalog_of_sphinx_own_words_is_refused(tmp_path):
    project = catalog_project(tmp_path)
    sphinx_po = project / "locales/en/LC_MESSAGES/sphinx.po"
    sphinx_po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Search"\nmsgstr "<script>alert(1)</script>"\n',
        encoding="utf-8",
    )
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert f"ERROR: {sphinx_po}: a catalog of Sphinx's own words" in proc.stderr, proc.stderr
    assert not list(out.rglob("*.html"))


def test_a_pack_field_with_a_bidi_control_is_refused_at_its_column(tmp_path, capsys):
    from textbook_build import Project
    from textbook_build.cli import main

    pack = tmp_path / "kuliah.yaml"
    pack.write_text(
        "title: Bahan \u202eBacaan\ncourse: Pengantar\nchapters:\n  - pemberdayaan\n"
        "languages: [id]\n",
        encoding="utf-8",
    )
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    err = capsys.readouterr().err
    assert code == 2
    assert f"error: {pack}:1:14: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE" in err, err
    assert not (tmp_path / "_build" / "coursepack").exists()


def test_a_glossary_term_with_a_zero_width_space_is_refused_at_its_column(tmp_path):
    project = catalog_project(tmp_path)
    (project / "locales" / "glossary.yaml").write_text(
        "terms:\n  - id: pemberdayaan\n    en: empower\u200bment\n", encoding="utf-8"
    )
    check = po_check(project)
    assert check.returncode == 1
    assert (
        f"{project / 'locales/glossary.yaml'}:3:16: zero-width character U+200B ZERO WIDTH "
        "SPACE is not allowed" in check.stdout
    ), check.stdout
    proc, _ = sphinx_build(project, "en")
    assert proc.returncode == 1
    assert (
        f"{project / 'locales/glossary.yaml'}:3:16: ERROR: zero-width character U+200B"
        in proc.stderr
    ), proc.stderr


def test_a_data_file_outside_the_project_is_refused_unread(tmp_path):
    project = copy_root("data-good", tmp_path)
    outside = outside_file(tmp_path)
    index = project / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("tabel.yaml", f"../outside/{outside.name}"),
        encoding="utf-8",
    )
    proc, out = sphinx_build(project)
    assert proc.returncode == 1
    assert f"{index}:3: ERROR: {outside}: is outside the repository" in proc.stderr, proc.stderr
    assert_no_crash_report(proc)
    assert_nothing_leaks(proc, out)


def test_po_check_refuses_a_bidi_control_in_a_data_cell_and_a_pack_file(tmp_path):
    from textbook_po import checks

    data = tmp_path / "tabel.yaml"
    data.write_text("cells:\n  a: Sel\u202ea1\n", encoding="utf-8")
    pack = tmp_path / "kuliah.yaml"
    pack.write_text('title: "Bahan \\u2066Bacaan"\n', encoding="utf-8")
    assert [str(p) for p in checks.yaml_problems([data, pack])] == [
        f"{data}:2:9: bidirectional control U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: "
        "delete it (it is invisible or moves the text around it)",
        f"{pack}:1: bidirectional control U+2066 LEFT-TO-RIGHT ISOLATE is not allowed: delete "
        "it (it is invisible or moves the text around it) (written as an escape)",
    ]


@pytest.mark.slow
def test_po_check_lists_the_words_a_change_adds_to_a_word_list(tmp_path):
    """A word list silences the spell check, so its additions are shown for review."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    wordlist = clone / "locales" / "spelling" / "en.txt"
    lines = wordlist.read_text(encoding="utf-8").splitlines()
    wordlist.write_text("\n".join([*lines, "Zzyzxqw"]) + "\n", encoding="utf-8")
    proc = commands.run(clone, "textbook_po", "check")
    assert (
        f"locales/spelling/en.txt:{len(lines) + 1}: note: 'Zzyzxqw' added to the word "
        "list (review it: the spell check accepts it from now on)"
    ) in proc.stdout
    assert proc.stdout.count("added to the word list") == 1
