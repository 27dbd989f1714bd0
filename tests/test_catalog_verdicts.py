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


def test_a_catalog_replaced_while_it_is_checked_keeps_no_verdict(tmp_path, monkeypatch):
    """A pull or a platform's sync during a build: the verdict on what was checked is
    not stored under the bytes found afterwards (nor under the ones before)."""
    from textbook.i18n.verdicts import Verdicts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "locales" / "index.po"
    po.parent.mkdir()
    po.write_text('msgid "a"\nmsgstr "clean"\n', encoding="utf-8")
    verdicts = Verdicts(tmp_path, ["en"])
    assert verdicts.get(po) is None
    hostile = tmp_path / "new.po"
    hostile.write_text('msgid "a"\nmsgstr "<img src=x>"\n', encoding="utf-8")
    hostile.replace(po)  # as git does: a new file renamed over the old one
    verdicts.put(po, {"errors": [], "refused": []})
    assert Verdicts(tmp_path, ["en"]).get(po) is None
    assert not list((tmp_path / "cache").rglob("*.json"))
    again = Verdicts(tmp_path, ["en"])  # unchanged between get and put: stored
    assert again.get(po) is None
    again.put(po, {"errors": [["rule", 2, 0, "raw HTML"]], "refused": ["a"]})
    assert Verdicts(tmp_path, ["en"]).get(po) == {
        "errors": [["rule", 2, 0, "raw HTML"]],
        "refused": ["a"],
    }


def test_the_verdict_key_holds_the_profiles_and_word_list_names(tmp_path, monkeypatch):
    from textbook.i18n.verdicts import Verdicts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "index.po"
    po.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    words = tmp_path / "en.txt"
    words.write_text("Contennts\n", encoding="utf-8")
    profiles = tmp_path / "languages.yaml"
    profiles.write_text("en: {dictionaries: [en_US]}\n", encoding="utf-8")
    first = Verdicts(tmp_path, ["en", profiles, words])
    first.get(po)
    first.put(po, {"errors": [], "refused": []})
    assert Verdicts(tmp_path, ["en", profiles, words]).get(po) is not None
    profiles.write_text("en: {dictionaries: []}\n", encoding="utf-8")
    assert Verdicts(tmp_path, ["en", profiles, words]).get(po) is None
    profiles.write_text("en: {dictionaries: [en_US]}\n", encoding="utf-8")
    renamed = words.rename(tmp_path / "e.txt")
    assert Verdicts(tmp_path, ["en", profiles, renamed]).get(po) is None


def test_the_verdict_key_holds_the_programs_that_checked(tmp_path, monkeypatch):
    """An upgraded msgfmt or hunspell (a new file at its path) checks every catalog again."""
    from textbook.i18n.verdicts import Verdicts, program

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "index.po"
    po.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    monkeypatch.setenv("PATH", str(bin_))
    msgfmt = bin_ / "msgfmt"
    msgfmt.write_text("#!/bin/sh\n", encoding="utf-8")
    msgfmt.chmod(0o755)
    first = Verdicts(tmp_path, ["en", program("msgfmt")])
    first.get(po)
    first.put(po, {"errors": [], "refused": []})
    assert Verdicts(tmp_path, ["en", program("msgfmt")]).get(po) is not None
    msgfmt.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")  # the upgrade
    assert Verdicts(tmp_path, ["en", program("msgfmt")]).get(po) is None


def test_a_damaged_verdict_is_checked_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "textbook" / "verdicts"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = copy_root("bad-po-checks", tmp_path)
    po = project / "locales/en/LC_MESSAGES/index.po"
    first, _ = sphinx_build(project, "en")
    for damage in (
        '{"errors": [["rule", 1]], "refused": []}',
        '{"errors": [], "refused": [["x"]]}',
    ):
        for path in cache.glob("*.json"):
            path.write_text(damage, encoding="utf-8")
        proc, _ = sphinx_build(project, "en")
        assert_no_crash_report(proc)
        assert errors(proc, po) == errors(first, po)


def test_a_damaged_compiled_template_is_compiled_again(tmp_path):
    import jinja2

    from textbook.html.site import TemplateCache

    (tmp_path / "page.html").write_text("<p>{{ word }}</p>", encoding="utf-8")

    def environment() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
        env.bytecode_cache = TemplateCache(tmp_path / "cache", str(tmp_path))
        return env

    (tmp_path / "cache").mkdir()
    assert environment().get_template("page.html").render(word="ok") == "<p>ok</p>"
    env = environment()
    source, filename, _ = env.loader.get_source(env, "page.html")
    bucket = env.bytecode_cache.get_bucket(env, "page.html", filename, source)
    bucket.code = 5  # the right header and checksum, no code
    env.bytecode_cache.set_bucket(bucket)
    assert environment().get_template("page.html").render(word="ok") == "<p>ok</p>"


def test_verdicts_unused_for_30_days_are_removed(tmp_path, monkeypatch):
    import os
    import time

    from textbook.i18n.verdicts import KEEP_DAYS, Verdicts

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    po = tmp_path / "index.po"
    po.write_text('msgid "a"\nmsgstr "b"\n', encoding="utf-8")
    verdicts = Verdicts(tmp_path, ["en"])
    verdicts.get(po)
    verdicts.put(po, {"errors": [], "refused": []})
    (stored,) = (tmp_path / "cache").rglob("*.json")
    old = stored.with_name("old.json")
    old.write_text("{}", encoding="utf-8")
    then = time.time() - (KEEP_DAYS + 1) * 86400
    os.utime(old, (then, then))
    verdicts.prune()
    assert stored.exists() and not old.exists()
