"""The website as built: theme, languages, search index, table labels, parallel view."""

from __future__ import annotations

import gzip
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup

from helpers.commands import run
from helpers.html_check import copy_project, pages, run_build, vnu
from textbook.comparison.data import load
from textbook.html.search_id import SearchIndonesian, load_stopwords
from textbook.i18n.langparts import without_lang_marks

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = [
    "index",
    "pemberdayaan",
    "intervensi-makro",
    "model-intervensi",
    "daftar-pustaka",
    "catatan-editorial",
    "glosarium",
    "cara-mengutip",
    "riwayat-edisi",
]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def search_index(site: Path, lang: str) -> dict:
    text = (site / lang / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_every_page_has_html_lang_hreflang_and_description(site):
    for lang in ("id", "en"):
        for name in CHAPTERS:
            page = soup(site / lang / f"{name}.html")
            assert page.html["lang"] == lang, name
            alternates = {
                link["hreflang"]: link["href"]
                for link in page.select('link[rel="alternate"][hreflang]')
            }
            assert set(alternates) == {"id", "en", "x-default"}, name
            assert alternates["id"].endswith(f"/id/{name}.html")
            assert alternates["en"].endswith(f"/en/{name}.html")
            assert alternates["x-default"] == alternates["id"]
            description = page.select_one('meta[name="description"]')
            assert description is not None and len(description["content"]) > 30, name
            assert page.select_one('link[rel="icon"]') is not None


def test_language_switch_links_to_the_same_page(site):
    for lang, other, label in (("id", "en", "English"), ("en", "id", "Bahasa Indonesia")):
        for name in CHAPTERS:
            page = soup(site / lang / f"{name}.html")
            link = page.select_one(f'nav.langs a[hreflang="{other}"]')
            assert link is not None and link.get_text(strip=True) == label, (lang, name)
            assert link["href"] == f"../{other}/{name}.html"
            assert (site / lang / link["href"]).resolve() == (site / other / f"{name}.html")
            current = page.select_one("nav.langs [aria-current]")
            assert current["lang"] == lang


def test_interface_text_follows_the_edition(site):
    id_page = soup(site / "id" / "pemberdayaan.html")
    en_page = soup(site / "en" / "pemberdayaan.html")
    assert id_page.select_one(".skip-link").get_text() == "Langsung ke isi"
    assert en_page.select_one(".skip-link").get_text() == "Skip to content"
    assert id_page.select_one(".site-toc summary").get_text() == "Daftar Isi"
    assert en_page.select_one(".site-toc summary").get_text() == "Table of Contents"
    assert id_page.select_one(".quick-search label").get_text() == "Pencarian"
    assert "Sebelumnya" in id_page.select_one(".pager").get_text()
    assert "Previous" in en_page.select_one(".pager").get_text()


def test_parallel_link_on_every_page_and_no_link_to_unbuilt_books(site):
    """``make html`` alone builds no PDF or EPUB: no page may link to one."""
    assert not (site / "downloads").exists()
    for lang in ("id", "en"):
        for name in CHAPTERS:
            page = soup(site / lang / f"{name}.html")
            hrefs = [a["href"] for a in page.select("a[href]")]
            assert not [h for h in hrefs if "downloads/" in h], (lang, name)
            # each edition's own parallel view, in its own interface
            assert f"parallel/{name}.html" in hrefs
            view = soup(site / lang / "parallel" / f"{name}.html")
            assert view.html["lang"] == lang


def _local_links(site: Path, page: Path) -> list[str]:
    """Relative href targets of a page, as paths from the site root."""
    tags = soup(page).select("a[href], link[href]")
    hrefs = [
        re.split(r"[#?]", t["href"])[0] for t in tags if not re.match(r"^[a-z]+:|^/|^#", t["href"])
    ]
    return [os.path.relpath((page.parent / h).resolve(), site.resolve()) for h in hrefs if h]


@pytest.mark.slow
def test_one_language_site_links_to_no_missing_edition_and_keeps_other_stages(tmp_path):
    project = copy_project(tmp_path / "book")
    site = project / "_build" / "html"
    stage = project / "_build" / "stage" / "html"
    proc = run_build(project, "html", "--langs", "id", "en")
    assert proc.returncode == 0, proc.stderr
    proc = run_build(project, "html", "--langs", "id")  # make html LANGS=id
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == ["id"]
    for page in sorted((site / "id").rglob("*.html")):
        text = page.read_text("utf-8")
        assert "../en/" not in text and 'hreflang="en"' not in text, page
        for target in _local_links(site, page):
            assert (site / target).exists(), (page, target)
        assert soup(page).select(".page-tools a") == [], page  # no parallel view without en
    assert 'hreflang="en"' not in (site / "index.html").read_text("utf-8")
    assert "/en/" not in (site / "sitemap.xml").read_text("utf-8")
    assert "/en/" not in (site / "id" / "sitemap.xml").read_text("utf-8")
    # the English stage stays: the next full build does not start English again
    assert (stage / "en" / "index.html").is_file()
    proc = run_build(project, "html", "--langs", "id", "en")
    assert proc.returncode == 0, proc.stderr
    assert "[html:en] up to date" in proc.stdout and "[html:id] building" in proc.stdout
    page = soup(site / "id" / "pemberdayaan.html")
    assert page.select_one('nav.langs a[hreflang="en"]')["href"] == "../en/pemberdayaan.html"
    assert (site / "en" / "pemberdayaan.html").is_file()


@pytest.mark.slow
def test_a_new_language_is_linked_named_and_never_misnamed(tmp_path):
    project = copy_project(tmp_path / "book")
    proc = run(project, "textbook_po", "add-language", "fr", env=dict(os.environ, LANG="C.UTF-8"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    declaration = project / "locales" / "languages.yaml"  # released, so offered (a draft
    declaration.write_text(
        declaration.read_text("utf-8")
        .replace(  # is not: test_editions)
            "released: [id, en]", "released: [id, en, fr]"
        )
        .replace(  # add-language: a draft
            "draft: [fr]", "draft: []"
        ),
        "utf-8",
    )
    glossary = project / "locales" / "glossary.yaml"  # a released language has its terms
    glossary.write_text(
        glossary.read_text("utf-8").replace(
            "    en: empowerment\n", "    en: empowerment\n    fr: autonomisation\n"
        ),
        "utf-8",
    )
    proc = run_build(project, "html", "--langs", "id", "en", "fr")
    assert proc.returncode == 0, proc.stderr
    site = project / "_build" / "html"
    for lang in ("id", "en", "fr"):
        for name in CHAPTERS:
            page = soup(site / lang / f"{name}.html")
            switch = {
                a["hreflang"]: (a.get_text(strip=True), a["href"])
                for a in page.select("nav.langs a[hreflang]")
            }
            names = {"id": "Bahasa Indonesia", "en": "English", "fr": "Français"}
            assert switch == {
                code: (names[code], f"../{code}/{name}.html") for code in names if code != lang
            }, (lang, name)
            alternates = {link["hreflang"] for link in page.select('link[rel="alternate"]')}
            assert alternates == {"id", "en", "fr", "x-default"}, (lang, name)
    fr = soup(site / "fr" / "pemberdayaan.html")
    assert fr.html["lang"] == "fr"
    tools = fr.select(".page-tools a")
    assert [(a.get_text(), a["href"]) for a in tools] == [
        ("Bahasa Indonesia – Français", "parallel/pemberdayaan.html")
    ]
    text = fr.get_text(" ")
    for wrong in ("Indonesian–English", "Indonesia–Inggris", "Inggris"):
        assert wrong not in text
    assert "Sujet précédent" in fr.select_one(".pager").get_text()  # Sphinx's own catalog
    # nothing translated yet: Indonesian passages, each with a note in the words it has
    passage = fr.select_one("main p.pending-translation")
    assert passage["lang"] == "id"
    note = passage.select_one(".pending-note")
    assert note.get_text(strip=True) == "[not yet translated]" and note["lang"] == "en"
    assert (site / "fr" / "parallel" / "pemberdayaan.html").is_file()
    assert "Français" in (site / "index.html").read_text("utf-8")


def test_language_names_are_shared_and_written_in_their_language():
    from textbook.html import site as html_site
    from textbook.languages import language_name
    from textbook_build import site_root

    assert site_root.language_name is language_name
    assert html_site.language_name is language_name
    assert [language_name(c) for c in ("id", "en", "fr", "de", "es")] == [
        "Bahasa Indonesia",
        "English",
        "Français",
        "Deutsch",
        "Español",
    ]
    assert language_name("qqq") == "qqq"  # unknown to CLDR: the code itself


def test_english_quotation_is_marked_in_the_indonesian_edition(site):
    quote = soup(site / "id" / "pemberdayaan.html").select_one("blockquote.lang-en")
    assert quote is not None and quote["lang"] == "en"
    assert "to help clients gain power" in quote.get_text()


def test_comparison_table_cells_carry_translated_labels(site):
    data = load(ROOT / "source" / "data" / "perbandingan-model.yaml")
    for lang in ("id", "en"):
        page = soup(site / lang / "model-intervensi.html")
        table = page.select_one("table.model-comparison")
        headers = [" ".join(th.get_text().split()) for th in table.select("thead th")]
        assert all(th["scope"] == "col" for th in table.select("thead th"))
        rows = table.select("tbody tr")
        assert len(rows) == len(data.indicators)
        for row in rows:
            cells = row.find_all(["th", "td"], recursive=False)
            assert [c["data-label"] for c in cells] == headers
            # the number stays first; the row is headed by its indicator
            assert [c.name for c in cells] == ["td", "th"] + ["td"] * len(data.models)
            assert cells[1]["scope"] == "row"
        wrap = table.parent
        assert "table-wrap" in wrap["class"] and wrap["tabindex"] == "0"
        assert wrap["role"] == "region" and wrap["aria-label"]
    id_headers = [
        th.get_text(" ", strip=True)
        for th in soup(site / "id" / "model-intervensi.html").select(
            "table.model-comparison thead th"
        )
    ]
    assert id_headers == [
        data.number_heading,
        data.indicator_heading,
        *[m.name for m in data.models],
    ]


def test_indonesian_search_index_uses_indonesian_stems(site):
    index = search_index(site, "id")
    terms = index["terms"]
    stemmer = SearchIndonesian({})
    # "memberdayakan" and "daya" both stem to the term that finds the empowerment chapter
    assert stemmer.stem("memberdayakan") == stemmer.stem("daya") == "daya"
    # one root behind prefixes that Snowball strips differently
    for forms in (
        ["pengembangan", "dikembangkan", "berkembang", "kembang"],
        ["perencanaan", "direncanakan", "rencana"],
        ["penulis", "menulis", "tulis"],
    ):
        assert len({stemmer.stem(word) for word in forms}) == 1, forms
    assert stemmer.stem("tua") == "tua" and stemmer.stem("rumah") == "umah"  # short stems stay
    found = set()
    for kind in ("terms", "titleterms"):
        hit = index[kind].get("daya", [])
        found |= set(hit if isinstance(hit, list) else [hit])
    assert index["docnames"].index("pemberdayaan") in found
    for stopword in ("yang", "dan", "di", "dari"):
        assert stopword not in terms
    assert "dibaha" not in terms  # the English stemmer's mangling of "dibahas"
    language_data = (site / "id" / "_static" / "language_data.js").read_text("utf-8")
    assert "IndonesianStemmer" in language_data


def test_english_search_index_stays_english(site):
    terms = search_index(site, "en")["terms"]
    assert "empower" in terms  # English Porter stem of "empowerment"
    assert "the" not in terms
    language_data = (site / "en" / "_static" / "language_data.js").read_text("utf-8")
    assert "EnglishStemmer" in language_data or "PorterStemmer" in language_data


def test_stopword_list_loads_and_a_bad_line_names_file_and_line(tmp_path):
    words = load_stopwords()
    assert {"yang", "dan", "di", "ke", "dari"} <= words
    assert "daya" not in words and "masyarakat" not in words
    bad = tmp_path / "stop.txt"
    bad.write_text("# comment\nyang\nDan\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"stop\.txt:3: not a lower-case word: 'Dan'"):
        load_stopwords(bad)


def _catalog_pairs(docname: str) -> list[tuple[str, str]]:
    po = ROOT / "locales" / "en" / "LC_MESSAGES" / f"{docname}.po"
    return [(e.msgid, e.msgstr) for e in polib.pofile(str(po)) if not e.obsolete]


def _plain(markup: str) -> str:
    """MyST message text as it reads: markup and roles removed."""
    text = re.sub(r"\{[a-z:]+\}`([^`]*)`", "", without_lang_marks(markup))
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"[*`]", "", text)
    text = (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    return " ".join(text.split())


def _sides(row) -> list:
    """The two languages of a row of the view: a pair's sides, or a table cell's."""
    return row.select(":scope > [lang], :scope > .caption-text > [lang]")


@pytest.mark.parametrize("docname", ["pemberdayaan", "intervensi-makro", "model-intervensi"])
def test_parallel_view_pairs_each_message_with_its_translation(site, docname):
    page = soup(site / "en" / "parallel" / f"{docname}.html")
    assert page.html["lang"] == "en"
    # passages side by side, and each table cell with both languages
    rows = [
        row
        for row in page.select(".parallel .pair, .parallel caption, .parallel th, .parallel td")
        if _sides(row)
    ]
    for row in rows:
        left, right = _sides(row)
        # footnote markers are numbered on both sides
        assert [n.get_text() for n in left.select("sup")] == [
            n.get_text() for n in right.select("sup")
        ], (docname, right.get_text()[:60])
        assert all(n.get_text().strip() for n in left.select("sup"))
        assert right["lang"] == "en"
        # Indonesian, except an English quotation, which stays English on both sides
        assert left["lang"] == "id" or left["lang"] == "en" and left.get_text() == right.get_text()
    for note in page.select(".parallel sup"):
        note.decompose()
    shown = [tuple(" ".join(side.get_text().split()) for side in _sides(row)) for row in rows]
    catalog = [
        (_plain(i), _plain(s) or _plain(i))
        for i, s in _catalog_pairs(docname)
        if len(_plain(i)) > 3
    ]
    plain_shown = [(_plain(a), _plain(b)) for a, b in shown]
    # every catalog message appears, in order, beside its own translation
    position = 0
    for msgid, msgstr in catalog:
        for index in range(position, len(plain_shown)):
            if plain_shown[index][0].startswith(msgid[:40]):
                assert plain_shown[index][1].startswith(msgstr[:40]), (docname, msgid)
                position = index + 1
                break
        else:
            pytest.fail(f"{docname}: message not in the parallel view: {msgid[:60]!r}")


def test_sitemap_and_404(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.parse(site / "sitemap.xml").getroot()
    maps = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert maps == ["http://127.0.0.1:8000/id/sitemap.xml", "http://127.0.0.1:8000/en/sitemap.xml"]
    for lang in ("id", "en"):
        urls = [
            loc.text
            for loc in ET.parse(site / lang / "sitemap.xml").getroot().findall("s:url/s:loc", ns)
        ]
        assert sorted(urls) == sorted(
            f"http://127.0.0.1:8000/{lang}/{folder}{d}.html"
            for d in CHAPTERS
            for folder in ("", "parallel/")
        )
        for url in urls:  # every listed page exists and names itself canonical
            page = soup(site / url.split("8000/", 1)[1])
            assert page.select_one('link[rel="canonical"]')["href"] == url
            assert page.select_one('meta[name="robots"]') is None
    page = soup(site / "404.html")
    assert page.html["lang"] == "id"
    assert {a["href"] for a in page.select("a")} == {"/id/index.html", "/en/index.html"}
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text()


@pytest.mark.browser
def test_vnu_reports_no_error_on_any_page(site):
    files = [site / rel for rel in pages(site)]
    assert len(files) >= 2 * len(CHAPTERS) + 2 * 2 + len(
        CHAPTERS
    )  # editions, search/genindex, parallel
    assert vnu(files) == []


@pytest.mark.browser
def test_vnu_catches_an_error(tmp_path):
    """The checker itself works: a page with a duplicate id fails."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="id"><head><title>x</title></head>'
        '<body><p id="a">1</p><p id="a">2</p></body></html>',
        encoding="utf-8",
    )
    errors = vnu([bad])
    assert len(errors) == 1 and "Duplicate ID" in errors[0]


def test_scripts_only_on_search_and_one_small_inline_switch_helper(site):
    """The README's promise: the search page loads the search scripts; every other
    page only Sphinx's deferred highlighter of searched words (nothing blocks
    rendering; not on the parallel view, where no search hit leads), the inline
    helper of the language switch (links work without it) and the service worker's
    registration with its "keep the book offline" button."""
    for rel in pages(site):
        page = soup(site / rel)
        if rel.endswith("search.html") or not page.select("nav.langs"):
            continue
        external = page.select("script[src]")
        assert [s["src"].split("?")[0].rsplit("/", 1)[-1] for s in external] == (
            ["documentation_options.js", "doctools.js", "sphinx_highlight.js"]
            if "/parallel/" not in rel
            else []
        ), rel
        assert all(s.has_attr("defer") for s in external), rel
        inline = sorted((s.get_text() for s in page.select("script:not([src])")), key=len)
        assert len(inline) == 2 and len(inline[0]) < 200 and len(inline[1]) < 600, rel
        assert "location.hash" in inline[0] and "serviceWorker" in inline[1], rel


# Issue 19's budget: what blocks the first render, gzip-compressed
RENDER_BLOCKING_BUDGET = 14_000


def _render_blocking(site: Path, rel: str) -> dict[str, int]:
    """The stylesheets and the scripts neither deferred nor async of a page's <head>,
    with their gzip sizes."""
    page = soup(site / rel)
    hrefs = [link["href"] for link in page.select("head link[rel~=stylesheet]")]
    hrefs += [
        s["src"]
        for s in page.select("head script[src]")
        if not ({"defer", "async"} & set(s.attrs)) and s.get("type") != "module"
    ]
    base = (site / rel).parent
    return {h: len(gzip.compress((base / h.split("?")[0]).read_bytes(), 9)) for h in hrefs}


def test_render_blocking_css_and_js_stay_within_the_budget(site):
    """Every page, the search page included: at most 14 KB compressed blocks rendering."""
    checked = 0
    for rel in pages(site):
        blocking = _render_blocking(site, rel)
        assert sum(blocking.values()) <= RENDER_BLOCKING_BUDGET, (rel, blocking)
        checked += rel.split("/", 1)[-1] in (
            "search.html",
            "genindex.html",
            "glosarium.html",
            "pemberdayaan.html",
            "parallel/model-intervensi.html",
        )
    assert checked == 2 * 5  # each edition's search, index, glossary, a chapter, a parallel page


def test_render_blocking_count_sees_a_blocking_script(tmp_path):
    """The measure itself works: a script without defer counts, with its gzip size."""
    page = tmp_path / "p.html"
    script = tmp_path / "big.js"
    script.write_bytes(os.urandom(20_000))
    page.write_text(
        '<html><head><script src="big.js"></script>'
        '<script src="big.js" defer></script></head></html>',
        encoding="utf-8",
    )
    assert sum(_render_blocking(tmp_path, "p.html").values()) > RENDER_BLOCKING_BUDGET


def test_read_the_docs_installs_msgfmt():
    """tools/textbook/i18n/catalog_check.py runs GNU msgfmt in every build."""
    import yaml

    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text("utf-8"))
    assert config["version"] == 2
    assert "gettext" in config["build"]["apt_packages"]
    assert any("textbook-build html" in c for c in config["build"]["commands"])


@pytest.mark.parametrize("lang", ["en", "id"])
def test_parallel_view_keeps_the_comparison_table_one_table(site, lang):
    """Issue 19: the table row by row, each header and cell in both languages, with
    its column and row headers; no longer 55 separate pairs."""
    data = load(ROOT / "source" / "data" / "perbandingan-model.yaml")
    en = dict(_catalog_pairs("model-intervensi"))

    def both(cell) -> list[tuple[str, str]]:
        return [(side["lang"], _plain(side.get_text())) for side in _sides(cell)]

    page = soup(site / lang / "parallel" / "model-intervensi.html")
    [table] = page.select(".parallel table")
    headers = table.select("thead th")
    assert [th["scope"] for th in headers] == ["col"] * 5
    names = [data.indicator_heading, *(m.name for m in data.models)]
    assert [both(th) for th in headers[1:]] == [[("id", name), ("en", en[name])] for name in names]
    rows = table.select("tbody tr")
    assert len(rows) == len(data.indicators) == 11
    for row, ind in zip(rows, data.indicators, strict=False):
        number, label, *cells = row.find_all(["th", "td"], recursive=False)
        assert number.get_text(strip=True) == str(ind.no)
        assert (label.name, label["scope"]) == ("th", "row")
        assert both(label) == [("id", ind.label), ("en", en[ind.label])]
        assert [both(cell) for cell in cells] == [
            [("id", _plain(ind.cells[m.id])), ("en", _plain(en[ind.cells[m.id]]))]
            for m in data.models
        ]
        assert [cell["data-label"] for cell in cells] == [
            f"{m.name} / {en[m.name]}" for m in data.models
        ]
    # no cell is left outside the table as a separate pair
    pairs = " ".join(p.get_text() for p in page.select(".parallel .pair"))
    assert data.indicators[0].label not in pairs and data.models[0].name not in pairs
