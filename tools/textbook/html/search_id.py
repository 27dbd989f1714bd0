"""Indonesian full-text search: snowball stemmer in Python and in the browser.

Sphinx has no search language for ``id``; without this a build with
``language='id'`` silently falls back to English stemming and stopwords.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import snowballstemmer
from sphinx.search import SearchLanguage

from ..messages import MSGID_LANGUAGE, N_, gettext, has

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")
# Snowball keeps the root's first letter after some prefixes and not after others
# (pengembangan -> embang, dikembangkan -> kembang; penulis -> ulis, tulis; perencanaan ->
# encana, rencana): a stem's k, t or r before a vowel is dropped, so both forms meet.
# One pattern, the same in Python and in the browser (textbook-search.js).
STEM_FOLD = r"^[krt](?=[aeiou][a-z]{2})"


def load_stopwords(path: Path = STOPWORDS_FILE) -> frozenset[str]:
    words = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not word.isalpha() or word != word.lower():
            raise ValueError(f"{path}:{number}: not a lower-case word: {word!r}")
        words.add(word)
    return frozenset(words)


class SearchIndonesian(SearchLanguage):
    lang = "id"
    language_name = "Indonesian"
    js_stemmer_rawcode = "indonesian-stemmer.js"
    stopwords = load_stopwords()

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer("indonesian")

    def stem(self, word: str) -> str:
        return _FOLD.sub("", self.stemmer.stemWord(word.lower()), count=1)


_FOLD = re.compile(STEM_FOLD)


# Search messages that Sphinx's own JavaScript catalogs may leave empty (their
# msgids are Sphinx's; the words are in textbook.po).
JS_MESSAGES = [
    # Translators: ${resultCount} is the number of pages found
    N_("Search finished, found one page matching the search query.")
]


def complete_js_catalog(app, exception) -> None:
    """Fill the empty entries of ``_static/translations.js`` named in :data:`JS_MESSAGES`."""
    lang = app.config.language
    fixes = {
        msgid: [gettext(msgid, lang)]
        for msgid in JS_MESSAGES
        if lang != MSGID_LANGUAGE and has(msgid, lang)
    }
    path = Path(app.outdir) / "_static" / "translations.js"
    if exception or not fixes or app.builder.format != "html" or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    start = text.index("Documentation.addTranslations(") + len("Documentation.addTranslations(")
    end = text.rindex(");")
    catalog = json.loads(text[start:end])
    for msgid, msgstr in fixes.items():
        if not any(catalog["messages"].get(msgid) or ""):
            catalog["messages"][msgid] = msgstr
    path.write_text(
        text[:start] + json.dumps(catalog, ensure_ascii=False, sort_keys=True) + text[end:],
        encoding="utf-8",
    )


def setup_search_id(app) -> None:
    app.add_search_language(SearchIndonesian)
    app.connect("build-finished", complete_js_catalog)
