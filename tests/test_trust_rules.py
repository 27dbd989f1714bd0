"""One rule for translations: what `make po-check` rejects, the build rejects, at the
same file and line; the glossary accepts English compound word order."""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers.commands import command
from helpers.roots import copy_root, sphinx_build
from textbook.i18n import rules
from textbook_po import checks


def po_check(project) -> str:
    """``make po-check`` on ``project``'s catalogs: it must refuse them; its report."""
    check = subprocess.run(
        command("textbook_po", "check", "--locales", project / "locales"),
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1, check.stdout + check.stderr
    return check.stdout


def test_the_build_rejects_what_po_check_rejects_at_the_same_line(tmp_path):
    project = copy_root("bad-po-checks", tmp_path)
    proc, _ = sphinx_build(project, "en")
    assert proc.returncode != 0
    po = project / "locales/en/LC_MESSAGES/index.po"
    built = re.findall(
        re.escape(str(po)) + r":(\d+): ERROR: (.*) \[textbook\.catalog\]", proc.stderr
    )
    assert built == [
        ("10", "glossary: 'pemberdayaan' should be translated as 'empowerment'"),
        ("13", "unbalanced emphasis: odd number of '*'"),
        ("16", "link target 'https://example.org/' added in translation (not in msgid)"),
        (
            "19",
            "msgstr is a copy of msgid: translate it, or add the translator comment '# verbatim'",
        ),
    ]
    refused = po_check(project)
    for line, message in built:
        assert f"{po}:{line}: {message}" in refused


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        (
            "di antara metode intervensi makro dan intervensi mikro",
            "among the macro and micro intervention methods",
        ),
        ("peran klien", "the client's role"),
        ("peran klien", "the role of the client"),
        ("pengembangan masyarakat", "the development of communities"),
    ],
)
def test_the_glossary_accepts_english_compound_order(msgid, msgstr):
    terms = checks.load_glossary()
    assert checks.glossary_messages(msgid, msgstr, "en", terms) == []


@pytest.mark.parametrize(
    "msgid, msgstr, term",
    [
        ("intervensi makro", "macro-level work", "intervensi makro"),
        ("peran klien", "the role of the practitioner", "peran klien"),
    ],
)
def test_the_glossary_still_rejects_another_term(msgid, msgstr, term):
    terms = checks.load_glossary()
    assert checks.glossary_messages(msgid, msgstr, "en", terms) == [
        f"glossary: '{term}' should be translated as "
        f"'{next(t for t in terms if t.source == term).translations['en'][0]}'"
    ]


@pytest.mark.parametrize(
    "cell, refused",
    [
        ("Sel *miring* dan **tebal** dan `kode`", None),
        ("Lihat {cite:t}`adi2003`", None),
        ("Lihat [situs](https://example.org/)", None),
        ("{download}`../x`", "role {download} is not allowed in a data cell"),
        ("![x](../../etc/passwd)", "an image is not allowed in a data cell"),
        ("{math}`\\input{/etc/passwd}`", "role {math} is not allowed in a data cell"),
        ("[x](../../etc/passwd)", "link target '../../etc/passwd' is not allowed in a data cell"),
        ("$x$", "math is not allowed in a data cell"),
        ("([*task goals*]{.lang-en})", None),
        (
            "[*task goals*]{.lang-English}",
            "attribute {.lang-English} is not allowed in a data cell",
        ),
        (
            '[*x*]{onclick="alert(1)"}',
            "attribute {onclick=alert(1)} is not allowed in a data cell",
        ),
        (
            "`kode`{#tabel-perbandingan-model}",
            "attribute {#tabel-perbandingan-model} is not allowed in a data cell",
        ),
        (
            "[situs](https://example.org/){.hidden}",
            "attribute {.hidden} is not allowed in a data cell",
        ),
    ],
)
def test_data_cells_take_inline_markup_only(cell, refused):
    messages = rules.cell_messages(cell)
    assert (messages[0].split(" (")[0] if messages else None) == refused


def test_a_link_target_is_named_whole_in_the_message():
    wiki = "https://id.wikipedia.org/wiki/Pemberdayaan_(sosial)"
    msgid = f"Lihat [Wiki]({wiki}) dan [a](https://a.org/)"
    assert rules.translation_messages(msgid, f"See [Wiki]({wiki}) and [a](https://a.org/)") == []
    assert rules.translation_messages(
        msgid, "See [Wiki](https://x.org/a_(b)) and [a](https://a.org/)"
    ) == [
        f"link target {wiki!r} missing from translation",
        "link target 'https://x.org/a_(b)' added in translation (not in msgid)",
    ]
    assert rules.cell_messages("[x](../../etc/(passwd))")[0].startswith(
        "link target '../../etc/(passwd)' is not allowed in a data cell"
    )


@pytest.mark.parametrize(
    "msgstr, refused",
    [
        ("Two\n\nparagraphs", "more than one paragraph"),
        ("(target)=\nText", "a target label is not allowed"),
        ("# Heading", "a heading is not allowed"),
        ("[span]{onclick=x}", "attribute {onclick=x} is not in the msgid"),
        ("Text ![i](x.png)", "an image is not allowed"),
        ("Text {{ sub }}", "a substitution is not allowed"),
        (":::{note}\nx\n:::", "directive {note} is not allowed"),
        ("Text \\<script> shown", None),
        ("Text &lt;script&gt; shown", None),
    ],
)
def test_a_translation_is_one_paragraph_of_inline_text(msgstr, refused):
    messages = rules.translation_messages("Teks", msgstr)
    assert (messages[0][: len(refused)] if messages else None) == refused


# -- attributes: a translation may keep or drop its msgid's, never add one ----

ADDED = "is not in the msgid: a translation may keep or drop the msgid's attributes"


@pytest.mark.parametrize(
    "msgid, msgstr, refused",
    [
        ("Teks [*istilah*]{.lang-en}.", "Text *term*.", None),  # English: the mark is not needed
        (
            "Teks [*istilah*]{.lang-en}.",
            "Texte [*term*]{.lang-en}.",
            None,
        ),  # kept (a third language)
        ("Teks [*istilah*]{.lang-en}.", "Text [*term*]{.lang-fr}.", "attribute {.lang-fr}"),
        ("Teks *istilah*.", "Text [*term*]{.lang-en}.", "attribute {.lang-en}"),
        (
            "Teks [*istilah*]{.lang-en}.",
            "Text [*a*]{.lang-en} [*b*]{.lang-en}.",
            "attribute {.lang-en}",
        ),
        ("Teks *miring*.", 'Text [*italic*]{onclick="alert(1)"}.', "attribute {onclick=alert(1)}"),
        (
            "Teks *miring*.",
            'Text [*italic*]{style="display:none"}.',
            "attribute {style=display:none}",
        ),
        (
            "Teks *miring*.",
            "Text [*italic*]{#tabel-perbandingan-model}.",
            "attribute {#tabel-perbandingan-model}",
        ),
        ("Teks **tebal**.", "Text [**bold**]{.hidden}.", "attribute {.hidden}"),
        ("Teks `kode`.", "Text `kode`{#judul}.", "attribute {#judul}"),
        (
            "Lihat [situs](https://example.org/).",
            "See [site](https://example.org/){onclick=x}.",
            "attribute {onclick=x}",
        ),
        (
            "Lihat [situs](https://example.org/).",
            'See [site](https://example.org/){href="https://evil.example/"}.',
            "attribute {href=https://evil.example/}",
        ),
        ("Teks.", "{#judul}\nText.", "attribute {#judul}"),
        ("Teks.", "{.lang-fr}\nText.", "attribute {.lang-fr}"),
    ],
)
def test_a_translation_never_adds_an_attribute(msgid, msgstr, refused):
    messages = [m for m in rules.translation_messages(msgid, msgstr) if "attribute" in m]
    assert messages == ([f"{refused} {ADDED}, never add one"] if refused else [])


def test_a_catalog_adding_attributes_is_refused_at_each_line_and_reaches_no_page(tmp_path):
    project = copy_root("hostile-po-attributes", tmp_path)
    proc, out = sphinx_build(project, "en")
    assert proc.returncode != 0
    po = project / "locales/en/LC_MESSAGES/index.po"
    built = re.findall(
        re.escape(str(po)) + r":(\d+): ERROR: attribute (\{.*?\}) " + re.escape(ADDED), proc.stderr
    )
    assert built == [
        ("10", "{.lang-fr}"),
        ("13", "{onclick=alert(1)}"),
        ("16", "{#judul}"),
        ("19", "{style=display:none}"),
        ("22", "{href=https://evil.example/}"),
        ("25", "{.lang-en}"),
        ("28", "{.hidden}"),
    ], proc.stderr
    assert "Traceback" not in proc.stderr
    refused = po_check(project)
    for line, attribute in built:
        assert f"{po}:{line}: attribute {attribute} {ADDED}" in refused
    page = (out / "index.html").read_text(encoding="utf-8")
    for leak in ("onclick", "display:none", "evil.example", 'lang="fr"'):
        assert leak not in page
    # the catalog's class (the theme's permalinks are aria-hidden: not a leak)
    assert not re.search(r'class="[^"]*\bhidden\b', page)
    assert page.count('id="judul"') == 1
    # refused entries show the Indonesian text; the one that only drops the mark is used
    assert "Teks biasa di sini." in page and "Once more <em>community development</em>" in page


@pytest.mark.parametrize(
    "msgid,msgstr",
    [
        # between two "$" (math to a parser with dollarmath, text in the book)
        ("Biaya berkisar US$5 {cite:p}`adi2003` hingga US$10.", "Costs range from 5 to 10."),
        ("Biaya US$5 [menurut BPS](https://bps.go.id) hingga US$10.", "Costs 5 to 10, says BPS."),
        ("Biaya berkisar US$5[^1] hingga US$10.", "Costs range from 5 to 10."),
        ("Harga $5 [atau $6] per hari.", "Price $5 [atau $6](https://evil.example) per day."),
        ("Sintaks {{ [nama }} dipakai.", "Syntax {{ [nama }}](https://evil.example) is used."),
        ("Harga $5 [atau $6] per hari.", "Price $5 [atau $6]{#top style=x} per day."),
        # an escaped bracket is no reference-style link a translation may turn into a link
        ("Elemen A\\[i\\]\\[j\\] matriks.", "Element [A](https://evil.example) of the matrix."),
    ],
)
def test_markup_cannot_hide_where_another_extension_reads_math(msgid, msgstr):
    assert rules.translation_messages(msgid, msgstr) != []


@pytest.mark.parametrize(
    "msgid,msgstr",
    [
        ("Tanda \\*\\* berarti wajib.", "The \\*\\* sign means required."),
        ("Elemen A\\[i\\]\\[j\\] matriks.", "Element A\\[i\\]\\[j\\] of the matrix."),
    ],
)
def test_escaped_stars_and_brackets_are_text(msgid, msgstr):
    assert rules.translation_messages(msgid, msgstr) == []


@pytest.mark.parametrize("cell", ["<div>[a](https://a.org)</div>", "    [a](https://a.org)"])
def test_a_written_link_in_a_cell_is_no_forged_attribute(cell):
    assert not any("attribute" in m for m in rules.cell_messages(cell))
