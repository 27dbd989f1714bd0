"""The glossary (source/glosarium.md, from locales/glossary.yaml) and the index, as a
reader sees them in the published site; the glossary file is untrusted input.
The EPUB and PDF checks are in test_epub.py and test_pdf.py."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from helpers.book_facts import AUTHORS, HEADING, TERMS, name
from helpers.roots import assert_no_crash_report, copy_root, sphinx_build

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "index",
    "pemberdayaan",
    "intervensi-makro",
    "model-intervensi",
    "catatan-editorial",
    "glosarium",
    "cara-mengutip",
    "riwayat-edisi",
    "daftar-pustaka",
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def definition(term, lang: str) -> str:
    if lang == "id":
        return term.definition
    po = polib.pofile(str(ROOT / "locales" / lang / "LC_MESSAGES" / "glosarium.po"))
    return next(e.msgstr for e in po if " ".join(e.msgid.split()) == term.definition)


def test_the_glossary_file_defines_the_terms_the_issue_names():
    named = {t.translations["en"][0].casefold() for t in TERMS}
    assert {
        "empowerment",
        "community development",
        "community intervention",
        "macro practice",
        "locality development",
        "social planning",
        "social action",
        "social policy",
        "administration and management",
    } <= named


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_defined_term_is_in_the_glossary_with_its_definition_and_source(site, lang):
    page = soup(site / lang / "glosarium.html")
    assert page.select_one("h1").get_text(strip=True).rstrip("#") == HEADING[lang]
    entries = page.select("dl.glossary > dt")
    shown = [dt.contents[0].removesuffix(" (").strip() for dt in entries]
    assert shown == sorted((name(t, lang) for t in TERMS), key=str.casefold)  # alphabetical
    other = "en" if lang == "id" else "id"
    for term in TERMS:
        dt = page.find("dt", id=f"term-{term.source.replace(' ', '-')}")
        assert dt is not None, term.source  # the same address in both editions
        beside = dt.find("em", lang=other)
        assert beside is not None and beside.get_text() == name(term, other)
        dd = dt.find_next_sibling("dd")
        text, where = dd.find_all("p")
        assert words(text.get_text()) == words(definition(term, lang))
        link = where.find("a")
        doc, _, anchor = term.defined.partition("#")
        assert link["href"] == f"{doc}.html" + (f"#{anchor}" if anchor else "")
        target = soup(site / lang / f"{doc}.html")
        section = target.find(id=anchor) if anchor else target.select_one("section")
        title = section.find(re.compile("^h[1-3]$")).get_text().rstrip("#").strip()
        assert link.get_text() == title, (term.source, link.get_text(), title)  # "3.2. …"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_index_has_every_glossary_term_and_every_author(site, lang):
    page = soup(site / lang / "genindex.html")
    entries = {}
    for a in page.select("main table.indextable a"):
        entries.setdefault(a.get_text(strip=True), a["href"])
    for entry in [*AUTHORS, *(name(t, lang) for t in TERMS)]:
        assert entry in entries, (lang, entry)
        href = entries[entry]
        doc, _, anchor = href.partition("#")
        assert soup(site / lang / doc).find(id=anchor) is not None, (entry, href)
    assert entries[name(TERMS[0], lang)].startswith("glosarium.html#term-")


@pytest.mark.parametrize("lang, word", [("id", "Indeks"), ("en", "Index")])
def test_the_index_is_linked_from_every_page(site, lang, word):
    for doc in PAGES:
        page = soup(site / lang / f"{doc}.html")
        links = page.select('nav a[href="genindex.html"]')
        assert links and all(a.get_text() == word for a in links), (lang, doc)
    assert soup(site / lang / "genindex.html").select_one("h1").get_text(strip=True) == word


# -- the glossary file is untrusted --------------------------------------------

HOSTILE = r"Kuasa \input{/etc/passwd} \def\x{} 100% & $5 # ~ ^^5c"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_hostile_definition_is_plain_text_in_html_and_latex(tmp_path, lang):
    project = copy_root("glossary-hostile", tmp_path)
    proc, out = sphinx_build(project, lang)
    assert proc.returncode == 0, proc.stderr
    dd = soup(out / "index.html").select_one("dl.glossary dd p")
    shown = HOSTILE if lang == "id" else HOSTILE.replace("Kuasa", "Power")
    assert dd.get_text().startswith(shown) and not dd.find_all(True)  # text, no element
    proc, out = sphinx_build(project, lang, "latex")
    assert proc.returncode == 0, proc.stderr
    tex = next(out.glob("*.tex")).read_text("utf-8")
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex and r"\input{/etc" not in tex
    assert r"100\% \& \$5 \# \textasciitilde{} \textasciicircum{}\textasciicircum{}5c" in tex


@pytest.mark.parametrize(
    "field, value, message",
    [  # value: as written in YAML
        (
            "definition",
            '"<script>alert(1)</script>"',
            "the definition must be plain text: raw HTML",
        ),
        ("definition", '"Lihat [sini](https://example.org)"', "plain text: markup (link_open)"),
        ("definition", '"```{include} /etc/passwd\\n```"', "plain text: directive {include}"),
        ("definition", '"*penting*"', "must be plain text: markup (em_open)"),
        ("defined", "../../etc/passwd", "is not '<page>' or '<page>#<section>'"),
    ],
)
def test_markup_or_a_path_in_the_glossary_is_refused_at_its_line(tmp_path, field, value, message):
    project = copy_root("glossary-hostile", tmp_path)
    path = project / "locales" / "glossary.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(f"    {field}:"))
    end = next(
        i
        for i in range(start + 1, len(lines) + 1)
        if i == len(lines) or not lines[i].startswith("      ")
    )
    lines[start:end] = [f"    {field}: {value}\n"]
    path.write_text("".join(lines), "utf-8")
    proc, _ = sphinx_build(project, "id")
    assert proc.returncode != 0
    assert f"{path}:2: ERROR: term 'kuasa': " in proc.stderr and message in proc.stderr, (
        proc.stderr
    )
    assert_no_crash_report(proc)


def test_a_term_defined_nowhere_fails_the_build_at_its_line(tmp_path):
    project = copy_root("glossary-hostile", tmp_path)
    path = project / "locales" / "glossary.yaml"
    path.write_text(path.read_text("utf-8").replace("index#bagian-satu", "index#tidak-ada"))
    proc, _ = sphinx_build(project, "id")
    assert proc.returncode != 0
    assert (
        f"{path}:2: WARNING: glossary: 'defined: index#tidak-ada' is not a page or "
        "section of the book" in proc.stderr
    ), proc.stderr
    assert_no_crash_report(proc)
