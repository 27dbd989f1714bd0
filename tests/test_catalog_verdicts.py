"""Catalog verdicts are cached by content: an unchanged catalog is not checked again,
an edited one (or a changed glossary or word list) is."""

from __future__ import annotations

import json
import re
import shutil

from helpers.roots import assert_no_crash_report, copy_root, sphinx_build

EMPHASIS = "unbalanced emphasis: odd number of '*'"
STORED = "the stored verdict"


def errors(proc, po) -> list[str]:
    return [
        line.split(": ERROR: ")[1]
        for line in re.sub(r"\x1b\[[0-9;]*m", "", proc.stderr).splitlines()  # CI: colours
        if line.startswith(f"{po}:") and ": ERROR: " in line
    ]


def tamper(cache) -> None:
    """Replace a stored message: a build that shows it reused the stored verdict."""
    stored = [p for p in cache.glob("*.json") if EMPHASIS in p.read_text(encoding="utf-8")]
    assert stored
    for path in stored:
        path.write_text(
            path.read_text(encoding="utf-8").replace(EMPHASIS, STORED), encoding="utf-8"
        )
        assert STORED in json.dumps(json.loads(path.read_text(encoding="utf-8")))


def test_an_unchanged_catalog_reuses_its_verdict_and_an_edit_is_checked_again(
    tmp_path, monkeypatch
):
    cache = tmp_path / "cache" / "textbook" / "verdicts"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = copy_root("bad-po-checks", tmp_path)
    po = project / "locales/en/LC_MESSAGES/index.po"
    first, _ = sphinx_build(project, "en")
    assert first.returncode != 0
    assert f"{EMPHASIS} [textbook.catalog]" in errors(first, po)

    tamper(cache)
    shutil.rmtree(project / "_build")  # a clean build reuses it too
    reused, _ = sphinx_build(project, "en")
    assert reused.returncode != 0
    assert errors(reused, po) == [e.replace(EMPHASIS, STORED) for e in errors(first, po)]

    po.write_text(
        po.read_text(encoding="utf-8").replace("See [the source]", "See [a source]"),
        encoding="utf-8",
    )
    edited, _ = sphinx_build(project, "en")
    assert errors(edited, po) == errors(first, po)  # checked again: the real message

    tamper(cache)
    (project / "locales" / "spelling").mkdir()
    (project / "locales" / "spelling" / "en.txt").write_text("Enablement\n", encoding="utf-8")
    new_words, _ = sphinx_build(project, "en")
    assert errors(new_words, po) == errors(first, po)  # a word list counts too


def test_without_a_usable_cache_every_catalog_is_checked(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    project = copy_root("bad-po-checks", tmp_path)
    po = project / "locales/en/LC_MESSAGES/index.po"
    for _ in range(2):
        proc, _ = sphinx_build(project, "en")
        assert proc.returncode != 0
        assert f"{EMPHASIS} [textbook.catalog]" in errors(proc, po)
        assert_no_crash_report(proc)
