"""The clean data root: the control for the data-file roots.

Each data-file error (syntax, missing or empty cell, unknown model or key, duplicate id,
numbering, invalid UTF-8, raw HTML) has its own root under tests/roots/test-data-*/ and is
built as a command by tests/test_bad_inputs.py (exit code, file:line message). This root
differs from them only by being valid.
"""

import pytest


@pytest.mark.sphinx("html", testroot="data-good")
def test_good_data_builds_cleanly(app):
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<em>miring</em>" in html
