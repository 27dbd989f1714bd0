"""Site-wide: no built page holds a script, an event-handler attribute or an element
that no template of the project put there (whatever the catalogs or the data say)."""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

import sphinx
from bs4 import BeautifulSoup

from textbook_build import Project
from textbook_build.project import ROOT
from textbook_build.site_root import write_root_files

pytestmark = __import__("pytest").mark.slow

THEME = ROOT / "tools/textbook/html/theme/textbook"
BASIC = Path(sphinx.__file__).parent / "themes" / "basic"
# never in a template of the project
FORBIDDEN = {
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "portal",
    "svg",
    "math",
    "template",
    "img",
}


@functools.cache
def template_scripts() -> set[str]:
    """Inline script bodies the project writes: the theme, Sphinx's basic theme it
    extends, and the root files (tools/textbook_build/templates, rendered for id and en)."""
    texts = [p.read_text("utf-8") for p in [*THEME.glob("*.html"), *BASIC.glob("*.html")]]
    with tempfile.TemporaryDirectory() as tmp:
        write_root_files(Path(tmp), ["id", "en"], Project().config())
        texts += [p.read_text("utf-8") for p in Path(tmp).glob("*.html")]
    # a Jinja expression in a script (a page's relative path) may stand for a plain path
    return {
        re.escape(m.strip())
        if "{{" not in m
        else re.sub(r"\\\{\\\{.*?\\\}\\\}", "[A-Za-z0-9_./-]*", re.escape(m.strip()))
        for text in texts
        for m in re.findall(r"<script>(.*?)</script>", text, re.S)
    }


def shipped_files() -> set[str]:
    """Script files Sphinx, its search, sphinx-design and the theme ship (under _static/)."""
    import sphinx_design

    design = Path(sphinx_design.__file__).parent / "static"
    names = {
        p.name.removesuffix("_t").removesuffix(".jinja")
        for p in [*BASIC.glob("static/*"), *THEME.glob("static/*"), *design.glob("*")]
    }
    # the other editions' stemmers (html/search_langs.py copies Sphinx's)
    import sphinx.search

    names |= {p.name for p in Path(sphinx.search.__file__).with_name("minified-js").glob("*.js")}
    # searchindex.js: the search index; translations.js: Sphinx's own catalog (sphinx.js)
    return names | {"searchindex.js", "translations.js"}


def problems(text: str, allowed: set[str], files: set[str]) -> list[str]:
    """What on one page no template put there."""
    found = []
    html = BeautifulSoup(text, "html.parser")
    for script in html.find_all("script"):
        src = script.get("src")
        if src and not (
            src.split("?")[0].rsplit("/", 1)[-1] in files
            and (
                src.startswith("_static/") or "/_static/" in src or src.endswith("searchindex.js")
            )
        ):
            found.append(f"script file {src}")
        if not src and not any(
            re.fullmatch(pattern, script.get_text().strip()) for pattern in allowed
        ):
            found.append(f"inline script {script.get_text()[:60]!r}")
    for element in html.find_all(True):
        found += [f"<{element.name} {a}=...>" for a in element.attrs if a.lower().startswith("on")]
        if element.name in FORBIDDEN:
            found.append(f"element <{element.name}>")
        for attr in ("href", "src", "action", "formaction"):
            value = str(element.get(attr, "")).strip().lower()
            if value.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{element.name} {attr}={value[:30]}>")
    return found


def test_every_script_and_element_comes_from_a_template(site):
    allowed, files = template_scripts(), shipped_files()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    assert {p: problems(p.read_text("utf-8"), allowed, files) for p in pages} == {
        p: [] for p in pages
    }


def test_the_check_sees_what_a_hostile_catalog_would_add():
    page = (
        '<p>x<img src=x onerror="alert(1)"><script>alert(1)</script>'
        '<a href="javascript:alert(1)">y</a><iframe src="//e"></iframe>'
        '<script src="https://elsewhere/x.js"></script></p>'
    )
    assert problems(page, template_scripts(), shipped_files()) == [
        "inline script 'alert(1)'",
        "script file https://elsewhere/x.js",
        "<img onerror=...>",
        "element <img>",
        "<a href=javascript:alert(1)>",
        "element <iframe>",
    ]
