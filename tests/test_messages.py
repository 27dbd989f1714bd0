"""Interface words: one gettext domain (``textbook``), one PO entry per word and language."""

from __future__ import annotations

import os

import polib
import pytest

from textbook import messages
from textbook.citations.styles import WORDS as BIB_WORDS
from textbook.html.search_id import JS_MESSAGES
from textbook.html.site import DESCRIPTION, UI, ui
from textbook.latex.layout import WORDS as PRINT_WORDS
from textbook.latex.layout import words
from textbook_po import interface

MSGIDS = [*UI.values(), DESCRIPTION, *PRINT_WORDS.values(), *BIB_WORDS.values(), *JS_MESSAGES]


def key(message: str) -> tuple[str | None, str]:
    return getattr(message, "context", None), str(message)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_interface_word_is_one_translated_po_entry(lang):
    po = polib.pofile(str(messages.po_path(lang)))
    entries = [(e.msgctxt, e.msgid) for e in po if not e.obsolete]
    for message in MSGIDS:
        assert entries.count(key(message)) == 1, (lang, message)
        entry = next(e for e in po if (e.msgctxt, e.msgid) == key(message))
        assert entry.msgstr and not entry.fuzzy, (lang, message)
    # and the extraction finds exactly the words the code uses (templates too)
    extracted = {(m.context, m.id) for m in interface.template() if m.id}
    assert {key(m) for m in MSGIDS} <= extracted
    assert extracted == set(entries) - {(None, "")}


def test_the_words_come_from_the_catalog_not_from_code(tmp_path, monkeypatch):
    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.pofile(str(messages.po_path("id")))
    next(e for e in po if e.msgid == "Skip to content").msgstr = "Lompat ke isi"
    po.save(str(folder / "textbook.po"))
    monkeypatch.setattr(messages, "LOCALES", tmp_path)
    assert messages.gettext(UI["skip"], "id") == "Lompat ke isi"
    assert list(tmp_path.rglob("*.mo")) == []  # compiled in memory: locales/ stays .po only
    assert ui("id")["skip"] == "Lompat ke isi"
    assert ui("en")["skip"] == "Skip to content"


def test_same_words_as_before_in_both_editions():
    assert ui("id")["go"] == "Cari" and ui("en")["go"] == "Search"
    assert ui("id")["parallel"] == "Baca paralel Indonesia–Inggris"
    assert (
        words("id")["references"] == "Daftar Pustaka" and words("en")["references"] == "References"
    )
    assert words("id")["polyglossia"] == "bahasai" and words("en")["polyglossia"] == "english"
    assert words("id")["licence_url"].endswith("/deed.id")


def test_a_language_without_a_word_never_gets_a_third_languages_word(tmp_path, monkeypatch):
    monkeypatch.setattr(messages, "LOCALES", tmp_path)  # no catalog at all for 'fr'
    fr = ui("fr")
    assert fr["parallel"] == "Bahasa Indonesia – Français"  # language names, not English words
    assert fr["skip"] == "Skip to content"  # the msgid; make po-status lists it as untranslated
    assert "Inggris" not in " ".join(fr.values())


def test_a_broken_catalog_is_named_with_its_line(tmp_path):
    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "textbook.po").write_text(
        'msgid "Skip to content"\nmsgstr "Langsung"\nlangsung\n', encoding="utf-8"
    )
    with pytest.raises(messages.CatalogError, match=r"textbook\.po:\d+: cannot read"):
        messages.compiled(messages.po_path("id", tmp_path))


def test_a_translated_licence_address_cannot_inject_latex(tmp_path, monkeypatch):
    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.pofile(str(messages.po_path("id")))
    for entry in po:
        if entry.msgid == PRINT_WORDS["licence_url"]:
            entry.msgstr = r"https://x}\input{/etc/passwd}"
        if entry.msgid == PRINT_WORDS["references"]:
            entry.msgstr = r"Daftar \input{/etc/passwd}"
    po.save(str(folder / "textbook.po"))
    monkeypatch.setattr(messages, "LOCALES", tmp_path)
    w = words("id")
    assert w["licence_url"] == PRINT_WORDS["licence_url"]
    assert r"\input{" not in w["references"]


def test_a_refused_interface_word_is_withdrawn(monkeypatch):
    from textbook.i18n import catalog_check

    monkeypatch.setattr(catalog_check, "REFUSED", {"Skip to content"})
    assert ui("id")["skip"] == "Skip to content"  # the build fails; the page never shows it
    assert not messages.has(UI["skip"], "id")


@pytest.mark.slow
def test_a_hostile_interface_word_fails_the_build_at_its_line(tmp_path):
    import subprocess
    import sys

    from textbook_build import copy_project

    project = copy_project(tmp_path / "book")
    po = project / "locales" / "id" / "LC_MESSAGES" / "textbook.po"
    text = po.read_text(encoding="utf-8")
    hostile = 'msgstr "Langsung <script>alert(1)</script> ke isi"'
    po.write_text(text.replace('msgstr "Langsung ke isi"', hostile), encoding="utf-8")
    line = po.read_text(encoding="utf-8").splitlines().index(hostile) + 1
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-D",
            "language=id",
            "-d",
            str(tmp_path / "doctrees"),
            "-c",
            str(project),
            str(project / "source"),
            str(out),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1764600000"),
    )
    assert proc.returncode == 1
    assert f"{po}:{line}: ERROR: raw HTML '<script>' is not allowed" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not any("<script>alert" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
