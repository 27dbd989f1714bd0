"""Indonesian full-text search: snowball stemmer in Python and in the browser.

Sphinx has no search language for ``id``; without this a build with
``language='id'`` silently falls back to English stemming and stopwords.
"""
from __future__ import annotations

from pathlib import Path

import snowballstemmer
from sphinx.search import SearchLanguage

STOPWORDS_FILE = Path(__file__).with_name("stopwords-id.txt")


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
        return self.stemmer.stemWord(word.lower())


def setup_search_id(app) -> None:
    app.add_search_language(SearchIndonesian)
