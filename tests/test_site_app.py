"""The book as an app and as a link (issue 19, items 5 and 6): the header's short title
on phones, a favicon everywhere, an installable web app, link previews (Open Graph)
in the page's language."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from helpers.html_check import pages

SHORT = {"id": "Pemberdayaan Masyarakat", "en": "Community Empowerment"}


def soup(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def meta(page, prop: str) -> str | None:
    tag = page.find("meta", attrs={"property": prop}) or page.find("meta", attrs={"name": prop})
    return tag["content"] if tag else None


def test_every_page_has_a_link_preview_in_its_language(site):
    descriptions: dict[str, dict[str, str]] = {"id": {}, "en": {}}
    for rel in pages(site):
        lang = rel.split("/")[0]
        if lang not in descriptions:
            continue
        page = soup(site / rel)
        assert page.html["lang"] == lang, rel
        title = page.title.get_text()
        assert meta(page, "og:title") and title.startswith(meta(page, "og:title")), rel
        assert meta(page, "og:locale") == {"id": "id_ID", "en": "en_US"}[lang], rel
        assert meta(page, "og:description") == meta(page, "description"), rel
        assert len(meta(page, "description")) >= 40, rel
        assert meta(page, "og:url") == page.find("link", rel="canonical")["href"], rel
        descriptions[lang][rel.split("/", 1)[1]] = meta(page, "description")
    # a chapter's preview is its own text, in each edition's language
    for chapter in ("pemberdayaan.html", "model-intervensi.html", "intervensi-makro.html"):
        assert descriptions["id"][chapter] != descriptions["en"][chapter]
        assert {"yang", "dan", "dari", "adalah"} & set(descriptions["id"][chapter].split())
        assert {"the", "and", "of", "is"} & set(descriptions["en"][chapter].split())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_edition_has_a_web_app_manifest_in_its_language(site, lang):
    manifest = json.loads((site / lang / "manifest.webmanifest").read_text("utf-8"))
    front = soup(site / lang / "index.html")
    assert manifest["lang"] == lang and manifest["short_name"] == SHORT[lang]
    assert manifest["name"] == front.select_one(".book-title .title-long").get_text()
    assert manifest["start_url"] == "index.html" and manifest["display"] == "standalone"
    assert (site / lang / manifest["icons"][0]["src"]).is_file()
    # the worker keeps it with what every page needs
    offline = json.loads((site / lang / "offline.json").read_text("utf-8"))
    assert "manifest.webmanifest" in offline["core"]


@pytest.mark.browser
def test_the_book_installs_as_an_app_and_no_page_asks_for_a_missing_file(browser, site_server):
    context = browser.new_context()
    page = context.new_page()
    missing: list[str] = []
    page.on(
        "response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    for rel in ("index.html", "404.html", "id/index.html", "en/pemberdayaan.html"):
        page.goto(site_server + rel)
        page.wait_for_load_state("networkidle")
    assert missing == []  # the landing page's favicon was a 404
    page.goto(f"{site_server}id/index.html")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=20_000)
    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito ones, where Chromium installs nothing
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/id/manifest.webmanifest") and not manifest["errors"]
    context.close()


TITLE = {
    "id": "Pengantar Pemberdayaan dan Intervensi Komunitas",
    "en": "An Introduction to Empowerment and Community Intervention",
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_header_shows_a_short_title_on_a_small_phone(browser, site_server, lang):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{site_server}{lang}/model-intervensi.html")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header
    link = page.get_by_role("banner").get_by_role("link", name=SHORT[lang], exact=True)
    assert link.is_visible()
    # not cut ("Pemberdayaan, P…"), neither across nor down
    assert link.evaluate("a => a.scrollWidth <= a.clientWidth && a.scrollHeight <= a.clientHeight")
    page.set_viewport_size({"width": 1024, "height": 768})
    long = page.get_by_role("banner").get_by_role("link", name=TITLE[lang], exact=True)
    assert long.is_visible()
    context.close()
