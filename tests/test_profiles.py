"""Each language's profile in locales/languages.yaml (name, polyglossia, date format,
quotes, dictionaries): every consumer reads it, and a hostile value is refused at its
line before it reaches HTML, LaTeX or a hunspell command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from types import SimpleNamespace

import pytest
from docutils.utils.smartquotes import smartchars

from helpers.commands import copy_env, run
from textbook import editions, languages
from textbook.editions import EditionsError
from textbook_build import copy_project

# the committed declaration: a contributor's `make add-language` may have added a draft
REAL = subprocess.run(
    ["git", "show", "HEAD:locales/languages.yaml"],
    capture_output=True,
    text=True,
    check=True,
    cwd=editions.DECLARATION.parents[1],
).stdout


def changed(**values: str) -> str:
    """The real declaration with ``field="old -> new"`` lines replaced (first match)."""
    text = REAL
    for old_new in values.values():
        old, new = old_new.split(" -> ")
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def declaration(tmp_path, monkeypatch):
    """Point the consumers at a copy of the declaration holding ``text``."""

    def use(text: str):
        path = tmp_path / "languages.yaml"
        path.write_text(text, "utf-8")
        monkeypatch.setattr(editions, "DECLARATION", path)
        monkeypatch.setitem(smartchars.quotes, "id", smartchars.quotes.get("id", ""))
        languages.profiles.cache_clear()
        languages.language_name.cache_clear()
        return path

    yield use
    languages.profiles.cache_clear()
    languages.language_name.cache_clear()


def test_every_consumer_reads_the_profile(declaration):
    from textbook.html.site import edition_line
    from textbook.i18n.quotes import educate, setup_quotes
    from textbook.i18n.spelling import unknown_words
    from textbook.latex.layout import preamble, words
    from textbook_build.site_root import language_name as landing_name

    config = SimpleNamespace(textbook_prerelease="", release="1.0", version="1.0")
    printed = SimpleNamespace(
        **vars(config),
        copyright="c",
        textbook_site_url="",
        textbook_public_url="",
        textbook_handout=False,
        textbook_languages=[],
    )
    assert educate("\"kata\" dan 'kata'", "id") == "“kata” dan ‘kata’"
    assert r"\setotherlanguage{english}" in preamble(printed, "id")
    assert re.search(r"\d{1,2} \w+ \d{4}$", edition_line(config, "id"))
    assert unknown_words(["rumah house"], "en", None) == [["rumah"]]

    declaration(
        changed(
            quotes='quotes: "“”‘’" -> quotes: "«»‹›"',
            poly="polyglossia: english -> polyglossia: british",
            date='date_format: "%-d %B %Y" -> date_format: "%Y/%m/%d"',
            name="name: Bahasa Indonesia -> name: Indonesia",
            dicts="dictionaries: [en_US]\n -> dictionaries: [id_ID]\n",
        )
    )
    setup_quotes(None)
    assert educate("\"kata\" dan 'kata'", "id") == "«kata» dan ‹kata›"  # title pages
    assert smartchars.quotes["id"] == "«»‹›"  # what Sphinx's smart quotes use
    assert r"\setotherlanguage{british}" in preamble(printed, "id")
    assert r"\setotherlanguage{english}" not in preamble(printed, "id")
    assert words("en")["polyglossia"] == "british"
    assert words("xx")["polyglossia"] == "british"  # no profile: the msgid language's
    assert re.search(r"\d{4}/\d{2}/\d{2}$", edition_line(config, "id"))  # the pages' date
    assert landing_name("id") == "Indonesia"  # the landing page and the language switch
    assert unknown_words(["rumah house"], "en", None) == [["house"]]


HOSTILE = [  # (old, new: an edit of the real file; the refused line's text; the message)
    (
        "polyglossia: bahasai",
        "polyglossia: bahasai}\\input{/etc/passwd}",
        "bahasai}",
        "profile 'id': 'polyglossia' must be a polyglossia language name",
    ),
    (
        "dictionaries: [en_US]",
        "dictionaries: [en_US, -p/etc/passwd]",
        "-p/etc",
        "profile 'en': 'dictionaries' must be a list of hunspell dictionary names",
    ),
    (
        "dictionaries: [en_US]",
        "dictionaries: en_US",
        "dictionaries: en_US",
        "'dictionaries' must be a list",
    ),
    ('quotes: "“”‘’"', 'quotes: "<b>\\"\'"', "quotes:", "'quotes' must be four quotation marks"),
    ("name: English", "name: <script>alert(1)</script>", "<script>", "'name' must be letters"),
    (
        'date_format: "%B %-d, %Y"',
        'date_format: "%B \\\\input{x}"',
        "input{x}",
        "'date_format' must be a date format",
    ),
    ("name: English", "name: English\n    colour: red", "colour", "unknown field 'colour'"),
    ("  en:\n", "  en yy:\n", "en yy:", "'en yy' is not a language code"),
    ("polyglossia: english", "polyglossia: [english]", "[english]", "'polyglossia' must be"),
]


@pytest.mark.parametrize("old,new,marker,message", HOSTILE)
def test_a_hostile_value_is_refused_at_its_line(tmp_path, old, new, marker, message):
    path = tmp_path / "languages.yaml"
    assert old in REAL
    text = REAL.replace(old, new, 1)
    path.write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if marker in row)
    with pytest.raises(EditionsError) as caught:
        editions.load(path)
    assert str(caught.value).startswith(f"{path}:{line}: "), caught.value
    assert message in str(caught.value)
    assert "Traceback" not in str(caught.value)


def test_a_released_language_needs_a_profile(tmp_path):
    path = tmp_path / "languages.yaml"
    path.write_text(REAL.replace("  en:\n    name: English\n", "  xx:\n    name: Xx\n"), "utf-8")
    with pytest.raises(
        EditionsError,
        match=r"languages\.yaml:\d+: no profile for the "
        r"released en",
    ):
        editions.load(path)


def test_the_build_refuses_a_hostile_profile_without_a_traceback(tmp_path):
    project = copy_project(tmp_path / "book")
    (project / "locales" / "languages.yaml").write_text(
        REAL.replace("polyglossia: english", "polyglossia: '\\input{/etc/passwd}'"), "utf-8"
    )
    line = REAL[: REAL.index("polyglossia: english")].count("\n") + 1
    for tool, command in [("textbook_build", "html"), ("textbook_po", "check")]:
        proc = run(project, tool, command)
        assert proc.returncode == 2, proc.stderr
        assert f"locales/languages.yaml:{line}: profile 'en': 'polyglossia' must be" in proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout


def test_add_language_writes_a_profile_skeleton(tmp_path):
    project = copy_project(tmp_path / "book")
    declaration = project / "locales" / "languages.yaml"
    before = declaration.read_text("utf-8")  # a contributor may have drafts already
    drafts = editions.load(declaration).draft
    proc = run(project, "textbook_po", "add-language", "de", env=dict(os.environ, LANG="C.UTF-8"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    de = editions.load(declaration).profiles["de"]
    assert (de.name, de.polyglossia, de.quotes, de.dictionaries) == ("Deutsch", "german", "", ())
    # the draft listed, the profile appended, nothing else changed
    assert editions.load(declaration).draft == (*drafts, "de")
    after = declaration.read_text("utf-8").splitlines()
    assert [line for line in after if not line.startswith("draft:")][
        : len(before.splitlines()) - 1
    ] == [line for line in before.splitlines() if not line.startswith("draft:")]
    # the new edition's pages are named by its profile
    probe = (
        "from textbook.languages import language_name, print_language;"
        "print(language_name('de'), print_language('de')['polyglossia'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=project,
        capture_output=True,
        text=True,
        env=copy_env(project),
    )
    assert out.stdout.split() == ["Deutsch", "german"], out.stderr


@pytest.mark.slow
def test_a_changed_profile_reaches_the_built_page_and_the_tex(tmp_path):
    from textbook_build import SPHINX_FLAGS

    project = copy_project(tmp_path / "book")
    (project / "locales" / "languages.yaml").write_text(
        changed(
            quotes='quotes: "“”‘’" -> quotes: "«»‹›"',
            poly="polyglossia: english -> polyglossia: british",
        ),
        "utf-8",
    )
    out = {}
    for builder in ("html", "latex"):
        out[builder] = tmp_path / builder
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                builder,
                *SPHINX_FLAGS,
                "-D",
                "language=id",
                "-d",
                str(tmp_path / f"doctrees-{builder}"),
                "-c",
                str(project),
                str(project / "source"),
                str(out[builder]),
            ],
            capture_output=True,
            text=True,
            env=copy_env(project),
        )
        assert proc.returncode == 0, proc.stderr
    page = (out["html"] / "model-intervensi.html").read_text("utf-8")
    assert "‹kemurungan›" in page and "‘kemurungan’" not in page
    tex = next(out["latex"].glob("*.tex")).read_text("utf-8")
    assert r"\setotherlanguage{british}" in tex and r"\foreignlanguage{british}{" in tex
    assert r"\foreignlanguage{english}" not in tex
