"""Facts written once: one reader of SOURCE_DATE_EPOCH, one language-code pattern."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [*ROOT.glob("tools/**/*.py"), ROOT / "conf.py"]


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_every_output_reads_the_one_date(monkeypatch):
    """The offline copy's stamp, the date the build hands latexmk for the XMP, the EPUB's zip dates and the
    copyright year read SOURCE_DATE_EPOCH in one place (edition.py), with one
    fallback: without it, a build in a checkout is dated by the last commit."""
    from textbook.html.site import build_stamp
    from textbook_build.project import source_date_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert (build_stamp(), source_date_epoch()) == (1700000000, "1700000000")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    last = int(git("log", "-1", "--format=%ct"))
    assert (build_stamp(), source_date_epoch()) == (last, str(last))
    readers = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if re.search(r"environ(?:\.get\(|\[)\s*['\"]SOURCE_DATE_EPOCH", path.read_text())
    ]
    assert readers == ["tools/textbook/edition.py"]


def test_one_language_code_pattern():
    """Editions, catalogs, add-language and passage tags share languages.py's pattern."""
    written = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if "[a-z]{2,3}" in path.read_text(encoding="utf-8")
    ]
    assert written == ["tools/textbook/languages.py"]


def test_a_declared_edition_takes_the_same_codes(tmp_path):
    from textbook.editions import EditionsError, load

    path = tmp_path / "languages.yaml"
    profiles = "profiles:\n  id: {name: Bahasa Indonesia}\n  en: {name: English}\n"
    path.write_text(f"released: [id, en]\ndraft: [pt_BR]\n{profiles}", encoding="utf-8")
    assert load(path).draft == ("pt_BR",)
    path.write_text(f"released: [id, en]\ndraft: [EN-gb]\n{profiles}", encoding="utf-8")
    with pytest.raises(
        EditionsError,
        match=r"languages\.yaml:2: 'draft' must be a list of "
        "language codes",
    ):
        load(path)
