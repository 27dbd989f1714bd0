"""Credit and licence: the book's title is not a cited work's, the reproduced article
is credited as far as the material allows (title, author, date and address not
recorded), the licence covers only what the team wrote, LICENSE files cover the
content and the code, and the English edition says it is a translation."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import polib
import pybtex.database
import pytest
import yaml
from bs4 import BeautifulSoup

from textbook.latex.layout import WORDS
from textbook.messages import gettext

ROOT = Path(__file__).resolve().parent.parent


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def test_book_title_is_not_the_title_of_a_cited_work():
    conf = runpy.run_path(str(ROOT / "conf.py"))
    bib = pybtex.database.parse_file(str(ROOT / "bibliography.bib"))
    cited = {key: _norm(e.fields.get("title", "")) for key, e in bib.entries.items()}
    english = {
        e.msgid: e.msgstr for e in polib.pofile(str(ROOT / "locales/en/LC_MESSAGES/index.po"))
    }[conf["project"]]
    for title in (conf["project"], english):
        assert _norm(title) not in cited.values(), (title, cited)
    assert "adi2003" in cited  # the cited book stays cited
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert cff["title"] == cff["preferred-citation"]["title"] == conf["project"]
    index = (ROOT / "source/index.md").read_text("utf-8")
    assert f"\n# {conf['project']}\n" in index  # the landing page's heading


def test_citation_file_credits_the_article_and_splits_the_licence():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    [article] = cff["references"]
    assert article["type"] == "blog" and article["languages"] == ["id"]
    assert article["authors"] == [{"name": "Author not recorded"}]
    assert "not recorded" in article["title"]
    for word in ("title", "author", "date", "address", "rights stay with its author"):
        assert word in article["notes"], word
    notes = cff["preferred-citation"]["notes"]
    assert "not covered" in notes and "MIT" in notes


def test_licence_files_cover_content_and_code():
    text = (ROOT / "LICENSE").read_text("utf-8")
    for named in ("LICENSES/CC-BY-SA-4.0.txt", "LICENSES/MIT.txt"):
        assert named in text and (ROOT / named).is_file(), named
    assert "rights stay with its author" in text and "not\n   recorded" in text
    assert "Attribution-ShareAlike 4.0 International Public License" in (
        ROOT / "LICENSES/CC-BY-SA-4.0.txt"
    ).read_text("utf-8")
    assert "Permission is hereby granted, free of charge" in (ROOT / "LICENSES/MIT.txt").read_text(
        "utf-8"
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_licence_words_are_translated_and_split(lang):
    licence, source = gettext(WORDS["licence"], lang), gettext(WORDS["source"], lang)
    assert "CC BY-SA 4.0" in licence
    assert {"id": "tetap pada penulisnya", "en": "stay with its author"}[lang] in licence
    assert {"id": "tidak tercatat", "en": "not recorded"}[lang] in source
    assert gettext(WORDS["translation"], lang) != WORDS["translation"] or lang == "en"


EDITORIAL = {
    "id": ("tidak tercatat", "Hak atas teks artikel tetap pada penulisnya", "lisensi MIT"),
    "en": ("not recorded", "text stay with its author", "MIT license"),
}
LANDING = {
    "id": "edisi dalam bahasa lain adalah terjemahan",
    "en": "the editions in other languages are translations",
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_site_pages_credit_the_article_and_say_what_is_a_translation(site, lang):
    notes = (
        BeautifulSoup((site / lang / "catatan-editorial.html").read_text("utf-8"), "html.parser")
        .find(attrs={"role": "main"})
        .get_text(" ")
    )
    notes = " ".join(notes.split())
    for phrase in EDITORIAL[lang]:
        assert phrase in notes, phrase
    landing = BeautifulSoup((site / lang / "index.html").read_text("utf-8"), "html.parser")
    text = " ".join(landing.find(attrs={"role": "main"}).get_text(" ").split())
    assert LANDING[lang] in text
    link = landing.select_one('[role=main] p a[href="catatan-editorial.html"]')
    assert (
        link is not None
        and link.get_text() == {"id": "Catatan Editorial", "en": "Editorial Notes"}[lang]
    )
