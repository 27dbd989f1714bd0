"""Translators on a platform: committed templates, no churn, and catalogs rewritten
by GNU msgcat and by translate-toolkit (Weblate's PO library, with Weblate's header
fields) pass `make po-check`, stay as they are after `make update-po` and give the
same site. Every command is run in a git copy of the project, as typed."""

from __future__ import annotations

import filecmp
import subprocess
from pathlib import Path

import pytest

from helpers.gitcopy import git, git_copy, make

pytestmark = pytest.mark.slow
WEBLATE_HEADER = {  # what Weblate writes into every PO file it saves
    "Last_Translator": "Rina Penerjemah <rina@example.org>",
    "PO_Revision_Date": "2026-12-04 12:00+0000",
    "Language_Team": "English <https://translate.example.org/projects/buku/pemberdayaan/en/>",
    "X_Generator": "Weblate 5.9",
}


def rewrite(project: Path, tool: str) -> None:
    """Every catalog as ``tool`` writes it back."""
    for po in sorted((project / "locales").glob("*/LC_MESSAGES/*.po")):
        if tool == "msgcat":
            subprocess.run(["msgcat", "-o", str(po), str(po)], check=True)
        elif tool == "msgcat-w77":
            subprocess.run(["msgcat", "-w", "77", "-o", str(po), str(po)], check=True)
        else:
            from translate.storage import pypo

            store = pypo.pofile.parsefile(str(po))
            store.updateheader(add=True, **WEBLATE_HEADER)
            po.write_bytes(bytes(store))


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    return git_copy(tmp_path_factory.mktemp("platform") / "book")


def test_update_po_po_check_html_and_chapters_leave_a_fresh_clone_clean(clone):
    proc = make(clone, "update-po")
    assert proc.returncode == 0, proc.stderr
    assert "written" not in proc.stdout and "unchanged" in proc.stdout
    assert make(clone, "po-check").returncode == 0
    for target in ("html", "chapters"):
        proc = make(clone, target)
        assert proc.returncode == 0, proc.stderr
    assert git(clone, "status", "--porcelain") == ""


def test_the_templates_are_committed_one_per_catalog(clone):
    templates = sorted(p.stem for p in (clone / "locales" / "templates").glob("*.pot"))
    catalogs = sorted(p.stem for p in (clone / "locales" / "en" / "LC_MESSAGES").glob("*.po"))
    assert templates == catalogs and "textbook" in templates
    interface = (clone / "locales" / "templates" / "textbook.pot").read_text("utf-8")
    assert "#: tools/textbook/" in interface
    assert not any(line.startswith("#: ") and ".py:" in line for line in interface.splitlines())


def test_add_language_changes_only_its_files_and_the_declaration(tmp_path):
    project = git_copy(tmp_path / "book")
    proc = make(project, "add-language", "NEW_LANG=ms")
    assert proc.returncode == 0, proc.stderr
    changed = git(project, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert sorted(line[3:] for line in changed) == sorted(
        ["locales/languages.yaml"]
        + [
            f"locales/ms/LC_MESSAGES/{p.stem}.po"
            for p in (project / "locales" / "templates").glob("*.pot")
        ]
    )
    diff = git(project, "diff", "-U0", "locales/languages.yaml")
    lines = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]  # the draft listed, a profile skeleton appended
    assert lines[:3] == [
        "-draft: []",
        "+draft: [ms]",
        "+  ms:  # a skeleton: check it, add quotes and dictionaries (see above)",
    ]
    assert lines[3:] == [
        '+    name: "Melayu"',
        "+    polyglossia: malay",
        '+    date_format: "%-d %B %Y"',
    ]
    # a fresh draft: no msgfmt header warning, and po-check passes with a note
    for po in (project / "locales" / "ms" / "LC_MESSAGES").glob("*.po"):
        check = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
        )
        assert check.returncode == 0 and check.stderr == "", check.stderr
    proc = make(project, "po-check")
    assert proc.returncode == 0, proc.stdout
    assert "locales/glossary.yaml:1: note: no 'ms:' terms yet" in proc.stdout
    catalogs = list((project / "locales/ms/LC_MESSAGES").glob("*.po"))
    total = sum(
        1
        for po in catalogs
        for line in po.read_text("utf-8").splitlines()
        if line.startswith("msgid ")
    ) - len(catalogs)  # less each header
    assert f"locales/ms: note: draft 'ms': 0 of {total} messages translated" in proc.stdout
    # released, the same language must have its glossary terms
    declaration = project / "locales" / "languages.yaml"
    declaration.write_text(
        declaration.read_text("utf-8")
        .replace("released: [id, en]", "released: [id, en, ms]")
        .replace("draft: [ms]", "draft: []"),
        encoding="utf-8",
    )
    proc = make(project, "po-check")
    assert proc.returncode == 2  # make: the command failed
    assert "locales/glossary.yaml:1: the glossary has no 'ms:' translations yet" in proc.stdout


def test_a_stale_template_fails_po_check_naming_the_one_command(tmp_path):
    project = git_copy(tmp_path / "book")
    chapter = project / "source" / "pemberdayaan.md"
    chapter.write_text(
        chapter.read_text("utf-8").replace(
            "Hal inti dari sebuah intervensi", "Hal paling inti dari setiap intervensi"
        ),
        "utf-8",
    )
    proc = make(project, "po-check")
    assert proc.returncode == 2  # make: the command failed
    line = next(
        n
        for n, text in enumerate(
            (project / "locales/templates/pemberdayaan.pot").read_text("utf-8").splitlines(), 1
        )
        if "Hal inti dari sebuah" in text
    )
    assert (
        f"locales/templates/pemberdayaan.pot:{line}: stale template (the sources "
        "changed): run 'make update-po'"
    ) in proc.stdout, proc.stdout
    assert make(project, "update-po").returncode == 0
    assert make(project, "po-check").returncode == 0
    changed = sorted(line[3:] for line in git(project, "status", "--porcelain").splitlines())
    assert changed == [
        "locales/en/LC_MESSAGES/pemberdayaan.po",
        "locales/templates/pemberdayaan.pot",
        "source/pemberdayaan.md",
    ]


@pytest.mark.parametrize("tool", ["msgcat", "msgcat-w77", "translate-toolkit"])
def test_a_platform_rewrite_passes_po_check_and_update_po_keeps_it(tmp_path, tool):
    project = git_copy(tmp_path / "book")
    rewrite(project, tool)
    rewritten = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    assert git(project, "status", "--porcelain")  # the tool did change the files
    proc = make(project, "po-check")
    assert proc.returncode == 0, proc.stdout
    assert make(project, "update-po").returncode == 0
    assert {p: p.read_bytes() for p in rewritten} == rewritten


@pytest.mark.parametrize("tool", ["msgcat", "translate-toolkit"])
def test_a_platform_rewrite_gives_the_same_site(clone, tmp_path, tool):
    """`make html` of the clone (built above) against the same catalogs as GNU
    msgcat or translate-toolkit (with Weblate's header) writes them: every published
    file is equal, but the offline lists and the service worker, whose cache stamp
    hashes the catalog files, and the status pages, which show the PO-Revision-Date a
    platform writes."""
    project = git_copy(tmp_path / "book")
    rewrite(project, tool)
    assert make(project, "html").returncode == 0
    if not (clone / "_build" / "html").is_dir():
        assert make(clone, "html").returncode == 0
    a, b = (clone / "_build" / "html").resolve(), (project / "_build" / "html").resolve()
    files = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file())
    compared = [
        f
        for f in files
        if not f.endswith(("sw.js", "offline.json")) and not f.startswith("translation-status-")
    ]
    match, mismatch, errors = filecmp.cmpfiles(a, b, compared, shallow=False)
    assert mismatch == [] and errors == [] and len(match) > 40
