"""What readers do on the site, in Debian's Chromium: search and land on the hit, find
their way, read the table, read in dark mode (issue 11)."""

from __future__ import annotations

import re

import pytest

from helpers.html_check import load_side_by_side, pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1440, "height": 900}
SCHEMES = ["light", "dark"]
SEARCH_DONE = """() => {
  const title = document.querySelector('#search-results h2');
  return title !== null && title.children.length === 0
         && title.textContent === Documentation.gettext('Search Results')
         && [...document.querySelectorAll('#search-results ul.search li')]
              .every(li => li.querySelector('p.context'));
}"""


class Console:
    """Console errors and warnings and uncaught exceptions of a page."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on(
            "console",
            lambda m: (
                self.messages.append(f"{m.type}: {m.text} ({page.url})")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.messages.append(f"exception: {e} ({page.url})"))


def search(page, base, lang, query):
    """Type ``query`` in the header's search box of the edition's front page."""
    page.goto(f"{base}{lang}/index.html")
    page.fill("#q", query)
    page.press("#q", "Enter")
    page.wait_for_function(SEARCH_DONE, timeout=15_000)


# -- 1. search results say where ------------------------------------------------------


@pytest.mark.parametrize(
    "lang, query, stem",
    [
        ("id", "memberdayakan", "daya"),  # inflected: stems to 'daya' (pemberdayaan, berdaya)
        ("id", "dikembangkan", "embang"),  # finds 'pengembangan' (Snowball: 'kembang', 'embang')
        ("en", "empowerment", "empower"),
    ],
)
def test_each_search_hit_shows_an_excerpt_with_the_term(browser, site_server, lang, query, stem):
    page = browser.new_page(viewport=DESKTOP)
    console = Console(page)
    search(page, site_server, lang, query)
    hits = page.eval_on_selector_all(
        "#search-results ul.search li",
        """els => els.map(li => ({
        title: li.querySelector('a').textContent,
        excerpt: li.querySelector('p.context').textContent,
        marked: [...li.querySelectorAll('p.context span.highlighted')].map(s => s.textContent)}))""",
    )
    assert len(hits) >= 3, hits
    for hit in hits:
        assert len(hit["excerpt"]) > 80, hit  # text around the match, not a bare title
        assert stem in hit["excerpt"].lower(), hit
        assert hit["marked"] and all(stem in m.lower() for m in hit["marked"]), hit
    assert console.messages == []
    page.close()


def test_the_page_a_hit_leads_to_highlights_the_terms(browser, site_server):
    page = browser.new_page(viewport=DESKTOP)
    console = Console(page)
    search(page, site_server, "id", "memberdayakan")
    page.click("#search-results ul.search li a")
    page.wait_for_function("document.querySelectorAll('main span.highlighted').length > 0")
    marked = page.eval_on_selector_all(
        "main span.highlighted", "els => els.map(e => e.textContent)"
    )
    assert all("daya" in m.lower() for m in marked), marked
    assert page.eval_on_selector_all(".site-header span.highlighted", "els => els.length") == 0
    assert console.messages == []
    page.close()


def test_no_console_message_on_any_page_or_search(browser, site, site_server):
    context = browser.new_context(viewport=DESKTOP)
    consoles = []

    def new_page():
        page = context.new_page()
        consoles.append(Console(page))
        return page

    visited = 0
    for _, page in load_side_by_side(new_page, [site_server + rel for rel in pages(site)]):
        page.close()
        visited += 1
    page = context.new_page()
    console = Console(page)
    for lang, query in (
        ("id", "memberdayakan"),
        ("id", "perencanaan sosial"),
        ("id", "yang"),
        ("en", "empowerment"),
        ("en", "social planning"),
    ):
        search(page, site_server, lang, query)
        page.wait_for_load_state("networkidle")
    assert visited >= 2 * 8
    assert [m for c in [*consoles, console] for m in c.messages] == []
    context.close()


# -- 2. way-finding -------------------------------------------------------------------


@pytest.mark.parametrize("width", [1024, 1440])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_desktop_navigation_lists_every_chapter_and_marks_the_current_place(
    browser, site_server, lang, width
):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{site_server}{lang}/index.html")
    chapters = page.eval_on_selector_all(
        ".toctree-wrapper li.toctree-l1 > a", "els => els.map(a => a.getAttribute('href'))"
    )
    assert len(chapters) >= 5
    for href in chapters:
        page.goto(f"{site_server}{lang}/{href}")
        nav = page.get_by_role("navigation", name=re.compile("Daftar Isi|Contents"))
        assert nav.count() == 1 and nav.is_visible()
        listed = nav.locator("li.toctree-l1 > a").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))"
        )
        assert len(listed) == len(chapters)
        current = nav.locator("[aria-current=page]")
        assert current.count() == 1
        title = page.locator("main h1").inner_text().replace("#", "").strip()
        assert current.inner_text().strip() == title
        sections = page.eval_on_selector_all(
            "main section > section[id]", "els => els.map(s => '#' + s.id)"
        )
        shown = nav.locator("li.toctree-l2 > a").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))"
        )
        top_level = page.eval_on_selector_all(
            "main .body > section > section[id]", "els => els.map(s => '#' + s.id)"
        )
        assert shown == top_level and set(shown) <= set(sections)
        # still there at the end of the page
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = nav.bounding_box()
        assert box["y"] < 800 and box["y"] + box["height"] > 0
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["390", "360"])
def test_phone_header_is_compact_and_search_is_one_tap_away(browser, site_server, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=True, has_touch=True)
    page = context.new_page()
    for lang, word in (("id", "Cari"), ("en", "Search")):
        page.goto(f"{site_server}{lang}/model-intervensi.html")
        assert page.eval_on_selector(".site-header", "e => e.getBoundingClientRect().height") <= 64
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        with page.expect_navigation():
            page.get_by_role("banner").get_by_role("link", name=word).tap()
        assert page.url.endswith(f"/{lang}/search.html")
        assert page.is_visible("#search-input")
    context.close()


def test_every_page_taller_than_two_phone_screens_has_a_way_back_up(browser, site, site_server):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    page = context.new_page()
    missing, long_pages = [], 0
    for rel in pages(site):
        page.goto(site_server + rel)
        if page.evaluate("document.documentElement.scrollHeight") > 2 * SMALL_PHONE["height"]:
            long_pages += 1
            if page.locator("a.to-top[href='#top']").count() != 1:
                missing.append(rel)
    context.close()
    assert long_pages >= 6 and missing == []


# -- 3. the table on every screen -----------------------------------------------------


def test_comparison_table_uses_a_wide_screen_and_keeps_its_header_in_view(browser, site_server):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site_server}id/model-intervensi.html")
    table = page.locator("table.model-comparison").bounding_box()
    prose = page.locator("main p").first.bounding_box()
    assert table["width"] >= 900 and table["width"] > prose["width"] + 100
    assert table["x"] + table["width"] <= page.evaluate("document.documentElement.clientWidth")
    page.evaluate("y => window.scrollTo(0, y)", table["y"] + table["height"] / 2)
    head = page.locator("table.model-comparison thead th").first.bounding_box()
    assert 0 <= head["y"] <= 2, head  # stuck to the top of the viewport
    assert page.evaluate("document.elementFromPoint(500, 10).closest('thead') !== null")
    page.close()


def test_each_row_is_announced_by_its_indicator(browser, site_server):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{site_server}en/model-intervensi.html")
    rows = page.eval_on_selector_all(
        "table.model-comparison tbody tr",
        """rows => rows.map(r => ({
        headers: [...r.querySelectorAll('th')].map(th => [th.getAttribute('scope'), th.innerText]),
        first: r.cells[0].innerText}))""",
    )
    assert len(rows) == 11
    for number, row in enumerate(rows, start=1):
        assert row["first"] == str(number)  # the number stays
        assert len(row["headers"]) == 1 and row["headers"][0][0] == "row"
        assert row["headers"][0][1] not in ("", str(number))
    snapshot = page.locator("table.model-comparison").aria_snapshot()
    assert 'rowheader "Locality development' not in snapshot  # a column header is not a row
    assert re.search(r'rowheader "Goal categories', snapshot, re.I), snapshot[:500]
    page.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_errata_table_fits_a_small_phone(browser, site_server, lang):
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_server}{lang}/catatan-editorial.html")
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cells = page.eval_on_selector_all(
        "main table tbody td",
        """els => els.map(e => {
        const r = e.getBoundingClientRect();
        return {right: r.right, left: r.left, sw: e.scrollWidth, cw: e.clientWidth};})""",
    )
    assert cells
    for cell in cells:
        assert cell["left"] >= 0 and cell["right"] <= width and cell["sw"] <= cell["cw"] + 1, cell
    wrap = page.eval_on_selector("main .table-wrap", "e => [e.scrollWidth, e.clientWidth]")
    assert wrap[0] <= wrap[1]
    context.close()


# -- 4. dark mode, contrast, focus ring -----------------------------------------------


# (axe in both schemes on every page: tests/test_browser.py)


@pytest.mark.parametrize("rel", ["id/pemberdayaan.html", "404.html"])
def test_dark_scheme_is_dark(browser, site_server, rel):
    colours = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{site_server}{rel}")
        colours[scheme] = page.evaluate("""() => [getComputedStyle(document.body).backgroundColor,
                                                getComputedStyle(document.body).color]""")
        context.close()
    light_bg, dark_bg = (luminance(parse_rgb(colours[s][0])) for s in SCHEMES)
    assert light_bg > 0.9 and dark_bg < 0.05
    assert contrast(parse_rgb(colours["dark"][0]), parse_rgb(colours["dark"][1])) >= 7


def parse_rgb(css: str) -> tuple[float, float, float]:
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The focused element's ring and what it is seen against: the first opaque background
# under a point just outside each of its four sides (the ring is drawn there).
FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
  const out = parseFloat(s.outlineOffset) + parseFloat(s.outlineWidth) / 2;
  const points = [[r.left - out, r.top + r.height / 2], [r.right + out, r.top + r.height / 2],
                  [r.left + r.width / 2, r.top - out], [r.left + r.width / 2, r.bottom + out]];
  const backgrounds = [];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    let bg = getComputedStyle(document.documentElement).backgroundColor;
    for (const under of document.elementsFromPoint(x, y)) {
      if (under === e || e.contains(under)) continue;
      const c = getComputedStyle(under).backgroundColor;
      if (c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) { bg = c; break; }
    }
    backgrounds.push(bg);
  }
  return {tag: e.tagName, text: (e.innerText || e.id || '').slice(0, 40), style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), colour: s.outlineColor, backgrounds};
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_focus_ring_contrasts_with_every_background(browser, site_server, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    seen = 0
    for rel in ("id/model-intervensi.html", "en/pemberdayaan.html", "id/search.html?q=daya"):
        page.goto(site_server + rel)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("Tab")
        first = None
        for _ in range(200):
            ring = page.evaluate(FOCUSED)
            key = (ring["tag"], ring["text"])
            if first == key or ring["tag"] == "BODY":
                break
            first = first or key
            seen += 1
            assert ring["style"] != "none" and ring["width"] >= 2, (rel, ring)
            assert ring["backgrounds"], (rel, ring)
            for background in ring["backgrounds"]:
                ratio = contrast(parse_rgb(ring["colour"]), parse_rgb(background))
                assert ratio >= 3, (rel, ring, background, round(ratio, 2))
            page.keyboard.press("Tab")
    assert seen > 30
    context.close()
