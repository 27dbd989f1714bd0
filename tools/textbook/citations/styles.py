"""Bibliography and in-text citation styles that speak the book's language.

``conf.py`` names them once (``bibtex_default_style = "textbook"``,
``bibtex_reference_style = "textbook-author-year"``); their words follow the
language of the build (``config-inited``), from the interface catalogs.
"""

from __future__ import annotations

import dataclasses

import pybtex.plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import pages
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import (
    field,
    join,
    names,
    optional,
    optional_field,
    sentence,
    together,
    words,
)
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from ..messages import MSGID_LANGUAGE, N_, gettext

# Bibliography words: key -> English msgid (locales/<lang>/LC_MESSAGES/textbook.po)
WORDS = {
    # Translators: between the last two authors of a reference
    "and": N_("and"),
    # Translators: after the first author when a citation shortens the list
    "others": N_("et al."),
    # Translators: before the book a chapter appears in ("In Payne, ed., ...")
    "in": N_("In"),
    "editor": N_("editor"),
    "editors": N_("editors"),
    # Translators: before a page range in a reference
    "pages": N_("pp."),
    # Translators: before a chapter number in a reference
    "chapter": N_("chapter"),
    # Translators: the edition of a book: "{number} edition" ("2nd edition")
    "edition": N_("{number} edition"),
}


def bib_words(language: str) -> dict[str, str]:
    return {key: gettext(msgid, language) for key, msgid in WORDS.items()}


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels such as ``Adi 2003`` for an author-year bibliography."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            persons = entry.persons.get("author") or entry.persons.get("editor") or []
            name = " ".join(persons[0].last_names) if persons else entry.key
            yield f"{name} {entry.fields.get('year', '')}".strip()


class LocalizedStyle(UnsrtStyle):
    """pybtex's unsrt style with its words taken from :data:`WORDS`."""

    default_sorting_style = "author_year_title"
    default_name_style = "lastfirst"
    default_label_style = "textbook-author-year"

    @property
    def w(self) -> dict[str, str]:
        return bib_words(BUILD["language"])

    def format_names(self, role, as_sentence=True):
        and_ = f" {self.w['and']} "
        formatted = names(role, sep=", ", sep2=and_, last_sep=f",{and_}")
        return sentence[formatted] if as_sentence else formatted

    def format_editor(self, e, as_sentence=True):
        editors = self.format_names("editor", as_sentence=False)
        if "editor" not in e.persons:
            return editors
        word = self.w["editors"] if len(e.persons["editor"]) > 1 else self.w["editor"]
        result = join(sep=", ")[editors, word]
        return sentence[result] if as_sentence else result

    def format_chapter_and_pages(self, e):
        return join(sep=", ")[
            optional[together[self.w["chapter"], field("chapter")]],
            optional[together[self.w["pages"], pages]],
        ]

    def format_edition(self, e):
        word = self.w["edition"]
        return optional[field("edition", apply_func=lambda n: word.format(number=n.lower()))]

    def format_title(self, e, which_field, as_sentence=True):
        formatted = field(which_field)
        return sentence[formatted] if as_sentence else formatted

    def get_book_template(self, e):
        return toplevel[
            self.format_author_or_editor(e),
            sentence[field("year")],
            self.format_btitle(e, "title"),
            self.format_edition(e),
            sentence[join(sep=": ")[optional_field("address"), field("publisher")]],
        ]

    def get_incollection_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            sentence[field("year")],
            self.format_title(e, "title"),
            words[
                self.w["in"],
                sentence[
                    optional[self.format_editor(e, as_sentence=False)],
                    self.format_btitle(e, "booktitle", as_sentence=False),
                    self.format_chapter_and_pages(e),
                ],
            ],
            sentence[join(sep=": ")[optional_field("address"), field("publisher")]],
        ]


BUILD = {"language": MSGID_LANGUAGE}  # the language of the build being run


def _words_factory(make):
    return dataclasses.field(default_factory=lambda: make(bib_words(BUILD["language"])))


def _round():
    return dataclasses.field(default_factory=lambda: BracketStyle(left="(", right=")"))


@dataclasses.dataclass
class AuthorYearStyle(AuthorYearReferenceStyle):
    """In-text citations "(Adi 2003)", "Adi dan Payne", "Adi dkk." in the build's language."""

    person: PersonStyle = _words_factory(
        lambda w: PersonStyle(
            sep2=f" {w['and']} ", last_sep=f", {w['and']} ", other=Text(" ", w["others"])
        )
    )
    bracket_textual: BracketStyle = _round()
    bracket_parenthetical: BracketStyle = _round()
    bracket_author: BracketStyle = _round()
    bracket_label: BracketStyle = _round()
    bracket_year: BracketStyle = _round()


# installed pybtex plugins the book's styles use: pybtex reads every installed package's
# metadata on each lookup of an entry point, once per citation; a runtime plugin is
# found first. Registered at import, so textbook-build's forked builds share them.
for _group, _name in [
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "docutils"),
    ("pybtex.style.names", "last"),
    ("pybtex.style.names", "lastfirst"),
    ("pybtex.style.sorting", "author_year_title"),
]:
    pybtex.plugin.register_plugin(
        _group, _name, pybtex.plugin.find_plugin(_group, _name), force=True
    )


def choose_language(app, config) -> None:
    BUILD["language"] = config.language or MSGID_LANGUAGE


def setup_bibstyles(app) -> None:
    pybtex.plugin.register_plugin(
        "pybtex.style.labels", "textbook-author-year", AuthorYearLabelStyle
    )
    pybtex.plugin.register_plugin("pybtex.style.formatting", "textbook", LocalizedStyle)
    register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "textbook-author-year", AuthorYearStyle
    )
    app.connect("config-inited", choose_language)
