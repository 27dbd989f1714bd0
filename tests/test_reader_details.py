"""A reader's details (issue 19, items 4 and 5), in Chromium: headings whose names are
their words, footnote targets a finger can hit, references addressed by their keys and
linked back to their citations, and a printed chapter that says where it comes from."""

from __future__ import annotations

import re
import subprocess

import pytest

from helpers.html_check import edition_words

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def test_a_heading_is_named_by_its_words_and_its_permalink_is_no_tab_stop(browser, site_server):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site_server}id/pemberdayaan.html")
    heading = page.get_by_role("heading", name="1.1. Pemberdayaan menurut Payne", exact=True)
    assert heading.count() == 1  # the accessibility tree: no "#" in the name
    assert page.locator("a.headerlink").count() >= 3
    # Tab through the whole page: no permalink is ever focused
    stops = []
    for _ in range(80):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.className"))
        if page.evaluate("document.activeElement === document.body"):
            break
    assert "headerlink" not in stops and len(stops) > 10
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_footnote_markers_and_back_links_are_at_least_24_px(browser, site_server, viewport):
    page = browser.new_page(viewport=viewport)
    page.goto(f"{site_server}en/pemberdayaan.html")
    targets = page.locator("a.footnote-reference, aside.footnote a[role=doc-backlink]")
    assert targets.count() >= 4
    for i in range(targets.count()):
        box = targets.nth(i).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (i, box)
    page.close()


@pytest.mark.parametrize("lang, word", [("id", "Dikutip di:"), ("en", "Cited in:")])
def test_references_are_addressed_by_key_and_link_back_to_their_citations(
    browser, site_server, lang, word
):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site_server}{lang}/daftar-pustaka.html#cite-adi2003")
    entry = page.locator("#cite-adi2003")
    assert entry.inner_text().replace("\xa0", " ").count("Adi, Isbandi Rukminto") == 1
    back = entry.locator("p.cited-in")
    assert back.inner_text().startswith(word)
    links = back.get_by_role("link")
    assert links.count() == 2  # chapters 1 and 2 cite it, in the book's order
    assert links.nth(0).inner_text().startswith(("Pemberdayaan", "Empowerment"))
    links.nth(0).click()
    page.wait_for_url("**/pemberdayaan.html#cited-adi2003")
    target = page.url.rsplit("#", 1)[1]
    assert "Adi" in page.locator(f"[id='{target}']").inner_text()
    # and the citation leads to the reference by its key
    assert (
        page.locator(f"[id='{target}'] a").get_attribute("href")
        == "daftar-pustaka.html#cite-adi2003"
    )
    page.close()


@pytest.mark.print
def test_a_printed_chapter_says_where_it_comes_from_in_light_colours(
    browser, site_server, site, tmp_path
):
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{site_server}en/pemberdayaan.html")
    page.emulate_media(media="print", color_scheme="dark")
    # the light scheme's grey (#4d4d4d), not the dark scheme's light grey
    assert (
        page.eval_on_selector(".section-number", "e => getComputedStyle(e).color")
        == "rgb(77, 77, 77)"
    )
    pdf = tmp_path / "chapter.pdf"
    pdf.write_bytes(page.pdf(format="A4"))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    words = edition_words("en", site.with_name(site.name + "-project"))
    assert f"An Introduction to Empowerment and Community Intervention · {words} · " in text
    assert re.search(r"https?://\S+/en/pemberdayaan\.html", text)
    assert "CC BY-SA 4.0" in text
    # the full reference of each work cited on the page, not only "Adi (2003, p. 54)"
    assert (
        "Adi, Isbandi Rukminto. 2003. Pemberdayaan, Pengembangan Masyarakat dan "
        "Intervensi Komunitas. Depok: FE Universitas Indonesia." in text
    )
    assert "Budimanta, Arif. 2003." in text
    context.close()


@pytest.mark.parametrize(
    "lang, words",
    [
        ("id", "Tidak ada yang cocok dengan pencarian Anda di edisi ini."),
        ("en", "Nothing in this edition matches your search."),
    ],
)
def test_no_results_are_said_in_the_books_words(browser, site_server, lang, words):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site_server}{lang}/search.html?q=xylofonzz")
    status = page.locator("#search-results p.search-summary")
    status.filter(has_text=words).wait_for(timeout=15_000)
    assert "categor" not in status.inner_text() and "kategori" not in status.inner_text()
    page.close()
