"""Draft and released editions (locales/languages.yaml): a draft language is built
and previewed, with a banner and noindex, but never linked, listed in hreflang or
the sitemap, or offered by the landing page."""

from __future__ import annotations

import os
import re

import pytest
from bs4 import BeautifulSoup

from helpers.commands import run
from helpers.html_check import run_build
from textbook import editions
from textbook_build import copy_project

pytestmark = pytest.mark.slow
CHAPTER = "pemberdayaan"


def soup(path):
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("editions") / "book")
    proc = run(project, "textbook_po", "add-language", "fr", env=dict(os.environ, LANG="C.UTF-8"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run_build(project, "html", "--langs", "id", "en", "fr")
    assert proc.returncode == 0, proc.stderr
    return project / "_build" / "html"


def test_released_pages_never_link_a_draft(site):
    for lang in ("id", "en"):
        for page in (site / lang).rglob("*.html"):
            text = page.read_text("utf-8")
            assert "/fr/" not in text and 'hreflang="fr"' not in text, page


def test_the_landing_page_and_the_sitemaps_offer_no_draft(site):
    landing = (site / "index.html").read_text("utf-8")
    assert "fr/" not in landing and '"fr"' not in landing and "Français" not in landing
    assert "fr/" not in (site / "sitemap.xml").read_text("utf-8")
    assert "/fr/" not in (site / "id" / "sitemap.xml").read_text("utf-8")
    assert not (site / "fr" / "sitemap.xml").exists()


def test_a_draft_is_previewed_with_a_banner_and_noindex(site):
    page = soup(site / "fr" / f"{CHAPTER}.html")
    banner = page.select_one("p.draft-banner")
    assert banner is not None and banner.get_text().startswith("Draft translation")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    assert page.select('link[rel="alternate"]') == []
    # its own switch leads to the released editions
    assert {a["hreflang"] for a in page.select("nav.langs a[hreflang]")} == {"id", "en"}
    # untranslated: every passage is shown in its source language, marked
    assert page.select("main .pending-translation")[0]["lang"] == "id"
    quotation = page.select_one("main blockquote .pending-translation")
    assert quotation.get_text().startswith("to help clients gain power")
    assert quotation["lang"] == "en"  # Payne's words stay English


def test_released_pages_have_no_banner(site):
    assert soup(site / "en" / f"{CHAPTER}.html").select_one("p.draft-banner") is None


def test_the_declaration_is_checked_at_file_and_line(tmp_path):
    bad = tmp_path / "languages.yaml"
    bad.write_text("released: [en]\ndraft: []\n")
    with pytest.raises(
        editions.EditionsError,
        match=r"languages\.yaml:1: the source language "
        r"'id' must be released",
    ):
        editions.load(bad)
    bad.write_text("released: [id, en]\ndraft: [en]\n")
    with pytest.raises(editions.EditionsError, match=r":2: en both released and draft"):
        editions.load(bad)


def test_read_the_docs_builds_the_declared_editions_with_every_check():
    rtd = (editions.ROOT / ".readthedocs.yaml").read_text("utf-8")
    for fmt in ("pdf", "epub", "html"):  # no --langs: the released editions
        assert re.search(rf"textbook-build {fmt} --all-checks\s*$", rtd, re.M), fmt
    assert editions.load().released == ("id", "en")
