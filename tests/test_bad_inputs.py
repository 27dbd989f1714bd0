"""The catalogue of bad inputs, seen as a user sees them.

Each case is a tiny Sphinx project under ``tests/roots/`` built the way
``textbook-build`` builds the book (same strict flags, as a command): the
build must exit non-zero and print a message naming the file and the line
(or the key). Every negative root is run here, once; the catalog roots are
shared with ``tests/test_i18n.py``, which runs the project's own catalog checks
(``textbook-po``) on them. ``tests/test_data_errors.py`` keeps the clean data root.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from helpers.roots import TOOLS, assert_no_crash_report, copy_root, sphinx_build


@dataclass(frozen=True)
class Case:
    root: str  # tests/roots/test-<root>
    file: str  # file the message must name (relative to the project)
    where: str  # ":<line>" or "" when the message names a key instead
    message: str  # regular expression for the rest of the message
    lang: str = ""  # build with -D language=<lang>
    also: str = ""  # regular expression that must also be in the output


DATA = r"comparison table data is invalid"  # summary at the end of a build with a data error


CASES = {
    # data file (source/data/*.yaml); tests/test_data_errors.py builds the clean control
    "data-syntax": Case(
        "data-syntax", "tabel.yaml", ":19", r"ERROR: YAML syntax error", also=DATA
    ),
    "data-missing-cell": Case(
        "data-missing-cell",
        "tabel.yaml",
        ":19",
        r"ERROR: .*indicator 'dua': missing cell for model 'b'",
        also=DATA,
    ),
    "data-empty-cell": Case(
        "data-empty-cell",
        "tabel.yaml",
        ":21",
        r"ERROR: .*empty text at indicators\[1\]\.cells\.b",
        also=DATA,
    ),
    "data-unknown-model": Case(
        "data-unknown-model",
        "tabel.yaml",
        ":22",
        r"ERROR: .*indicator 'dua': unknown model id 'c'",
        also=DATA,
    ),
    "data-duplicate-indicator": Case(
        "data-duplicate-id",
        "tabel.yaml",
        ":16",
        r"ERROR: .*duplicate id 'satu' in indicators",
        also=DATA,
    ),
    "data-numbering": Case(
        "data-numbering",
        "tabel.yaml",
        ":17",
        r"ERROR: .*indicator 'dua' is numbered 3, expected 2",
        also=DATA,
    ),
    "data-unknown-key": Case(
        "data-unknown-key",
        "tabel.yaml",
        ":19",
        r"ERROR: .*unknown key 'colour' at indicators\[1\]\.colour",
        also=DATA,
    ),
    "data-invalid-utf8": Case(
        "data-bad-utf8", "tabel.yaml", ":15", r"ERROR: .*not valid UTF-8", also=DATA
    ),
    "data-alias-bomb": Case(
        "data-alias-bomb", "tabel.yaml", ":2", r"ERROR: YAML anchor '&a' is not allowed", also=DATA
    ),
    "data-yaml-tag": Case(
        "data-yaml-tag",
        "tabel.yaml",
        ":21",
        r"ERROR: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
        r"is not allowed",
        also=DATA,
    ),
    "data-control-char": Case(
        "data-control-char",
        "tabel.yaml",
        ":21:13",
        r"ERROR: control character U\+001B ESCAPE is not allowed",
        also=DATA,
    ),
    "data-complex-key": Case(
        "data-complex-key",
        "tabel.yaml",
        ":21",
        r"ERROR: a list or mapping as a key is not allowed",
        also=DATA,
    ),
    "data-deep-nesting": Case(
        "data-deep-nesting", "tabel.yaml", ":21", r"ERROR: nested deeper than 8 levels", also=DATA
    ),
    "data-missing-file": Case(
        "data-missing-file",
        "index.md",
        ":3",
        r"ERROR: \S*tidak-ada\.yaml: cannot read the file: No such file",
        also=DATA,
    ),
    "data-html-in-cell": Case(
        "data-html-cell", "tabel.yaml", r":\d+", r"WARNING: raw HTML in table cell"
    ),
    # bibliography
    "bib-unknown-key": Case(
        "cite-unknown-key", "index.md", ":3", r'WARNING: could not find bibtex key "tidakada2003"'
    ),
    "bib-missing-field": Case(
        "bad-bib-missing-field",
        "refs.bib",
        ":8",
        r"WARNING: entry 'dua2004' is missing required field 'booktitle'",
    ),
    "bib-syntax": Case(
        "bad-bib-syntax", "refs.bib", ":12", r"ERROR: BibTeX syntax error: '}' expected"
    ),
    "bib-invalid-utf8": Case(
        "bad-bib-utf8", "refs.bib", ":10", r"ERROR: not valid UTF-8 \(byte 0xe9 at column 23\)"
    ),
    "bib-duplicate-field": Case(
        "bad-bib-duplicate-field",
        "refs.bib",
        ":8",
        r"ERROR: BibTeX error: entry with key dua2004 has a "
        r"duplicate title field",
    ),
    # catalogs (built as the English edition; the source line names the message)
    "po-syntax": Case(
        "bad-po-syntax",
        "locales/en/LC_MESSAGES/index.po",
        ":23",
        r"ERROR: PO syntax error: end-of-line within string",
        "en",
    ),
    # the build runs the same translation rule as `make po-check` (tools/textbook/i18n/rules.py)
    "po-dropped-citation": Case(
        "bad-po-dropped-cite",
        "locales/en/LC_MESSAGES/index.po",
        ":17",
        r"ERROR: citation key 'budimanta2003' \(\{cite:t\}\) missing "
        r"from translation \[textbook\.catalog\]",
        "en",
    ),
    "po-dropped-footnote": Case(
        "bad-po-dropped-footnote",
        "locales/en/LC_MESSAGES/index.po",
        ":19",
        r"ERROR: footnote reference \[\^payne\] missing from "
        r"translation",
        "en",
    ),
    "po-broken-role": Case(
        "bad-po-broken-role",
        "locales/en/LC_MESSAGES/index.po",
        ":25",
        r"ERROR: role \{ref\}`bagian-dua` missing from translation",
        "en",
    ),
    "po-invalid-utf8": Case(
        "bad-po-utf8",
        "locales/en/LC_MESSAGES/index.po",
        ":28",
        r"ERROR: not valid UTF-8 \(byte 0xff at column 16\)",
        "en",
    ),
    "glossary-alias-bomb": Case(
        "bad-glossary-alias",
        "locales/glossary.yaml",
        ":1",
        r"ERROR: YAML anchor '&a' is not allowed",
        "en",
    ),
    # chapters
    "chapter-invalid-utf8": Case(
        "bad-chapter-utf8", "dua.md", ":3", r"ERROR: not valid UTF-8 \(byte 0xff at column 6\)"
    ),
    "toctree-cycle": Case(
        "bad-toctree-cycle",
        "dua.md",
        ":3",
        r"ERROR: circular toctree: index -> dua -> index; remove 'index'",
    ),
    # MyST
    "myst-unknown-directive": Case(
        "bad-myst-unknown-directive",
        "index.md",
        ":5",
        r"WARNING: Unknown directive type: 'catatn'",
    ),
    "myst-broken-xref": Case(
        "bad-myst-broken-xref", "index.md", ":8", r"WARNING: undefined label: 'bagian-tidak-ada'"
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_fails_with_file_and_line(name, tmp_path):
    case = CASES[name]
    project = copy_root(case.root, tmp_path)
    proc, _ = sphinx_build(project, case.lang)
    assert proc.returncode != 0, proc.stderr
    expected = re.escape(str(project / case.file)) + case.where + ": " + case.message
    assert re.search(expected, proc.stderr), proc.stderr
    assert re.search(case.also, proc.stderr), proc.stderr
    assert_no_crash_report(proc)


def test_bad_data_fails_even_without_strict_flags(tmp_path):
    project = copy_root("data-missing-cell", tmp_path)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            str(project),
            str(project / "_build"),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(TOOLS)),
    )
    assert proc.returncode == 1, proc.stderr
    assert re.search(r"tabel\.yaml:19: ERROR: .*missing cell for model 'b'", proc.stderr)
    assert "comparison table data is invalid; no table in: index" in proc.stderr
    assert_no_crash_report(proc)


@pytest.mark.parametrize("name", ["po-syntax", "po-fuzzy"])
def test_the_good_catalog_builds(name, tmp_path):
    """The catalog roots differ from a clean project only by their one defect."""
    project = copy_root(f"bad-{name}", tmp_path)
    po = project / "locales/en/LC_MESSAGES/index.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgstr "Part two\n', 'msgstr "Part two"\n').replace("#, fuzzy\n", ""),
        encoding="utf-8",
    )
    proc, out = sphinx_build(project, "en")
    assert proc.returncode == 0, proc.stderr
    assert "<h2>Part two" in (out / "index.html").read_text(encoding="utf-8")


def test_html_in_a_data_cell_is_shown_as_text(tmp_path):
    project = copy_root("data-html-cell", tmp_path)
    proc, out = sphinx_build(project)
    assert proc.returncode != 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
