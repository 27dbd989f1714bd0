"""Property tests of the untrusted inputs' readers: the data file and the catalogs.

Hypothesis generates data files and PO files (random bytes, random text, the
good file with YAML/PO syntax spliced in, generated documents) and calls the
loader and the catalog checks directly, without Sphinx. Whatever the input:
no exception other than the reader's own error escapes (no traceback), and every
rejection names a line of the file. Together the tests below draw 2,400
inputs per run (``max_examples``); the glossary, also untrusted, has the data file's
YAML reader.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from textbook.comparison.data import Comparison, DataError, parse
from textbook.i18n import glossary
from textbook.i18n.catalog import check_po
from textbook.i18n.catalog_check import msgfmt_errors
from textbook.input_check import toctree_cycles

ROOTS = Path(__file__).parent / "roots"
GOOD = (ROOTS / "test-data-good" / "tabel.yaml").read_bytes()
PO = (ROOTS / "test-bad-po-fuzzy" / "locales/en/LC_MESSAGES/index.po").read_bytes()
PATH = Path("/data/tabel.yaml")


def examples(n: int):
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def assert_located(exc: DataError, raw: bytes) -> None:
    assert exc.path == PATH
    assert isinstance(exc.line, int) and 1 <= exc.line <= raw.count(b"\n") + 1, exc
    assert str(exc).startswith(
        f"{PATH}:{exc.line}" + (f":{exc.column}" if exc.column else "") + ": "
    )
    assert exc.message and "\n" not in exc.message, exc


def load_or_refuse(raw: bytes) -> Comparison | DataError:
    try:
        return parse(raw, PATH)
    except DataError as exc:
        assert_located(exc, raw)
        return exc


# YAML that a hostile or careless edit may bring, spliced into the good file.
YAML_BITS = [
    "&a ",
    "*a",
    "&a [x, y]",
    "!!str ",
    "!!python/object:os.system ",
    "! ",
    "!x ",
    "? ",
    "? [a, b]\n: c",
    "{a: 1}",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    ":",
    "\t",
    "\x00",
    "\x01",
    "\x1b[2J",
    "\r",
    "\r\n",
    "\x85",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "'",
    '"',
    "|",
    ">",
    "%YAML 1.1\n---\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "<<: ",
    "<<",
    "=",
    "#",
    "~",
    "null",
    "yes",
    "0x" + "f" * 120,
    "9" * 5000,
    "2024-02-30",
    "1e999",
    ".nan",
    "[" * 200 + "]" * 200,
    "a:\n" + "".join(f"{' ' * i}b:\n" for i in range(1, 30)),
]
splice = st.tuples(
    st.integers(0, len(GOOD)), st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=12))
)


@examples(650)
@given(st.binary(max_size=600))
def test_any_bytes_are_loaded_or_refused_at_a_line(raw):
    load_or_refuse(raw)


@examples(600)
@given(st.lists(splice, min_size=1, max_size=4))
def test_the_good_file_with_yaml_spliced_in_is_loaded_or_refused_at_a_line(edits):
    text = GOOD.decode()
    for at, bit in sorted(edits, reverse=True):
        text = text[:at] + bit + text[at:]
    load_or_refuse(text.encode("utf-8", "surrogatepass"))


documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)


@examples(400)
@given(documents, st.booleans())
def test_generated_documents_are_loaded_or_refused_at_a_line(data, flow):
    raw = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True).encode()
    load_or_refuse(raw)


@examples(200)
@given(st.sampled_from(["&x ", "!!str ", "!x "]), st.integers(0, GOOD.count(b"\n") - 1))
def test_an_anchor_or_tag_on_any_value_is_refused_at_its_line(marker, index):
    lines = GOOD.decode().splitlines(keepends=True)
    key, sep, value = lines[index].partition(": ")
    assume(sep)
    lines[index] = f"{key}: {marker}{value}"
    result = load_or_refuse("".join(lines).encode())
    assert isinstance(result, DataError) and result.line == index + 1, result
    assert ("anchor" if marker.startswith("&") else "tag") in result.message


# --- catalogs ----------------------------------------------------------------

# Markup a translation may keep, break or add, and bytes a PO file should not hold.
MARKUP = st.sampled_from(
    [
        "{cite:t}`adi2003`",
        "{ref}`bab`",
        "[^a]",
        "*",
        "**",
        "`",
        "``",
        "[x](https://e.org)",
        "<https://e.org>",
        "{",
        "}",
        "[",
        "]",
        "```{include} /etc/passwd\n```",
        "<script>",
        "\\",
        '"',
        "\n",
        "\t",
        "\x00",
        "\x1b",
        "\u2028",
        "%s",
        "{0}",
    ]
)
message = st.lists(st.text(max_size=8) | MARKUP, max_size=6).map("".join)


def catalog(entries) -> bytes:
    po = polib.POFile(wrapwidth=76)
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Transfer-Encoding": "8bit",
    }
    for n, (msgid, msgstr, fuzzy) in enumerate(entries):
        po.append(
            polib.POEntry(
                msgid=msgid or f"m{n}",
                msgstr=msgstr,
                flags=["fuzzy"] if fuzzy else [],
                occurrences=[("index.md", str(n + 1))],
            )
        )
    return str(po).encode("utf-8", "surrogatepass")


def check(raw: bytes, with_msgfmt: bool = False):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "index.po"
        path.write_bytes(raw)
        problems = check_po(path, "en", [], where="index.po")
        lines = raw.count(b"\n") + 1
        for problem in problems:
            assert 1 <= problem.line <= lines, problem
            assert problem.message and "\n" not in problem.message, problem
        if with_msgfmt:
            for line, text in msgfmt_errors(path):
                assert isinstance(line, int) and 1 <= line <= lines, (line, text)
    return problems


@examples(150)
@given(st.lists(st.tuples(message, message, st.booleans()), max_size=5))
def test_generated_catalogs_are_checked_with_every_problem_at_a_line(entries):
    check(catalog(entries))


@examples(300)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(PO)),
            st.binary(min_size=1, max_size=6)
            | st.sampled_from(
                [
                    b'"',
                    b"\n",
                    b"msgid ",
                    b"msgstr ",
                    b"#~ ",
                    b"#, fuzzy\n",
                    b"\xff",
                    b"\xc3",
                    b"\\",
                    b"msgstr[0] ",
                ]
            ),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_damaged_catalog_is_checked_with_every_problem_at_a_line(edits):
    raw = PO
    for at, bit in sorted(edits, reverse=True):
        raw = raw[:at] + bit + raw[at:]
    check(raw)


@examples(100)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(PO)),
            st.sampled_from(
                [b'"', b"\n", b"msgid ", b"msgstr ", b"\xff", b"\\", b"#, c-format\n"]
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_msgfmt_problems_of_a_damaged_catalog_name_a_line(edits):
    raw = PO
    for at, bit in sorted(edits, reverse=True):
        raw = raw[:at] + bit + raw[at:]
    check(raw, with_msgfmt=True)


def test_the_glossary_refuses_an_alias_bomb_at_its_line(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "bom: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"b{n}: &a{n} [{', '.join([f'*a{n - 1}' if n else '*a'] * 10)}]\n" for n in range(9)
        )
        + "terms:\n  - id: kata\n    en: word\n",
        encoding="utf-8",
    )
    with pytest.raises(
        glossary.GlossaryError, match=r"glossary\.yaml:1: YAML anchor '&a' is not allowed"
    ):
        glossary.load_glossary(path)


def test_toctree_cycles_are_found_and_shared_chapters_are_not_cycles():
    includes = {"index": ["a", "b"], "a": ["c"], "b": ["c"], "c": ["d"], "d": ["a"]}
    assert toctree_cycles(includes, "index") == [("d", "a", ["a", "c", "d", "a"])]
    assert toctree_cycles({"index": ["a", "b"], "a": ["c"], "b": ["c"]}, "index") == []
    assert toctree_cycles({"index": ["index"]}, "index") == [
        ("index", "index", ["index", "index"])
    ]
