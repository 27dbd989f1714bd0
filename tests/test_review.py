"""Review shows what changed: `make update-po` keeps the previous msgid (``#|``),
`make po-status` prints the word-level change, never-translated obsolete entries
go, and another editor's layout of the same messages is accepted and kept."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from helpers.commands import run
from textbook_build import copy_project

pytestmark = pytest.mark.slow

OLD = "Hal inti dari sebuah intervensi"
NEW = "Hal paling inti dari setiap intervensi"


def i18n(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run(project, "textbook_po", *args)


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    """The book after an author's edit of one sentence, then `make update-po`."""
    project = copy_project(tmp_path_factory.mktemp("review") / "book")
    chapter = project / "source" / "pemberdayaan.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    po = project / "locales/en/LC_MESSAGES/pemberdayaan.po"
    po.write_text(
        po.read_text(encoding="utf-8")
        + '\n#~ msgid "Tidak pernah diterjemahkan."\n#~ msgstr ""\n'
        + '\n#~ msgid "Pernah diterjemahkan."\n#~ msgstr "Once translated."\n',
        encoding="utf-8",
    )
    proc = i18n(project, "update")
    assert proc.returncode == 0, proc.stderr
    return project


def test_a_fuzzy_entry_keeps_its_previous_msgid(edited):
    po = edited / "locales/en/LC_MESSAGES/pemberdayaan.po"
    entry = next(e for e in polib.pofile(str(po)) if e.msgid.startswith("Hal paling inti"))
    assert entry.fuzzy and entry.previous_msgid.startswith(OLD)
    assert f'#| msgid ""\n#| "{OLD}' in po.read_text(encoding="utf-8")


def test_the_previous_msgid_is_wrapped_like_the_msgid(edited):
    """The ``#|`` block uses the file's width, as msgmerge does, not half of it."""
    text = (edited / "locales/en/LC_MESSAGES/pemberdayaan.po").read_text(encoding="utf-8")
    block = text[text.index('#| msgid ""') :]
    previous = [line for line in block.splitlines()[1:] if line.startswith("#| ")]
    previous = previous[
        : next((i for i, line in enumerate(previous) if "msgid" in line), len(previous))
    ]
    assert len(previous) >= 2 and all(len(line) <= 76 for line in previous)
    assert max(len(line) for line in previous[:-1]) > 66  # lines filled, not cut at ~40


def test_status_prints_the_word_level_change(edited):
    proc = i18n(edited, "status")
    assert proc.returncode == 1
    assert "pemberdayaan.po" in proc.stdout and "fuzzy translation 'Hal paling inti" in proc.stdout
    assert (
        "source changed: Hal {+paling+} inti dari [-sebuah-] {+setiap+} intervensi" in proc.stdout
    )


def test_never_translated_obsolete_entries_are_dropped(edited):
    text = (edited / "locales/en/LC_MESSAGES/pemberdayaan.po").read_text(encoding="utf-8")
    assert "Tidak pernah diterjemahkan." not in text
    assert '#~ msgstr "Once translated."' in text


def test_another_editors_layout_is_accepted_and_kept(tmp_path):
    project = copy_project(tmp_path / "book")
    po = project / "locales/en/LC_MESSAGES/index.po"
    catalog = polib.pofile(str(po), wrapwidth=0)  # what another editor might save
    catalog.save()
    saved = po.read_bytes()
    proc = i18n(project, "check")
    assert proc.returncode == 0, proc.stdout
    assert i18n(project, "update").returncode == 0
    assert po.read_bytes() == saved


def test_a_second_update_keeps_the_previous_msgid_and_the_format(edited):
    po = edited / "locales/en/LC_MESSAGES/pemberdayaan.po"
    before = po.read_bytes()
    assert i18n(edited, "update").returncode == 0
    assert po.read_bytes() == before
    proc = i18n(edited, "check")
    assert "pemberdayaan.po" not in proc.stdout.replace("glossary", ""), proc.stdout


def test_markup_is_not_flagged_as_a_python_format_string(tmp_path):
    """Babel guesses that ``{doc}`` and ``50 %`` are Python placeholders; translation
    tools would then check placeholders that MyST text does not have."""
    from textbook.i18n.po_format import canonical, read_catalog

    chapter, interface = tmp_path / "bab.po", tmp_path / "textbook.po"
    entry = 'msgid "{doc}`bab` dan 50%s"\nmsgstr "{doc}`bab` and 50%s"\n'
    for po in (chapter, interface):
        po.write_text(
            f'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            f"{entry.replace('%s', ' {n}' if po is interface else '%')}",
            encoding="utf-8",
        )
    assert "format" not in canonical(read_catalog(chapter)).decode()
    assert "#, python-brace-format" in canonical(read_catalog(interface), markup=False).decode()
    committed = Path(__file__).parents[1] / "locales/en/LC_MESSAGES/catatan-editorial.po"
    assert "{doc}`" in committed.read_text("utf-8")
    assert "-format" not in committed.read_text("utf-8")
