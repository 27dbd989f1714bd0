"""The glossary (``locales/glossary.yaml``): each term's agreed translations, and
the check that a msgstr uses them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..inputs import InputError, compose_yaml, plain_data, read_text
from .rules import ROLE_RE, _describe, _tokens


@dataclass(frozen=True)
class Term:
    source: str
    translations: dict[str, list[str]]
    line: int
    definition: str = ""  # the book's glossary (Indonesian, plain text)
    defined: str = ""  # where the book defines it: "<doc>" or "<doc>#<section id>"

    def pattern(self) -> re.Pattern:
        words = r"\s+".join(map(re.escape, self.source.split()))
        return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


class GlossaryError(Exception):
    pass


BOOK_KEYS = ("definition", "defined")  # the book's glossary page (tools/textbook/glossary.py)
DEFINED = re.compile(r"[a-z0-9][a-z0-9-]*(?:#[a-z0-9][a-z0-9-]*)?")


def plain_text_messages(text: str) -> list[str]:
    """Markup in ``text`` that is meant as plain text (a translation may add none)."""
    return [
        _describe(token, f"markup ({token.type})")
        for token in _tokens(text)
        if token.type not in ("text", "softbreak", "inline", "paragraph_open", "paragraph_close")
    ]


def _book_fields(raw: dict, path: Path, line: int) -> dict:
    """The book's glossary fields of a term, checked: plain text, a page name."""
    book = {key: raw.get(key, "") for key in BOOK_KEYS}
    for key, value in book.items():
        if not isinstance(value, str):
            raise GlossaryError(f"{path}:{line}: term '{raw['id']}': '{key}' must be text")
    if bool(book["definition"].strip()) != bool(book["defined"].strip()):
        raise GlossaryError(
            f"{path}:{line}: term '{raw['id']}': a 'definition' needs "
            "'defined' (the page, or page#section, defining it) and back"
        )
    if book["definition"] and (markup := plain_text_messages(book["definition"])):
        raise GlossaryError(
            f"{path}:{line}: term '{raw['id']}': the definition must be plain text: {markup[0]}"
        )
    if book["defined"] and not DEFINED.fullmatch(book["defined"]):
        raise GlossaryError(
            f"{path}:{line}: term '{raw['id']}': defined: "
            f"{book['defined']!r} is not '<page>' or '<page>#<section>'"
        )
    return {"definition": " ".join(book["definition"].split()), "defined": book["defined"].strip()}


def load_glossary(path: Path) -> list[Term]:
    if not path.is_file():
        raise GlossaryError(f"{path}:0: glossary file not found")
    try:
        node = compose_yaml(read_text(path, "utf-8"), path)
        data, lines = plain_data(node, path) if node is not None else (None, {})
    except InputError as exc:
        raise GlossaryError(str(exc)) from None
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{path}:1: expected a mapping with a 'terms' list")
    terms, seen = [], {}
    for index, raw in enumerate(data["terms"]):
        line = lines[("terms", index)]
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise GlossaryError(f"{path}:{line}: a term needs an 'id' (Indonesian) string")
        key = raw["id"].casefold()
        if key in seen:
            raise GlossaryError(
                f"{path}:{line}: duplicate term '{raw['id']}' (first at line {seen[key]})"
            )
        seen[key] = line
        translations, book = {}, _book_fields(raw, path, line)
        for lang, value in raw.items():
            if lang in ("id", "note", *BOOK_KEYS):
                continue
            values = value if isinstance(value, list) else [value]
            if not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise GlossaryError(
                    f"{path}:{line}: term '{raw['id']}': "
                    f"'{lang}' needs a non-empty string or list of strings"
                )
            translations[lang] = values
        terms.append(Term(raw["id"], translations, line, **book))
    # Longest source terms first, so "Pengembangan Masyarakat Lokal" wins over
    # "pengembangan masyarakat" inside it.
    return sorted(terms, key=lambda t: -len(t.source))


WINDOW = 4  # words between the parts of a compound in English word order


def _same_word(token: str, word: str) -> bool:
    return (
        token == word
        or token in (word + "s", word + "es")
        or (word.endswith("y") and token == word[:-1] + "ies")
    )


def uses_term(translation: str, msgstr: str) -> bool:
    """``msgstr`` uses ``translation`` as written, or its words in English compound
    order around the head noun: "macro and micro intervention" and "methods of
    macro intervention" use "macro intervention"; "the client's role" uses
    "client role"."""
    if re.search(rf"(?<!\w){re.escape(translation)}", msgstr, re.I):
        return True
    words = translation.casefold().split()
    if len(words) < 2:
        return False
    tokens = [re.sub(r"['’]s$", "", t) for t in re.findall(r"[\w'’-]+", msgstr.casefold())]
    *modifiers, head = words
    for at, token in enumerate(tokens):
        if _same_word(token, head):
            near = tokens[max(0, at - WINDOW) : at] + tokens[at + 1 : at + 1 + WINDOW]
            if all(any(_same_word(t, m) for t in near) for m in modifiers):
                return True
    return False


def glossary_messages(msgid: str, msgstr: str, lang: str, terms: list[Term]) -> list[str]:
    errors = []
    text = ROLE_RE.sub(" ", msgid)
    for term in terms:
        wanted = term.translations.get(lang)
        if not wanted:
            continue
        pattern = term.pattern()
        if not pattern.search(text):
            continue
        text = pattern.sub(" ", text)
        if not any(uses_term(w, msgstr) for w in wanted):
            agreed = " or ".join(f"'{w}'" for w in wanted)
            errors.append(f"glossary: '{term.source}' should be translated as {agreed}")
    return errors
