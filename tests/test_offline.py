"""Offline reading: after one visit the edition opens without network (service
worker, Chromium with the network cut by Playwright); a new build replaces the cache."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import time

import pytest

from helpers.html_check import pages, serve

pytestmark = pytest.mark.browser

SEARCH_DONE = """() => {
  const title = document.querySelector('#search-results h2');
  return title !== null && title.children.length === 0
         && title.textContent === Documentation.gettext('Search Results');
}"""


def listed(edition) -> tuple[str, list[str]]:
    text = (edition / "sw.js").read_text("utf-8")
    cache = re.search(r'const PREFIX = "([^"]+)";\nconst CACHE = PREFIX \+ "([^"]+)"', text)
    files = json.loads(text[text.index("const FILES = ") + 14:text.index(";\nself")])
    return cache.group(1) + cache.group(2), files


@pytest.fixture
def served(site, tmp_path):
    copy = shutil.copytree(site, tmp_path / "html")
    with serve(copy) as url:
        yield copy, url


def until(page, script: str, arg, timeout: float = 20.0) -> None:
    """Poll an async ``script`` (its promise awaited) until it returns true."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, script
        page.wait_for_timeout(200)


CACHED = """async ([cache, count]) => navigator.serviceWorker.controller !== null
    && (await caches.has(cache)) && (await (await caches.open(cache)).keys()).length === count"""


def visit_once(context, url, cache, count):
    page = context.new_page()
    page.goto(url)
    until(page, CACHED, [cache, count])
    return page


@pytest.mark.parametrize("lang, query", [("id", "memberdayakan"), ("en", "empowerment")])
def test_edition_opens_offline_after_one_visit(browser, served, lang, query):
    site, url = served
    edition = site / lang
    cache, files = listed(edition)
    edition_pages = [p for p in pages(site) if p.startswith(f"{lang}/")]
    assert {p[len(lang) + 1:] for p in edition_pages} <= set(files)
    assert "searchindex.js" in files and "_static/textbook.css" in files
    context = browser.new_context()
    visit_once(context, f"{url}{lang}/index.html", cache, len(files))
    context.set_offline(True)
    page = context.new_page()
    for rel in edition_pages:
        response = page.goto(url + rel)
        assert response is not None and response.ok, rel
        assert page.locator("main h1").count() == 1, rel
        # styled: the stylesheet came from the cache too
        assert page.eval_on_selector("body", "e => getComputedStyle(e).margin") == "0px", rel
    # the edition's own address, as bookmarked or saved to a home screen
    page.goto(f"{url}{lang}/index.html")
    front = page.locator("main h1").inner_text()
    response = page.goto(f"{url}{lang}/")
    assert response is not None and response.ok
    assert page.locator("main h1").inner_text() == front
    page.goto(f"{url}{lang}/search.html?q={query}")
    page.wait_for_function(SEARCH_DONE, timeout=15_000)
    excerpts = page.eval_on_selector_all("#search-results li p.context",
                                         "els => els.map(e => e.textContent)")
    assert excerpts and all(len(e) > 80 for e in excerpts)
    # a page of the other edition was never visited: not there offline
    other = "en" if lang == "id" else "id"
    with pytest.raises(Exception):
        page.goto(f"{url}{other}/index.html")
    context.close()


def test_cached_edition_is_small(site):
    for lang in ("id", "en"):
        _, files = listed(site / lang)
        compressed = sum(len(gzip.compress((site / lang / f).read_bytes(), 9)) for f in files)
        assert compressed <= 300_000, (lang, compressed)


def test_a_new_build_replaces_the_cache_on_the_next_online_visit(browser, served):
    site, url = served
    edition = site / "id"
    cache, files = listed(edition)
    context = browser.new_context()
    page = visit_once(context, f"{url}id/index.html", cache, len(files))
    # what a new build changes: a page, and so the worker's cache name
    chapter = edition / "pemberdayaan.html"
    chapter.write_text(chapter.read_text("utf-8").replace(
        "Pemberdayaan menurut Payne", "Pemberdayaan menurut Payne (edisi baru)"), "utf-8")
    sw = (edition / "sw.js").read_text("utf-8")
    new_cache = cache[:-4] + "beef"
    (edition / "sw.js").write_text(sw.replace(cache[len("textbook-id-"):],
                                              new_cache[len("textbook-id-"):]), "utf-8")
    online = context.new_page()
    response = online.goto(f"{url}id/pemberdayaan.html")
    assert "edisi baru" in online.locator("main").inner_text()  # online: never a stale page
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    until(page, "async (old) => !(await caches.has(old))", cache)  # the old build's cache is gone
    until(page, CACHED, [new_cache, len(files)])
    context.set_offline(True)
    offline = context.new_page()
    offline.goto(f"{url}id/pemberdayaan.html")
    assert "edisi baru" in offline.locator("main").inner_text()
    context.close()


def test_without_service_workers_the_site_works_as_before(browser, served):
    site, url = served
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.goto(f"{url}id/pemberdayaan.html")
    assert page.evaluate("navigator.serviceWorker.controller") is None
    page.get_by_role("link", name="English").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/pemberdayaan.html")
    context.close()
