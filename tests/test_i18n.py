"""Translator workflow: catalogs in sync, complete, markup and glossary kept, msgfmt clean.

Every failure names the PO file and line (``path:line: message``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from textbook_po import checks, interface, status
from textbook_po.catalogs import LOCALES, ROOT, languages, po_files

ROOTS = Path(__file__).parent / "roots"
LANGS = languages()


def lines(problems) -> str:
    return "\n".join(map(str, problems))


@pytest.fixture(scope="module")
def fresh_pots(tmp_path_factory) -> Path:
    """A fresh gettext extraction of the real book."""
    out = tmp_path_factory.mktemp("pot")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "gettext",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-d",
            str(out / ".doctrees"),
            "-c",
            str(ROOT),
            str(ROOT / "source"),
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    interface.write_pot(out)
    return out


def test_english_is_shipped():
    assert "en" in LANGS
    assert [p.stem for p in po_files("en")] == sorted(
        [*(p.stem for p in (ROOT / "source").glob("*.md")), "textbook"]
    )


def test_catalogs_are_in_sync_and_complete_with_no_fuzzy_entry(fresh_pots):
    """No message missing, stale, obsolete, untranslated or fuzzy, in any released
    language (a draft, as `make add-language` starts one, is allowed to be incomplete)."""
    from textbook.editions import load

    released = load(LOCALES / "languages.yaml").released
    rows = [r for r in status.collect(fresh_pots, LOCALES) if r.lang in released]
    problems = [p for r in rows for p in r.problems]
    assert not problems, lines(problems)
    assert sum(r.total for r in rows if r.lang == "en") > 100
    for row in rows:
        assert row.translated == row.total and row.fuzzy == 0, row


def test_the_committed_templates_match_a_fresh_extraction():
    """What `make po-check` fails on: a template the sources no longer match
    (extracted where `make update-po` extracts, so the locations agree)."""
    from textbook_po import cli, templates

    assert cli.extract() == 0
    assert templates.problems(cli.POT_DIR) == []
    assert sorted(p.stem for p in templates.TEMPLATES.glob("*.pot")) == sorted(
        p.stem for p in cli.POT_DIR.glob("*.pot")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_markup_and_glossary(lang):
    terms = checks.load_glossary()
    problems = [p for path in po_files(lang) for p in checks.check_po(path, lang, terms)]
    assert not problems, lines(problems)


@pytest.mark.parametrize(
    "path",
    [p for lang in LANGS for p in po_files(lang)],
    ids=lambda p: f"{p.parent.parent.name}/{p.name}",
)
def test_msgfmt_check_passes(path):
    problems = checks.msgfmt_check(path)
    assert not problems, lines(problems)


def test_the_indonesian_rendering_of_payne_stays_out_of_the_catalogs(fresh_pots):
    text = (fresh_pots / "pemberdayaan.pot").read_text(encoding="utf-8")
    assert "to help clients gain power of decision" in text
    assert "untuk membantu klien" not in text
    ids = [e.msgid for e in polib.pofile(str(LOCALES / "en/LC_MESSAGES/pemberdayaan.po"))]
    assert not any("untuk membantu klien" in m for m in ids)


def test_the_table_text_reaches_the_catalog(fresh_pots):
    from textbook.comparison.data import load

    data = load(ROOT / "source/data/perbandingan-model.yaml")
    ids = {e.msgid for e in polib.pofile(str(fresh_pots / "model-intervensi.pot"))}
    texts = [
        data.number_heading,
        data.indicator_heading,
        *[m.name for m in data.models],
        *[i.label for i in data.indicators],
        *[" ".join(c.split()) for i in data.indicators for c in i.cells.values()],
    ]
    assert len(texts) == 2 + 3 + 11 + 33
    assert [t for t in texts if t not in ids] == []


# --- the checks themselves ------------------------------------------------


@pytest.mark.parametrize(
    "msgid,msgstr,expected",
    [
        ("{cite:t}`adi2003{h. 54}`.", "{cite:t}`adi2003{p. 54}`.", []),
        ("{cite:p}`{lihat}adi2003{h. 5}`", "{cite:p}`{see}adi2003{p. 5}`", []),
        (
            "{cite:t}`adi2003{h. 54}`.",
            "{cite:t}`adi2004{p. 54}`.",
            [
                "citation key 'adi2003' ({cite:t}) missing from translation",
                "citation key 'adi2004' ({cite:t}) added in translation (not in msgid)",
            ],
        ),
        ("{cite:p}`a,b`", "{cite:p}`a`", ["citation key 'b' ({cite:p}) missing from translation"]),
        ("lihat {doc}`bab`", "see {doc}`Chapter <bab>`", []),
        (
            "lihat {doc}`bab`",
            "see {doc}`bab2`",
            [
                "role {doc}`bab` missing from translation",
                "role {doc}`bab2` added in translation (not in msgid)",
            ],
        ),
        ("catatan[^a] dan[^b]", "note[^a]", ["footnote reference [^b] missing from translation"]),
        (
            "[situs](https://a.org)",
            "[site](https://b.org)",
            [
                "link target 'https://a.org' missing from translation",
                "link target 'https://b.org' added in translation (not in msgid)",
            ],
        ),
        (
            "pakai `make html`",
            "use `make  html`",
            [
                "inline code `make html` missing from translation",
                "inline code `make  html` added in translation (not in msgid)",
            ],
        ),
        (
            "*miring* dan **tebal**",
            "*italic and **bold**",
            ["unbalanced emphasis: odd number of '*'"],
        ),
        # MyST reads "**bold*" as a literal '*' and *bold*: one star is left over
        ("**tebal**", "**bold*", ["unbalanced emphasis: odd number of '*'"]),
        ("**tebal**", "**bold", ["unbalanced strong emphasis: odd number of '**'"]),
        ("*A* dan *B*", "A and B", []),
        (
            "[situs][s]",
            "[site][s]",
            [
                "reference-style link [site][s] is not resolved in a translated paragraph "
                "(MyST-Parser#690): use an inline link [text](url)"
            ],
        ),
        ("[situs][s]", "[site](https://a.org)", []),
    ],
)
def test_markup_rules(msgid, msgstr, expected):
    assert checks.markup_messages(msgid, msgstr) == expected


def test_glossary_prefers_the_longest_term():
    terms = checks.load_glossary()
    assert (
        checks.glossary_messages(
            "Pengembangan Masyarakat Lokal", "Locality Development", "en", terms
        )
        == []
    )
    assert checks.glossary_messages(
        "pengembangan masyarakat lokal", "local development", "en", terms
    ) == [
        "glossary: 'Pengembangan Masyarakat Lokal' should be translated as 'Locality Development'"
    ]
    assert checks.glossary_messages("Kesejahteraan Sosial", "social welfare", "en", terms) == []
    assert checks.glossary_messages("Kesejahteraan Sosial", "social wellbeing", "en", terms) == [
        "glossary: 'kesejahteraan sosial' should be translated as 'social welfare'"
    ]


def test_glossary_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text(
        "terms:\n  - id: pemberdayaan\n    en: empowerment\n"
        "  - id: Pemberdayaan\n    en: enablement\n",
        encoding="utf-8",
    )
    with pytest.raises(
        checks.GlossaryError,
        match=r"glossary\.yaml:4: duplicate term "
        r"'Pemberdayaan' \(first at line 2\)",
    ):
        checks.load_glossary(bad)
    bad.write_text("terms:\n  - id: pemberdayaan\n    en: ''\n", encoding="utf-8")
    with pytest.raises(checks.GlossaryError, match=r"glossary\.yaml:2: term 'pemberdayaan'"):
        checks.load_glossary(bad)


def test_a_copied_msgstr_needs_the_verbatim_comment(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Pemberdayaan"\nmsgstr "Pemberdayaan"\n\n'
        '# verbatim\nmsgid "Payne"\nmsgstr "Payne"\n',
        encoding="utf-8",
    )
    assert [str(p) for p in checks.check_po(po, "en", [])] == [
        f"{po}:6: msgstr is a copy of msgid: translate it, or add the translator "
        "comment '# verbatim'"
    ]


# --- negative roots -------------------------------------------------------
# The catalog roots (tests/roots/test-bad-po-*) are shared with tests/test_bad_inputs.py,
# which builds each one and checks Sphinx's own message; here the project's checks run.


def root_po(name: str) -> Path:
    return ROOTS / f"test-{name}" / "locales/en/LC_MESSAGES/index.po"


def check_root(name: str) -> list[str]:
    path = root_po(name)
    return [
        f"{Path(p.path).name}:{p.line}: {p.message}"
        for p in checks.check_po(path, "en", checks.load_glossary())
    ]


def test_dropped_citation_key_is_caught():
    """The other key's page text, translated (h. 54 -> p. 54), is not a problem."""
    assert check_root("bad-po-dropped-cite") == [
        "index.po:17: citation key 'budimanta2003' ({cite:t}) missing from translation"
    ]


def test_dropped_footnote_reference_is_caught():
    assert check_root("bad-po-dropped-footnote") == [
        "index.po:19: footnote reference [^payne] missing from translation"
    ]


def test_reference_style_link_is_caught():
    assert check_root("i18n-reflink") == [
        "index.po:16: reference-style link [our site][situs] is not resolved in a translated "
        "paragraph (MyST-Parser#690): use an inline link [text](url)"
    ]


def test_glossary_violation_is_caught():
    assert check_root("i18n-glossary") == [
        "index.po:16: glossary: 'pemberdayaan' should be translated as 'empowerment'"
    ]


def test_a_catalog_that_is_not_utf8_is_reported_at_its_line(tmp_path):
    """make po-check and make po-status name the line (the build: tests/test_bad_inputs.py)."""
    bad = "index.po:28: not valid UTF-8 (byte 0xff at column 16); save the file as UTF-8"
    assert check_root("bad-po-utf8") == [bad]
    row = status.file_status("en", None, root_po("bad-po-utf8"))
    assert [f"{Path(p.path).name}:{p.line}: {p.message}" for p in row.problems] == [
        bad + " (nothing counted)"
    ]


def test_fuzzy_entry_is_caught(tmp_path):
    root = ROOTS / "test-bad-po-fuzzy"
    pot = tmp_path / "pot"
    pot.mkdir()
    # the .pot of this root, extracted fresh
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "gettext",
            "-q",
            "-W",
            "-d",
            str(tmp_path / "dt"),
            str(root),
            str(pot),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "tools")),
    )
    assert proc.returncode == 0, proc.stderr
    rows = status.collect(pot, root / "locales")
    assert [f"{Path(p.path).name}:{p.line}: {p.message}" for r in rows for p in r.problems] == [
        "index.po:23: fuzzy translation 'Bagian dua': check it, then remove the 'fuzzy' flag"
        "\n    source changed: Bagian [-kedua-] {+dua+}"
    ]
    assert (rows[0].total, rows[0].translated, rows[0].fuzzy) == (6, 5, 1)


def test_status_reports_missing_stale_obsolete_and_untranslated():
    root = ROOTS / "test-i18n-stale"
    rows = status.collect(root / "gettext", root / "locales")
    found = [
        f"{Path(p.path).name}:{p.line}: {p.message.split(':')[0]}"
        for r in rows
        for p in r.problems
    ]
    assert found == [
        "index.po:9: untranslated 'Pemberdayaan menurut Payne.'",
        "index.po:12: stale message, no longer in the sources",
        "index.po:15: obsolete entry (#~) 'Intervensi makro.'",
        "index.pot:14: message missing from "
        + str(root / "locales/en/LC_MESSAGES/index.po").replace(str(ROOT) + "/", ""),
    ]


def test_status_cli_exits_non_zero_and_prints_file_and_line():
    root = ROOTS / "test-i18n-stale"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "textbook_po",
            "status",
            "--pot-dir",
            str(root / "gettext"),
            "--locales",
            str(root / "locales"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert (
        "tests/roots/test-i18n-stale/locales/en/LC_MESSAGES/index.po:9: untranslated"
        in proc.stdout
    )


def test_msgfmt_catches_a_dropped_brace_placeholder(tmp_path):
    """Babel flags '{doc}`x`' messages python-brace-format; msgfmt --check then
    rejects a msgstr that drops the role."""
    po = tmp_path / "x.po"
    shutil.copy(root_po("bad-po-dropped-cite"), po)
    text = po.read_text(encoding="utf-8")
    assert checks.msgfmt_check(po) == []
    po.write_text(
        text + '\n#, python-brace-format\nmsgid "lihat {doc}`bab`"\nmsgstr "see the chapter"\n',
        encoding="utf-8",
    )
    msgstr_line = text.count("\n") + 4
    problems = [str(p) for p in checks.msgfmt_check(po)]
    assert any(
        f":{msgstr_line}: msgfmt: a format specification for argument 'doc' doesn't exist in "
        "'msgstr'" in p
        for p in problems
    ), problems


# --- what Sphinx does with these translations -----------------------------


@pytest.mark.sphinx("html", testroot="i18n-page-text")
def test_translated_page_text_builds_without_a_warning(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    cites = [" ".join(c.get_text().split()) for c in soup.select("span.bibtex-citation")]
    assert cites == ["(see Adi, 2003, p. 54)", "Adi (2003, p. 54)"]
    assert len(soup.select("a.footnote-reference")) == 1


@pytest.mark.sphinx("html", testroot="i18n-english-cite")
def test_english_citation_words(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    cites = [" ".join(c.get_text().split()) for c in soup.select("span.bibtex-citation")]
    assert cites == ["Smith and Jones (2001, p. 3)", "Smith et al. (2002)"]
    entries = [" ".join(e.get_text().split()) for e in soup.select(".citation-list > .citation")]
    assert entries == [
        "[Smith 2001] Smith, Anna and Jones, Budi. 2001. Two Authors. Jakarta: Press.",
        "[Smith 2002] Smith, Anna, Jones, Budi, and Putri, Citra. 2002. Three Authors. "
        "In Lee, Dian, editor, A Collection, pp. 10–20. Press.",
    ]


@pytest.mark.sphinx("html", testroot="i18n-reflink")
def test_reference_style_link_is_lost_in_translation_upstream(app):
    """MyST-Parser#690 still holds: the link renders as text, without a warning,
    which is why the catalog check rejects reference-style links."""
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "[our site][situs]" in html
    assert "https://example.org/situs" not in html
