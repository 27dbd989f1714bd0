"""Search across the two languages (issue 19, item 1), in Chromium on the built site:
each kind of query with the pages a reader is shown."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

APPENDICES = {
    "cara-mengutip.html",
    "catatan-editorial.html",
    "daftar-pustaka.html",
    "glosarium.html",
    "riwayat-edisi.html",
}


def finished(page) -> None:
    """Sphinx's search wrote its closing line (every result is listed by then)."""
    page.locator("#search-results p.search-summary").filter(has_text=".").wait_for(timeout=30_000)


def search(browser, site_server, lang: str, query: str):
    page = browser.new_page()
    page.goto(f"{site_server}{lang}/search.html?q={quote(query)}")
    finished(page)
    return page


def hits(page) -> list[str]:
    return page.locator("ul.search li > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def test_a_marked_english_term_is_found_by_its_english_forms(browser, site_server, site):
    """ "Community Development" is marked English in the Indonesian text: "developing"
    finds it (English stems), which the Indonesian stemmer leaves as it is."""
    index = (site / "id" / "searchindex.js").read_text("utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert "develop" in terms and "developing" not in terms
    page = search(browser, site_server, "id", "developing")
    assert "intervensi-makro.html" in hits(page)
    page.close()


@pytest.mark.parametrize(
    "lang, query, here, line, targets",
    [
        ("id", "restore", [], "Hasil di edisi bahasa Inggris: {}", ["pemberdayaan", "glosarium"]),
        # the English glossary names each term's Indonesian original: one hit, an appendix
        (
            "en",
            "keberfungsian",
            ["glosarium.html"],
            "Results in the Indonesian edition: {}",
            ["pemberdayaan", "glosarium"],
        ),
    ],
)
def test_few_hits_here_show_the_other_editions_hits(
    browser, site_server, lang, query, here, line, targets
):
    other_lang = {"id": "en", "en": "id"}[lang]
    target = [f"../{other_lang}/{doc}.html" for doc in targets]  # the chapter first
    page = search(browser, site_server, lang, query)
    assert hits(page) == here
    other = page.locator("section.other-edition")
    other.wait_for(timeout=30_000)
    assert other.locator("h3").inner_text() == line.format(len(target))
    assert other.locator("a").evaluate_all("l => l.map(a => a.getAttribute('href'))") == target
    assert other.locator("ul").get_attribute("lang") == other_lang
    page.close()


def test_the_query_survives_the_language_switch(browser, site_server):
    page = search(browser, site_server, "id", "Payne")
    page.locator('nav.langs a[hreflang="en"]').click()
    page.wait_for_url("**/en/search.html?q=Payne")
    assert page.locator("#search-input").input_value() == "Payne"
    finished(page)
    assert "pemberdayaan.html" in hits(page)
    page.close()


def test_a_one_letter_typo_offers_the_books_word(browser, site_server):
    page = search(browser, site_server, "id", "pemberdyaan")
    assert hits(page) == []
    suggestion = page.locator("p.did-you-mean")
    assert suggestion.inner_text() == "Mungkin maksud Anda: pemberdayaan"
    suggestion.locator("a").click()
    page.wait_for_url("**/id/search.html?q=pemberdayaan")
    finished(page)
    assert "pemberdayaan.html" in hits(page)
    page.close()


@pytest.mark.parametrize(
    "lang, query",
    [
        ("id", "Locality Development"),  # Sphinx alone ranks the editorial notes first
        ("id", "professionally"),
        ("en", "transferring"),
        ("id", "korban"),
    ],
)
def test_appendices_never_outrank_a_chapter(browser, site_server, lang, query):
    page = search(browser, site_server, lang, query)
    found = hits(page)
    kinds = [page in APPENDICES for page in found]
    assert False in kinds and True in kinds, found
    assert kinds == sorted(kinds), found  # every chapter before every appendix
    page.close()


CUT = """async () => {
  const cut = [];
  for (const item of document.querySelectorAll("ul.search li")) {
    const excerpt = item.querySelector("p.context");
    const [href, anchor] = item.querySelector("a").getAttribute("href").split("#");
    const html = await (await fetch(href)).text();
    let text = Search.htmlToText(html, anchor ? `#${anchor}` : "").replace(/\\s+/g, " ");
    if (text.trim().length < 80) text = Search.htmlToText(html).replace(/\\s+/g, " ");
    const shown = excerpt.textContent.replace(/^…|…$/g, "").replace(/\\s+/g, " ").trim();
    const at = text.indexOf(shown);
    const [before, after] = [text[at - 1] ?? " ", text[at + shown.length] ?? " "];
    if (at < 0 || /\\p{L}/u.test(before) || /\\p{L}/u.test(after)) cut.push(shown.slice(0, 40));
  }
  return cut;
}"""


@pytest.mark.parametrize("lang, query", [("id", "pemberdayaan"), ("en", "community")])
def test_excerpts_start_and_end_at_word_boundaries(browser, site_server, lang, query):
    page = search(browser, site_server, lang, query)
    page.wait_for_function(
        "document.querySelectorAll('ul.search li p.context').length"
        " === document.querySelectorAll('ul.search li').length",
        timeout=30_000,
    )
    assert len(hits(page)) >= 3
    assert page.evaluate(CUT) == []
    page.close()


def test_a_quoted_phrase_is_honoured(browser, site_server):
    """The chapter on empowerment has both words, not the phrase: quoted, it goes."""
    loose = search(browser, site_server, "id", "intervensi komunitas")
    assert "pemberdayaan.html" in hits(loose)
    loose.close()
    page = search(browser, site_server, "id", '"intervensi komunitas"')
    page.wait_for_function(
        "document.querySelectorAll('ul.search li p.context').length"
        " === document.querySelectorAll('ul.search li').length",
        timeout=30_000,
    )
    found = hits(page)
    assert "pemberdayaan.html" not in found and "intervensi-makro.html" in found
    assert f"ditemukan {len(found)} halaman" in page.locator("p.search-summary").inner_text()
    page.close()


MARKS = """() => [...document.querySelectorAll("ul.search p.context span.highlighted")].map(
  (mark) => [(mark.previousSibling?.textContent ?? " ").slice(-1), mark.textContent,
             (mark.nextSibling?.textContent ?? " ").slice(0, 1)])"""


def test_whole_words_are_highlighted_not_stems(browser, site_server):
    page = search(browser, site_server, "id", "memberdayakan")
    page.wait_for_function(
        "document.querySelectorAll('ul.search li p.context').length"
        " === document.querySelectorAll('ul.search li').length",
        timeout=30_000,
    )
    marks = page.evaluate(MARKS)
    assert "pemberdayaan" in {word.lower() for _, word, _ in marks}, marks
    assert [m for m in marks if m[0].isalpha() or m[2].isalpha()] == []  # no "pember‹daya›an"
    page.close()
