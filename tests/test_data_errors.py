"""Every class of data-file error fails the build, naming the file and line."""
import re
import shutil

import pytest
from sphinx.errors import SphinxError

CASES = {
    "data-syntax": (19, "YAML syntax error"),
    "data-missing-cell": (19, "indicator 'dua': missing cell for model 'b'"),
    "data-empty-cell": (21, "empty text at indicators[1].cells.b"),
    "data-unknown-model": (22, "indicator 'dua': unknown model id 'c'"),
    "data-duplicate-id": (16, "duplicate id 'satu' in indicators"),
    "data-numbering": (17, "indicator 'dua' is numbered 3, expected 2"),
    "data-unknown-key": (19, "unknown key 'colour' at indicators[1].colour"),
    "data-bad-utf8": (15, "not valid UTF-8"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_fails_the_build_with_file_and_line(make_app, rootdir, tmp_path, case):
    line, message = CASES[case]
    srcdir = tmp_path / case
    shutil.copytree(rootdir / f"test-{case}", srcdir)
    app = make_app("html", srcdir=srcdir)
    with pytest.raises(SphinxError, match="comparison table data is invalid"):
        app.build()
    warnings = app.warning.getvalue()
    expected = re.escape(f"tabel.yaml:{line}: ERROR: ") + ".*" + re.escape(message)
    assert re.search(expected, warnings), warnings


@pytest.mark.sphinx("html", testroot="data-good")
def test_good_data_builds_cleanly(app):
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<em>miring</em>" in html


@pytest.mark.sphinx("html", testroot="data-html-cell")
def test_html_in_a_cell_is_escaped_and_reported(app):
    app.build()
    assert re.search(r"tabel\.yaml:\d+: WARNING: raw HTML in table cell", app.warning.getvalue())
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.sphinx("html", testroot="cite-unknown-key")
def test_unknown_citation_key_is_reported(app):
    app.build()
    assert re.search(r'index\.md:3: WARNING: could not find bibtex key "tidakada2003"',
                     app.warning.getvalue()), app.warning.getvalue()
