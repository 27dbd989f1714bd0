"""The website in Debian's Chromium (Playwright), served on 127.0.0.1 by the test."""

from __future__ import annotations

import pytest

from helpers.html_check import AXE_JS, lighthouse, load_side_by_side, pages, run_axe

pytestmark = pytest.mark.browser

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
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    "lang, other, label", [("id", "en", "English"), ("en", "id", "Bahasa Indonesia")]
)
@pytest.mark.parametrize("name", CHAPTERS)
def test_language_switch_lands_on_the_same_page(page, site_server, lang, other, label, name):
    page.goto(f"{site_server}{lang}/{name}.html")
    anchors = page.eval_on_selector_all("section[id]", "els => els.map(e => e.id)")
    page.get_by_role("navigation", name="Bahasa" if lang == "id" else "Language").get_by_role(
        "link", name=label
    ).click()
    page.wait_for_url(f"{site_server}{other}/{name}.html")  # fails if it never opens
    assert page.eval_on_selector("html", "e => e.lang") == other
    assert page.eval_on_selector_all("section[id]", "els => els.map(e => e.id)") == anchors


def test_language_switch_keeps_the_section(page, site_server):
    page.goto(f"{site_server}id/pemberdayaan.html#pemberdayaan-menurut-payne")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{site_server}en/pemberdayaan.html#pemberdayaan-menurut-payne")
    assert "according to Payne" in page.locator("#pemberdayaan-menurut-payne h2").inner_text()


# Sphinx's searchtools.js: the title reads _("Searching") plus pulsing dots (a <span>) until
# _finishSearch(), after the last result is listed, sets it to _("Search Results").
# (#search-progress has text as soon as the search starts.)
SEARCH_DONE = """() => {
  const title = document.querySelector('#search-results h2');
  return title !== null && title.children.length === 0
         && title.textContent === Documentation.gettext('Search Results');
}"""
NO_MATCH = (
    "Your search did not match any documents. Please make sure that all words are "
    "spelled correctly and that you've selected enough categories."
)


def wait_for_search(page):
    page.wait_for_function(SEARCH_DONE, timeout=15_000)


@pytest.mark.parametrize(
    "lang, query, expected",
    [
        ("id", "memberdayakan", "pemberdayaan.html"),
        ("id", "daya", "pemberdayaan.html"),
        ("id", "perencanaan sosial", "model-intervensi.html"),
        ("en", "empowerment", "pemberdayaan.html"),
        ("en", "social planning", "model-intervensi.html"),
    ],
)
def test_search_finds_the_expected_page(page, site_server, lang, query, expected):
    page.goto(f"{site_server}{lang}/index.html")
    page.fill("#q", query)
    page.press("#q", "Enter")
    wait_for_search(page)
    hrefs = page.eval_on_selector_all(
        "#search-results ul.search li a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert any(h.split("#")[0].split("?")[0] == expected for h in hrefs), hrefs
    # the summary names the count in the page's language (Sphinx leaves it empty for id)
    summary = page.locator("#search-results p.search-summary").inner_text()
    assert str(len(hrefs)) in summary
    assert summary.startswith({"id": "Pencarian selesai", "en": "Search finished"}[lang])


def test_search_ignores_stopwords(page, site_server):
    page.goto(f"{site_server}id/search.html?q=yang")
    wait_for_search(page)
    assert page.locator("#search-results ul.search li").count() == 0
    summary = page.locator("#search-results p.search-summary").inner_text()
    assert summary == page.evaluate("m => Documentation.gettext(m)", NO_MATCH) != NO_MATCH


@pytest.mark.parametrize("lang", ["id", "en"])
def test_table_fits_a_phone(browser, site_server, lang):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_server}{lang}/model-intervensi.html")
    width = page.evaluate("document.documentElement.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cells = page.eval_on_selector_all(
        "table.model-comparison tbody th, table.model-comparison tbody td",
        """
        els => els.map(e => { const r = e.getBoundingClientRect();
          return {left: r.left, right: r.right, w: r.width, h: r.height,
                  sw: e.scrollWidth, cw: e.clientWidth, text: e.innerText.slice(0, 30),
                  label: getComputedStyle(e, '::before').content}; })""",
    )
    assert len(cells) == 11 * 5
    for cell in cells:
        assert cell["w"] > 0 and cell["h"] > 0, cell
        assert cell["left"] >= 0 and cell["right"] <= width, cell
        assert cell["sw"] <= cell["cw"] + 1, cell  # nothing clipped inside the cell
        assert cell["label"] not in ("none", "normal", '""'), cell  # header text shown
    scroller = page.eval_on_selector(".table-wrap", "e => [e.scrollWidth, e.clientWidth]")
    assert scroller[0] <= scroller[1]
    context.close()


def test_table_is_a_real_table_on_wide_screens(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_server}id/model-intervensi.html")
    assert (
        page.eval_on_selector("table.model-comparison", "e => getComputedStyle(e).display")
        == "table"
    )
    page.focus(".table-wrap")
    assert page.evaluate("document.activeElement.classList.contains('table-wrap')")
    context.close()


def test_print_shows_the_chapter_and_the_whole_table(browser, site_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site_server}en/model-intervensi.html")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-toc", ".pager", ".page-tools", ".skip-link"):
        assert page.eval_on_selector(hidden, "e => getComputedStyle(e).display") == "none", hidden
    assert (
        page.eval_on_selector("table.model-comparison", "e => getComputedStyle(e).display")
        == "table"
    )
    assert (
        page.eval_on_selector("table.model-comparison thead", "e => getComputedStyle(e).display")
        == "table-header-group"
    )
    heights = page.eval_on_selector_all(
        "table.model-comparison tbody td", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert len(heights) == 11 * 4 and min(heights) > 0
    assert len(page.pdf(format="A4")) > 10_000
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "viewport", [PHONE, {"width": 1440, "height": 900}], ids=["phone", "desktop"]
)
def test_axe_finds_no_violation_on_any_page(browser, site, site_server, viewport, scheme):
    """Every page, on a phone and a wide screen, in the light and the dark scheme."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    report = {}
    checked = 0
    for rel in pages(site):
        page.goto(site_server + rel)
        violations = run_axe(page)
        checked += 1
        if violations:
            report[rel] = [(v["id"], v["impact"], len(v["nodes"])) for v in violations]
    context.close()
    # + search, genindex, both editions' parallel views, root pages (landing, 404,
    # the two translation status pages)
    assert checked == 2 * len(CHAPTERS) + 2 * 2 + 2 * len(CHAPTERS) + 4
    assert report == {}


def test_axe_catches_a_violation(page, site_server):
    """The check itself works: an image without alt text is reported."""
    page.goto(f"{site_server}id/index.html")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png>')"
    )
    assert "image-alt" in [v["id"] for v in run_axe(page)]


def test_no_request_leaves_the_site_and_pages_stay_light(browser, site, site_server):
    """Every page, opened on a phone with nothing cached: no request leaves the site,
    and a chapter's first load stays under 100 KB."""
    chapters = {f"{lang}/{name}.html" for lang in ("id", "en") for name in CHAPTERS}
    foreign: list[str] = []
    sizes: dict[str, list[int]] = {}

    def fresh_phone():
        page = browser.new_context(viewport=PHONE).new_page()
        loaded = sizes[id(page)] = []  # a fresh list: a closed page's id may come again
        page.on(
            "request",
            lambda r: (
                foreign.append(r.url)
                if not r.url.startswith(site_server) and not r.url.startswith("data:")
                else None
            ),
        )
        page.on("response", lambda r: loaded.append(len(r.body())))
        return page

    light = {}
    for url, page in load_side_by_side(fresh_phone, [site_server + rel for rel in pages(site)]):
        rel = url.removeprefix(site_server)
        if rel in chapters:
            light[rel] = sum(sizes[id(page)])
        page.context.close()
    assert foreign == []
    assert set(light) == chapters
    assert all(0 < total <= 100_000 for total in light.values()), light


# Issue 19's budget: Lighthouse mobile 100 for performance and accessibility
@pytest.mark.slow
@pytest.mark.parametrize(
    "rel",
    [
        "id/pemberdayaan.html",
        "id/search.html",
        "en/search.html",
        "en/parallel/model-intervensi.html",
        "id/glosarium.html",
        "en/genindex.html",
    ],
)
def test_lighthouse_mobile_scores_100(site_server, rel, tmp_path):
    """A performance score below 100 is measured twice more and the median of the three
    counts: Lighthouse's own advice for a loaded machine (docs/variability.md: client
    resource contention has a high impact); the other worker's build is such a load."""
    runs = []
    for attempt in range(3):
        report = lighthouse(
            site_server + rel,
            tmp_path / f"report-{attempt}.json",
            ["performance", "accessibility"],
        )
        scores = {
            key: round(category["score"] * 100) for key, category in report["categories"].items()
        }
        misses = [
            ref["id"]
            for category in report["categories"].values()
            for ref in category["auditRefs"]
            if ref["weight"]
            and (report["audits"][ref["id"]]["score"] or 0) < 1
            and report["audits"][ref["id"]]["scoreDisplayMode"]
            not in ("notApplicable", "informative", "manual")
        ]
        assert scores["accessibility"] == 100, (scores, misses)
        runs.append((scores["performance"], misses))
        if attempt == 0 and scores["performance"] == 100:
            break
    median = sorted(runs)[len(runs) // 2]
    assert median[0] == 100, runs
