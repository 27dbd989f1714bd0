"""Offline reading on real networks (issue 19, item 3): the site's service worker
(``sw.js`` at the root, tools/textbook_build/templates/sw.js) in Chromium, against a local
server that compresses, counts its bytes and can stall or fail
(tests/helpers/flaky_server.py)."""

from __future__ import annotations

import json
import re
import shutil
import time
from urllib.parse import urlsplit

import pytest

from helpers.flaky_server import flaky_server
from helpers.html_check import edition_words, pages

pytestmark = pytest.mark.browser

SLOW = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,  # 400 kbit/s
    "uploadThroughput": 50_000,
}
BUDGET = 100_000  # bytes on the wire, compressed, worker included


@pytest.fixture
def served(site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "html")
    with flaky_server(copy) as (url, network):
        yield copy, url, network


def until(page, script: str, arg=None, timeout: float = 20.0) -> None:
    """Poll an async ``script`` (its promise awaited) until it returns true."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, script
        page.wait_for_timeout(200)


KEPT = """async (urls) => navigator.serviceWorker.controller !== null
    && (await Promise.all(urls.map(u => caches.match(u)))).every(Boolean)"""


def edition_pages(site, lang) -> list[str]:
    return [p for p in pages(site) if p.startswith(f"{lang}/")]


def edition_files(site, lang) -> list[str]:
    return [f"{lang}/{f}" for f in json.loads((site / lang / "offline.json").read_text())["files"]]


def opens(context, url) -> str | None:
    """The main heading of ``url`` as a new tab shows it, or None (the browser's error)."""
    page = context.new_page()
    try:
        response = page.goto(url)
        if "/" not in urlsplit(url).path[1:]:  # a root page: the landing page leads on
            page.wait_for_timeout(300)
            page.wait_for_load_state()
        if response is None or not response.ok or page.locator("main h1").count() != 1:
            return None
        return page.locator("main h1").inner_text()
    except Exception:  # net::ERR_INTERNET_DISCONNECTED: not kept
        return None
    finally:
        page.close()


def slow(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW)


@pytest.mark.parametrize("lang, other", [("id", "en"), ("en", "id")])
def test_first_visit_on_a_slow_link(browser, served, lang, other):
    """<= 100 KB in all; then the page, its twin and the landing page open offline,
    and the whole book once the reader asks for it."""
    site, url, network = served
    context = browser.new_context()
    page = context.new_page()
    slow(context, page)
    page.goto(f"{url}{lang}/pemberdayaan.html")
    assert page.evaluate("navigator.connection.effectiveType") != "4g"
    until(page, KEPT, [f"{url}{other}/pemberdayaan.html", f"{url}index.html"])
    page.wait_for_timeout(3000)  # the reader reads; nothing more comes
    print(f"first visit, {lang}: {network.sent} bytes in {len(network.requests)} requests")
    assert network.sent <= BUDGET, network.requests
    assert not any("searchindex" in r for r in network.requests)

    context.set_offline(True)
    for rel in (f"{lang}/pemberdayaan.html", f"{other}/pemberdayaan.html", "index.html"):
        assert opens(context, url + rel), rel  # (the landing page leads to an edition)
    assert opens(context, f"{url}{lang}/model-intervensi.html") is None  # not yet kept

    context.set_offline(False)
    page.get_by_role("button", name=re.compile("offline|luring")).click()
    page.get_by_role("status").filter(has_text=re.compile("device|perangkat")).wait_for()
    context.set_offline(True)
    for rel in edition_pages(site, "id") + edition_pages(site, "en") + ["index.html"]:
        assert opens(context, url + rel), rel
    context.close()


def test_a_fast_connection_keeps_the_edition_read_and_then_the_other(browser, served):
    site, url, _ = served
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}id/index.html")
    until(page, KEPT, [url + f for f in edition_files(site, "id")])
    context.set_offline(True)
    for rel in edition_pages(site, "id"):
        assert opens(context, url + rel), rel
    assert opens(context, f"{url}en/model-intervensi.html") is None
    context.set_offline(False)
    page.goto(f"{url}en/cara-mengutip.html")  # any page of the other edition, online
    until(page, KEPT, [url + f for f in edition_files(site, "en")])
    context.set_offline(True)
    for rel in edition_pages(site, "en"):
        assert opens(context, url + rel), rel
    # the search works offline too
    page = context.new_page()
    page.goto(f"{url}en/search.html?q=empowerment")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=15_000)
    context.close()


def kept_visit(browser, url, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}id/index.html")
    until(page, KEPT, [url + f for f in edition_files(site, "id")])
    return context, page


def test_a_stalled_server_falls_back_to_the_kept_copy_within_3_s(browser, served):
    site, url, network = served
    context, _ = kept_visit(browser, url, site)
    network.mode = "stall"
    page = context.new_page()
    start = time.monotonic()
    page.goto(f"{url}id/model-intervensi.html", wait_until="load", timeout=20_000)
    elapsed = time.monotonic() - start
    print(f"stalled server: the kept page was shown after {elapsed:.2f} s")
    assert elapsed < 4.0  # 3 s of patience, then the copy (styled: its stylesheet too)
    assert page.locator("main h1").inner_text().startswith("3")
    assert page.eval_on_selector("body", "e => getComputedStyle(e).margin") == "0px"
    network.mode = "ok"
    context.close()


@pytest.mark.parametrize("status", ["404", "500"])
def test_an_error_status_never_replaces_a_kept_page(browser, served, status):
    site, url, network = served
    context, _ = kept_visit(browser, url, site)
    good = opens(context, f"{url}id/pemberdayaan.html")
    network.mode = status
    assert opens(context, f"{url}id/pemberdayaan.html") == good  # the copy, not the error
    context.set_offline(True)
    network.mode = "ok"
    assert opens(context, f"{url}id/pemberdayaan.html") == good  # and the copy is still good
    context.close()


def new_build(site) -> str:
    """What a new build changes: the pages' date stamp and edition line, a page's text,
    and so the worker. Returns the old edition line."""
    sw = (site / "sw.js").read_text("utf-8")
    stamps = set(re.findall(r'"stamp": (\d+)', sw))
    assert len(stamps) == 1
    old = stamps.pop()
    new = str(int(old) + 86_400)
    line = ""
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        found = re.search(rf'<p class="edition-line" data-build="{old}">([^<]*)</p>', text)
        line = found.group(1) if found else line
        page.write_text(text.replace(f'data-build="{old}"', f'data-build="{new}"'), "utf-8")
    chapter = site / "id" / "pemberdayaan.html"
    chapter.write_text(
        chapter.read_text("utf-8").replace(
            "Pemberdayaan menurut Payne", "Pemberdayaan menurut Payne (edisi baru)"
        ),
        "utf-8",
    )
    (site / "sw.js").write_text(sw.replace(f'"stamp": {old}', f'"stamp": {new}'), "utf-8")
    return line


def test_after_a_new_build_online_pages_are_new_and_offline_the_reader_is_told_once(
    browser, served, site
):
    built = site
    site, url, _ = served
    context, page = kept_visit(browser, url, site)
    line = new_build(site)
    assert line.startswith(edition_words("id", built.with_name(built.name + "-project")) + " · ")
    online = context.new_page()
    slow(context, online)  # a slow link: the rest of the edition is not fetched again
    online.goto(f"{url}id/pemberdayaan.html")
    assert "edisi baru" in online.locator("main").inner_text()  # online: the new page
    online.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    until(
        online,
        """async () => { const r = await navigator.serviceWorker.getRegistration();
        return !r.installing && !r.waiting && r.active.state === 'activated'; }""",
    )
    online.wait_for_timeout(500)
    context.set_offline(True)
    offline = context.new_page()
    offline.goto(f"{url}id/pemberdayaan.html")
    assert "edisi baru" in offline.locator("main").inner_text()  # kept as opened online
    offline.goto(f"{url}id/model-intervensi.html")  # kept from the old build
    note = offline.get_by_role("status").filter(has_text="edisi yang lebih baru")
    assert note.inner_text() == f"Salinan ini {line}; sudah ada edisi yang lebih baru."
    offline.goto(f"{url}id/intervensi-makro.html")  # once only
    assert offline.locator(".stale-note").count() == 0
    offline.goto(f"{url}id/model-intervensi.html")
    assert offline.locator(".stale-note").count() == 0
    context.close()


def test_every_page_says_which_edition_it_is(site):
    for rel in pages(site):
        if rel.count("/") == 0:
            continue  # the root pages: the landing and 404 pages
        text = (site / rel).read_text("utf-8")
        # a release's "Edisi 1.0"; between tags the title page's pre-release words
        words = edition_words(rel.split("/")[0], site.with_name(site.name + "-project"))
        assert re.search(
            rf'<p class="edition-line" data-build="\d+">{re.escape(words)} · '
            r"[^<]*20\d\d</p>",
            text,
        ), rel


def test_without_service_workers_the_site_works_as_before(browser, served):
    site, url, _ = served
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(f"{url}id/pemberdayaan.html")
    assert page.evaluate("navigator.serviceWorker.controller") is None
    assert not page.get_by_role("button", name=re.compile("luring")).is_visible()
    page.get_by_role("link", name="English").first.click()
    page.wait_for_url(f"{url}en/pemberdayaan.html")
    context.close()
