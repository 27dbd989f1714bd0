"""`make po-lint`: pofilter and dennis with the project's settings find nothing in
today's catalogs, and each planted defect once, at the file and line of its msgstr."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from helpers.commands import copy_env
from textbook_build import copy_project

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = "locales/en/LC_MESSAGES/"


def make_po_lint(project: Path) -> subprocess.CompletedProcess:
    venv = ROOT / ".venv"  # never reinstalled from the copy (-o)
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", "po-lint"],
        cwd=project,
        capture_output=True,
        text=True,
        env=copy_env(project, dict(os.environ, LANG="C.UTF-8")),
    )


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path / "book")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    return project


def plant(project: Path, catalog: str, msgid_start: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in one msgstr; returns the msgstr's line."""
    path = project / CHAPTERS / catalog
    text = path.read_text("utf-8")
    po = polib.pofile(text)
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    assert old in entry.msgstr
    lines = text.split("\n")
    start = next(n for n in range(entry.linenum - 1, len(lines)) if lines[n].startswith("msgstr"))
    end = next(
        n
        for n in range(start + 1, len(lines) + 1)
        if n == len(lines) or not lines[n].startswith('"')
    )
    block = "\n".join(lines[start:end])
    assert old in block, "the planted text must lie on one line"
    lines[start:end] = block.replace(old, new, 1).split("\n")
    path.write_text("\n".join(lines), "utf-8")
    return start + 1


def test_todays_catalogs_have_no_finding(project):
    proc = make_po_lint(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "pofilter and dennis: no findings" in proc.stdout


@pytest.mark.parametrize(
    "catalog, msgid_start, old, new, finding",
    [
        (
            "pemberdayaan.po",
            "Hal inti dari",
            "to restore social",
            "to to restore social",
            "pofilter doublewords: The word 'to' is repeated",
        ),
        (
            "catatan-editorial.po",
            "Satu isian tabel",
            "for indicator 8,",
            "for an indicator,",
            "pofilter numbers: Different numbers",
        ),
        (
            "model-intervensi.po",
            "Kemandirian;",
            "(*process goals*)",
            "(*process goals*",
            "pofilter brackets: Missing ')'",
        ),
    ],
    ids=["doubled word", "lost number", "broken pair"],
)
def test_a_planted_defect_is_one_finding_at_its_line(
    project, catalog, msgid_start, old, new, finding
):
    line = plant(project, catalog, msgid_start, old, new)
    proc = make_po_lint(project)
    assert proc.returncode == 2  # make: the command failed
    findings = [row for row in proc.stdout.splitlines() if row.startswith("locales/")]
    assert findings == [f"{CHAPTERS}{catalog}:{line}: {finding}"], proc.stdout
    assert "1 finding(s) from pofilter and dennis" in proc.stderr


def test_both_checkers_find_a_lost_placeholder_in_the_interface_words(project):
    line = plant(project, "textbook.po", "{number} edition", "{number} edition", "edition")
    proc = make_po_lint(project)
    findings = [row for row in proc.stdout.splitlines() if row.startswith("locales/")]
    assert findings == [
        f"{CHAPTERS}textbook.po:{line}: dennis W202: missing variables: {{number}}",
        f"{CHAPTERS}textbook.po:{line}: pofilter brackets: Missing '{{', '}}'",
        f"{CHAPTERS}textbook.po:{line}: pofilter pythonbraceformat: Named placeholders "
        "absent in translation: {number}",
    ], proc.stdout
