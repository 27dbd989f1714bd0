"""The files at the site's root, next to the editions: landing page, 404 page,
translation status pages, sitemap index and robots.txt (Jinja templates in
``templates/``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import markupsafe

from textbook.config import site_base
from textbook.languages import SOURCE_LANGUAGE, language_name

TEMPLATES = Path(__file__).with_name("templates")


def _environment(autoescape: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def write_root_files(site: Path, langs: list[str], config: dict) -> None:
    """``index.html`` (the language chooser), ``404.html`` and, when the site has a
    URL, ``sitemap.xml`` (index of the editions' sitemaps) and ``robots.txt``.
    Title and URL come from ``config`` (conf.py's settings), the description from
    the interface catalogs."""
    from textbook.html.site import ui  # imports Sphinx

    base = site_base(config.get("textbook_site_url", ""))
    editions = [
        {
            "code": code,
            "name": language_name(code),
            "not_found": ui(code)["not_found"],
            "home": ui(code)["home"],
        }
        for code in langs
    ]
    # the book in one sentence, in every edition's language (textbook.po)
    description = " / ".join(dict.fromkeys(ui(code)["description"] for code in langs))
    context = {
        "title": config["project"],
        "description": description,
        "source_lang": SOURCE_LANGUAGE,
        "editions": editions,
        "base": base,
        "prefix": re.sub(r"^[a-z]+://[^/]+", "", base) or "/",
    }
    pages = ["index.html", "404.html", "sw.js"] + (["sitemap.xml", "robots.txt"] if base else [])
    context["offline"] = offline_editions(site, langs)
    for name in pages:
        env = _environment(autoescape=name.endswith((".html", ".xml")))
        (site / name).write_text(env.get_template(name).render(context), encoding="utf-8")
    write_status_pages(site, langs, context)


def status_rows(locales: Path | None = None) -> list[dict]:
    """Every language's catalogs (drafts too) against the committed templates:
    ``make po-status``'s counts, the last revision date and released or draft."""
    import polib

    from textbook.editions import load
    from textbook_po.catalogs import LOCALES
    from textbook_po.status import collect
    from textbook_po.templates import TEMPLATES

    locales = locales or LOCALES
    editions = load(locales / "languages.yaml")
    rows = []
    for st in collect(TEMPLATES, locales):
        po = locales / st.lang / "LC_MESSAGES" / f"{st.name}.po"
        date = polib.pofile(str(po)).metadata.get("PO-Revision-Date", "") if po.is_file() else ""
        rows.append(
            {
                "lang": st.lang,
                "name": language_name(st.lang),
                "catalog": st.name,
                "translated": st.translated,
                "fuzzy": st.fuzzy,
                "untranslated": st.untranslated + st.missing,
                "total": st.total,
                "percent": f"{100.0 * st.translated / st.total if st.total else 100.0:.1f}",
                "updated": date[:10],
                "released": editions.is_released(st.lang),
            }
        )
    return rows


def write_status_pages(site: Path, langs: list[str], context: dict) -> None:
    """``translation-status-<lang>.html``: the status of every language, in each
    released interface language (linked from every page's footer)."""
    from textbook.i18n.status_words import STATUS_WORDS
    from textbook.messages import gettext

    rows = status_rows()
    env = _environment(autoescape=True)
    for code in langs:
        words = {key: gettext(msgid, code) for key, msgid in STATUS_WORDS.items()}
        page = env.get_template("translation-status.html").render(
            context, lang=code, words=words, rows=rows
        )
        (site / f"translation-status-{code}.html").write_text(page, encoding="utf-8")


def offline_editions(site: Path, langs: list[str]) -> dict[str, dict]:
    """What the service worker keeps of each edition (its ``offline.json``) and the
    note it shows offline on a page of an older build, as HTML (catalog text escaped)."""
    from textbook.html.offline import MANIFEST
    from textbook.html.site import ui

    editions = {}
    for code in langs:
        manifest = site / code / MANIFEST
        if not manifest.is_file():  # not built here (the root files alone)
            continue
        data = json.loads(manifest.read_text(encoding="utf-8"))
        editions[code] = {
            "stamp": data["stamp"],
            "version": data["version"],
            "core": data["core"],
            "files": data["files"],
            "stale": str(markupsafe.escape(ui(code)["stale"])),
        }
    return editions
