"""Search across languages: marked passages, the other editions, appendices last.

* A passage marked with another language (class ``lang-<tag>``, i18n/langparts.py) is
  indexed in that language too: its words' stems in that language are added to
  ``searchindex.js`` after Sphinx wrote it; the search page loads that language's
  stemmer and uses the stem the index knows (``textbook-search.js``).
* The search page names the other editions, their stemmers and the line that
  introduces their hits ("3 hasil di edisi bahasa Inggris").
* Words left without a document are dropped from the index, and the index entries are
  those of every page (from the index domain, which the environment keeps), so an
  incremental build's index equals a clean build's (Sphinx 9.0.4's ``IndexBuilder.prune``
  keeps the former; its entries of unread pages are lost with the environment it pickled
  before writing).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import sphinx.search
from babel import Locale
from docutils import nodes
from sphinx import addnodes
from sphinx.search import SearchLanguage
from sphinx.util.index_entries import split_index_msg

from ..i18n.langparts import node_lang
from ..messages import N_, gettext
from .search_id import STEM_FOLD, SearchIndonesian

# Translators: above the hits of another edition; {language} is its language's name in
# this edition's language, {count} the number of pages ("Hasil di edisi bahasa Inggris: 3")
OTHER_EDITION = N_("Results in the {language} edition: {count}")
# Translators: a search that found a word of the book one letter away from the typed one
DID_YOU_MEAN = N_("Did you mean:")
PREFIX, SUFFIX = "Search.setIndex(", ")"


def search_language(code: str) -> type[SearchLanguage] | None:
    if code == SearchIndonesian.lang:
        return SearchIndonesian
    found = sphinx.search.languages.get(code)
    if isinstance(found, str):
        module, _, name = found.rpartition(".")
        found = getattr(__import__(module, fromlist=[name]), name)
    return found if found and found.js_stemmer_rawcode else None


def stemmer_file(code: str) -> Path | None:
    found = search_language(code)
    if found is None:
        return None
    return Path(sphinx.search.__file__).with_name("minified-js") / found.js_stemmer_rawcode


def marked_words(doctree, edition: str) -> dict[str, set[str]]:
    """Per other language, the words of the passages marked with it."""
    words: dict[str, set[str]] = {}
    for node in doctree.findall(nodes.Element):
        lang = node_lang(node)
        if lang and lang != edition:
            words.setdefault(lang, set()).update(
                SearchLanguage._word_re.findall(node.astext())
            )  # Sphinx's splitter: \w+
    return words


def collect_marked_words(app, doctree) -> None:
    """Each page's marked words, kept in the environment as it reads the page: the
    index is completed from them without loading every doctree again. Only the
    builders that write a search index (not EPUB or singlehtml) keep them."""
    if app.builder.name not in ("html", "dirhtml"):
        return
    if not hasattr(app.env, "textbook_marked"):
        app.env.textbook_marked = {}
    app.env.textbook_marked[app.env.docname] = marked_words(doctree, app.config.language)


def _purge_marked(app, env, docname) -> None:
    getattr(env, "textbook_marked", {}).pop(docname, None)


def _merge_marked(app, env, docnames, other) -> None:
    found = getattr(other, "textbook_marked", {})
    env.textbook_marked = getattr(env, "textbook_marked", {})
    env.textbook_marked.update({doc: found[doc] for doc in docnames if doc in found})


def _add(terms: dict, word: str, doc: int) -> None:
    found = terms.get(word, [])
    found = {found} if isinstance(found, int) else set(found)
    found.add(doc)
    terms[word] = found.pop() if len(found) == 1 else sorted(found)


def index_entries(env, docnames: list[str]) -> dict[str, list]:
    """``indexentries`` as Sphinx's ``IndexBuilder.feed`` makes them, for every page."""
    entries, found = env.get_domain("index").entries, {}
    for number, docname in enumerate(docnames):
        for kind, value, target, main, _key in entries.get(docname, ()):
            try:
                names = split_index_msg(kind, value)
            except ValueError:
                continue
            for name in names:
                found.setdefault(name.lower(), set()).add((number, target or "", main == "main"))
    return {name: sorted(hits) for name, hits in found.items()}


def complete_search_index(app, exception) -> None:
    """searchindex.js after Sphinx wrote it: marked passages in their language, every
    page's index entries, no word without a document."""
    if exception or app.builder.format != "html":
        return
    path = Path(app.outdir) / "searchindex.js"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    index = json.loads(text[len(PREFIX) : -len(SUFFIX)])
    marked = getattr(app.env, "textbook_marked", {})
    stemmers: dict[str, SearchLanguage | None] = {}
    for number, docname in enumerate(index["docnames"]):
        if docname not in app.env.found_docs:
            continue
        for lang, words in marked.get(docname, {}).items():
            if lang not in stemmers:
                found = search_language(lang)
                stemmers[lang] = found(app.config.html_search_options) if found else None
            language = stemmers[lang]
            for word in words if language else ():
                if word.lower() not in language.stopwords and not word.isdigit():
                    _add(index["terms"], language.stem(word), number)
    index["indexentries"] = index_entries(app.env, index["docnames"])
    for mapping in (index["terms"], index["titleterms"]):
        for word in [w for w, found in mapping.items() if found == []]:
            del mapping[word]
    path.write_text(
        PREFIX
        + json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        + SUFFIX,
        encoding="utf-8",
    )


def copy_stemmers(app, exception) -> None:
    """The other editions' stemmers, for the search page (Sphinx ships them)."""
    if exception or app.builder.format != "html":
        return
    for code in _other_editions(app):
        source = stemmer_file(code)
        if source:
            shutil.copyfile(source, Path(app.outdir) / "_static" / source.name)


def _other_editions(app) -> list[str]:
    from .site import languages  # site.py imports this package's search_id

    return [code for code in languages(app.config) if code != app.config.language]


def _appendices(app) -> list[str]:
    """The documents of the root's unnumbered toctree (as latex/layout.py's appendices)."""
    root = app.env.get_doctree(app.config.root_doc)
    return sorted(
        {
            doc
            for toctree in root.findall(addnodes.toctree)
            if not toctree.get("numbered")
            for _, doc in toctree["entries"]
        }
    )


def search_context(app, pagename, templatename, context, doctree) -> None:
    if pagename != "search" or app.builder.format != "html":
        return
    lang = app.config.language
    editions = []
    for code in _other_editions(app):
        source = stemmer_file(code)
        language = search_language(code)
        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(lang.replace("-", "_"))
        except (ValueError, LookupError):
            name = code
        editions.append(
            {
                "code": code,
                "stemmer": f"_static/{source.name}" if source else "",
                "stemmer_name": f"{language.language_name}Stemmer" if language else "",
                "fold": STEM_FOLD if code == SearchIndonesian.lang else "",
                "line": gettext(OTHER_EDITION, lang).replace("{language}", name or code),
            }
        )
    context["tb_search"] = {
        "editions": editions,
        "appendices": _appendices(app),
        "did_you_mean": gettext(DID_YOU_MEAN, lang),
    }


def setup_search_langs(app) -> None:
    app.connect("doctree-read", collect_marked_words, priority=900)  # the page as kept
    app.connect("env-purge-doc", _purge_marked)
    app.connect("env-merge-info", _merge_marked)
    # before the offline list (html/offline.py) reads the files
    app.connect("build-finished", complete_search_index, priority=400)
    app.connect("build-finished", copy_stemmers, priority=400)
    app.connect("html-page-context", search_context)
