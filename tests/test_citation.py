"""CITATION.cff: the book's citation data agrees with conf.py (title, author, edition,
licence) and has the fields the Citation File Format 1.2.0 requires; the how-to-cite
page of both editions shows the same citation."""

from __future__ import annotations

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent


def test_citation_file_matches_the_book():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    conf = runpy.run_path(str(ROOT / "conf.py"))
    for field in ("cff-version", "message", "title", "authors"):  # required by CFF 1.2.0
        assert cff.get(field), field
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == cff["preferred-citation"]["title"] == conf["project"]
    assert [a["name"] for a in cff["authors"]] == [conf["author"]]
    assert cff["version"] == cff["preferred-citation"]["edition"] == conf["release"]
    assert "CC BY-SA 4.0" in conf["copyright"] and cff["license"] == "CC-BY-SA-4.0"
    assert cff["preferred-citation"]["type"] == "book"


SITE_URL = "http://127.0.0.1:8000/"  # the `site` fixture's textbook_site_url
WORDS = {
    "id": ("edisi {}", "Lisensi", "Cara Mengutip Buku Ini"),
    "en": ("{} edition", "License", "How to Cite This Book"),
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_how_to_cite_page_shows_the_books_citation_from_conf(site, lang):
    conf = runpy.run_path(str(ROOT / "conf.py"))
    year, licence = conf["copyright"][:4], conf["copyright"].rsplit(". ", 1)[1]
    edition, licence_word, title = WORDS[lang]
    page = BeautifulSoup((site / lang / "cara-mengutip.html").read_text("utf-8"), "html.parser")
    assert page.h1.get_text().rstrip("#") == title
    blocks = page.select(".textbook-citation pre")
    assert len(blocks) == 1  # one block: one selection, one copy
    expected = (
        f"{conf['author']}. ({year}). {conf['project']} "
        f"({edition.format(conf['release'])}). {SITE_URL}{lang}/. "
        f"{licence_word}: {licence}."
    )
    if conf["textbook_prerelease"]:  # between tags (tests/test_edition.py); the site is
        # built from a copy outside git: its commit is "?"
        label = {"id": "prarilis {} (komit ?)", "en": "pre-release of {} (commit ?)"}[lang]
        expected = expected.replace(edition.format(conf["release"]), label.format(conf["release"]))
    assert blocks[0].get_text().strip() == expected
    assert licence == "CC BY-SA 4.0" and year.isdigit()
    index = BeautifulSoup((site / lang / "index.html").read_text("utf-8"), "html.parser")
    assert [
        a.get_text() for a in index.select('.toctree-wrapper a[href="cara-mengutip.html"]')
    ] == [title]


def test_citation_page_refuses_a_copyright_without_year_or_licence():
    from sphinx.errors import ConfigError

    from textbook.citations.book import citation_text

    config = SimpleNamespace(
        language="id",
        copyright="Tim Buku Ajar Terbuka",
        author="A",
        project="T",
        release="1.0",
        textbook_site_url="",
    )
    with pytest.raises(ConfigError, match=r"conf\.py: copyright = 'Tim Buku Ajar Terbuka'"):
        citation_text(config)
