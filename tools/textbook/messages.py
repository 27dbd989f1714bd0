"""The extension's interface words: its own gettext domain ``textbook``.

msgids are English; every language's words, Indonesian too, are in
``locales/<lang>/LC_MESSAGES/textbook.po`` (``make update-po`` extracts the
msgids marked ``N_()``/``_()`` in ``tools/textbook`` and its theme templates).
The catalog is compiled in memory: no ``.mo`` file is written or read (a compiled
catalog in ``locales/`` is refused, ``inputs.tree_problems``).
A word a language lacks is the English msgid, and ``make po-status`` lists it.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import os
from pathlib import Path

import markupsafe

DOMAIN = "textbook"
MSGID_LANGUAGE = "en"
LOCALES = Path(__file__).resolve().parents[2] / "locales"
TEMPLATES = Path(__file__).with_name("html") / "theme"
# a build's checked copy of its language's textbook.po (input_check.stage_catalogs)
STAGED: dict[Path, Path] = {}


class CatalogError(Exception):
    """A ``textbook.po`` that cannot be read (its text names the file and line)."""


class Message(str):
    """A msgid with its context (``msgctxt``): one English word, two meanings."""

    context: str | None = None


def N_(message: str) -> str:
    """Marks ``message`` as a msgid for extraction; translated where it is used."""
    return message


def NP_(context: str, message: str) -> Message:
    """Like :func:`N_`, with a context telling two uses of one English word apart."""
    marked = Message(message)
    marked.context = context
    return marked


def _lookup(words: _gettext.NullTranslations, message: str) -> str:
    context = getattr(message, "context", None)
    return words.pgettext(context, message) if context else words.gettext(message)


def po_path(lang: str, locales: Path | None = None) -> Path:
    return (locales or LOCALES) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compiled(po: Path) -> bytes:
    """``po`` as a .mo file (fuzzy entries left out)."""
    from babel.messages import mofile, pofile

    from .i18n.po import catalog_text
    from .inputs import InputError

    try:
        text = catalog_text(po)
        catalog = pofile.read_po(io.StringIO(text), abort_invalid=True)
    except InputError as exc:
        raise CatalogError(
            f"{exc.where}: cannot read the interface words: {exc.message}"
        ) from None
    except pofile.PoFileError as exc:
        line = getattr(exc, "lineno", 0)
        raise CatalogError(f"{po}:{line}: cannot read the interface words: {exc}") from None
    out = io.BytesIO()
    mofile.write_mo(out, catalog)
    return out.getvalue()


@functools.cache
def _translations(po: Path) -> _gettext.NullTranslations:
    po = STAGED.get(po.resolve(), po)
    if not os.path.lexists(po):
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(compiled(po)))


def translations(lang: str, locales: Path | None = None) -> _gettext.NullTranslations:
    """``lang``'s interface words (any language, whatever the build's language), read
    once per build (``setup_messages`` forgets them)."""
    return _translations(po_path(lang, locales))


def gettext(message: str, lang: str | None) -> str:
    """``message`` in ``lang`` (the English msgid when the language lacks it)."""
    if not lang or refused(message):
        return str(message)
    return _lookup(translations(lang), message)


def has(message: str, lang: str | None) -> bool:
    """Whether ``lang`` has its own word for ``message``."""
    if not lang or lang == MSGID_LANGUAGE:
        return True
    return not refused(message) and _lookup(translations(lang), message) != message


def refused(message: str) -> bool:
    """Whether this build's catalog check refused the translation of ``message``."""
    from .i18n.catalog_check import REFUSED

    return str(message) in REFUSED


class ThemeWords(_gettext.NullTranslations):
    """The theme templates' ``_()``: the book's words first, then Sphinx's."""

    def __init__(self, lang: str, sphinx_words: _gettext.NullTranslations):
        super().__init__()
        self.lang, self.sphinx_words = lang, sphinx_words

    def gettext(self, message: str) -> str:
        if has(message, self.lang):
            return markupsafe.escape(gettext(message, self.lang))  # untrusted: text
        return self.sphinx_words.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.sphinx_words.ngettext(singular, plural, n)


def _theme_words(app) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.install_gettext_translations(
            ThemeWords(app.config.language or MSGID_LANGUAGE, app.translator), newstyle=False
        )


def _note_dependency(app, doctree) -> None:
    """Every page shows interface words: a changed catalog rewrites every page."""
    po = po_path(app.config.language or MSGID_LANGUAGE)
    if po.is_file():
        app.env.note_dependency(str(po))


def forget() -> None:
    """Read the catalogs again when next asked (a new build, or its staged copies)."""
    _translations.cache_clear()


def setup_messages(app) -> None:
    from sphinx.errors import ConfigError

    forget()
    try:
        translations(app.config.language or MSGID_LANGUAGE)
    except CatalogError as exc:
        raise ConfigError(str(exc)) from None
    app.connect("builder-inited", _theme_words)
    app.connect("doctree-read", _note_dependency)
