"""Every ``textbook_*`` configuration value: name, default, types, one line of help.

Set them in ``conf.py`` or with ``-D name=value`` (``textbook-build`` passes the
editions it builds and the files it publishes). No Sphinx import at module level:
``textbook-build`` reads :func:`site_base` without loading Sphinx.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    rebuild: str  # what Sphinx redoes when it changes: "env" (re-read) or "html" (rewrite)
    types: tuple[type, ...]
    help: str


SETTINGS = (
    Setting(
        "textbook_site_url",
        "",
        "html",
        (str,),
        "root URL of the published site (holds <lang>/): canonical and hreflang links, sitemap",
    ),
    Setting(
        "textbook_public_url",
        "",
        "html",
        (str,),
        "the book's public address, recorded once in conf.py; '' = not yet set: every "
        "output is a preview (title and citation pages say so) and publishing is refused",
    ),
    Setting(
        "textbook_prerelease",
        "",
        "env",
        (str,),
        "'' for a release (git tag vX.Y); else the commit of this pre-release (conf.py)",
    ),
    Setting(
        "textbook_edition_error",
        "",
        "env",
        (str,),
        "why the edition could not be read (conf.py sets it; the build stops with it)",
    ),
    Setting(
        "textbook_languages",
        [],
        "html",
        (list,),
        "the editions the site links (conf.py: the released ones; empty: this one only)",
    ),
    Setting(
        "textbook_downloads",
        [],
        "html",
        (list,),
        "file names in downloads/ the pages may link (textbook-build passes the published ones)",
    ),
    Setting(
        "textbook_download_basename",
        "",
        "html",
        (str,),
        "stem of the PDF, EPUB and LaTeX file names: <basename>-<lang>.pdf",
    ),
    Setting(
        "textbook_print_chapters",
        [],
        "env",
        (list,),
        "course packs: the chapters (document names) to print; empty: every chapter",
    ),
    Setting(
        "textbook_draft",
        False,
        "html",
        (bool,),
        "a draft edition (locales/languages.yaml; textbook-build sets it): banner, noindex, "
        "no hreflang, no sitemap",
    ),
    Setting(
        "textbook_pack_title_page",
        "",
        "env",
        (str,),
        "course packs: JSON file of the pack's title, course, institution, lecturer, term",
    ),
    Setting(
        "textbook_facing",
        False,
        "env",
        (bool,),
        "course packs: mark paired blocks for the facing-page volume (latex/facing.py)",
    ),
    Setting(
        "textbook_handout",
        False,
        "env",
        (bool,),
        "course packs: a handout (one title block, no contents page, licence kept)",
    ),
    Setting(
        "textbook_page_source",
        "",
        "env",
        (str,),
        "EPUB: the PDF of the same sources whose pages the page-list numbers (textbook_build)",
    ),
    Setting(
        "textbook_spelling",
        False,
        "env",
        (bool,),
        "hunspell over the edition's msgstrs (and the source edition's chapters) in the build",
    ),
    Setting(
        "textbook_msgfmt",
        True,
        "env",
        (bool,),
        "GNU msgfmt --check-format over the edition's catalogs in the build",
    ),
)


def user_cache(name: str) -> Path:
    """What builds reuse on this machine (catalog verdicts, compiled templates): the
    user's cache, kept when ``_build`` is removed and out of any contributor's reach."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "textbook" / name


def site_base(url: str | None) -> str:
    """``textbook_site_url`` with a final slash ('' when the site has no URL)."""
    url = (url or "").strip()
    return url if not url or url.endswith("/") else url + "/"


LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def preview_reason(site_url: str | None, public_url: str | None) -> str:
    """Why a build whose address is ``site_url`` is a preview ('' when it is the
    published edition: the recorded public address, not a loopback one)."""
    from urllib.parse import urlsplit

    site, public = site_base(site_url), site_base(public_url)
    if not public:
        return "the book's public address is not yet set (conf.py: textbook_public_url)"
    if urlsplit(public).hostname in LOOPBACK:
        return f"the recorded public address {public} is a loopback address"
    if site != public:
        return f"this build's address {site or '(none)'} is not the public address {public}"
    return ""


def setup_config(app) -> None:
    for s in SETTINGS:
        app.add_config_value(
            s.name, s.default, s.rebuild, types=frozenset(s.types), description=s.help
        )
