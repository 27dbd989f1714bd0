"""Reproducible builds: two clean builds of one commit are byte-identical
(HTML trees, EPUB files, PDF files).

The two builds run from two copies of the project in different folders, with
different hash seeds, some seconds apart, and take ``SOURCE_DATE_EPOCH`` from
the copy's last commit (as ``textbook-build`` does for ``make html``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers.commands import copy_env
from helpers.publish import run_build, tree_digest
from textbook_build import copy_project

COMMIT_DATE = "2001-02-03T04:05:06+00:00"
COMMIT_EPOCH = "981173106"


def commit_copy(project: Path) -> None:
    """Make the copy a git repository whose last commit has COMMIT_DATE."""
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE=COMMIT_DATE,
        GIT_COMMITTER_DATE=COMMIT_DATE,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", *cmd], cwd=project, env=env, check=True)


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory):
    copies = []
    for name, seed in (("first", "1"), ("second-copy", "2")):
        project = copy_project(tmp_path_factory.mktemp(name) / "book")
        commit_copy(project)
        copies.append((project, seed))
    return copies


@pytest.fixture(scope="module")
def built(two_copies):
    """``built(fmt)``: the two output folders of ``fmt``, each copy built once."""
    cache: dict[str, list[Path]] = {}

    def build(fmt: str) -> list[Path]:
        if fmt not in cache:
            outs = []
            for project, seed in two_copies:
                os.environ["PYTHONHASHSEED"] = seed
                try:
                    proc = run_build(project, fmt, epoch=None)
                finally:
                    del os.environ["PYTHONHASHSEED"]
                assert proc.returncode == 0, proc.stderr
                outs.append(project / "_build" / fmt)
            cache[fmt] = outs
        return cache[fmt]

    return build


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_source_date_epoch_comes_from_the_last_commit(two_copies):
    project, _ = two_copies[0]
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    out = subprocess.run(
        [sys.executable, "-c", "import textbook_build as b; print(b.source_date_epoch())"],
        cwd=project,
        env=copy_env(project, env),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert out == COMMIT_EPOCH


PUBLISHED = {
    "html": {"id/index.html", "en/index.html", "id/searchindex.js"},
    **{
        fmt: {f"pemberdayaan-masyarakat-{lang}.{fmt}" for lang in ("id", "en")}
        for fmt in ("epub", "pdf")
    },
}


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "epub", pytest.param("pdf", marks=pytest.mark.print)])
def test_two_builds_are_identical(built, fmt):
    first, second = built(fmt)
    a, b = tree_digest(first), tree_digest(second)
    assert PUBLISHED[fmt] <= set(a)
    assert differences(a, b) == []


@pytest.mark.slow
def test_the_epub_is_dated_by_the_last_commit(built):
    epub = sorted(built("epub")[0].glob("*.epub"))[0]
    with zipfile.ZipFile(epub) as z:
        assert {info.date_time for info in z.infolist()} == {(2001, 2, 3, 4, 5, 6)}
        assert z.infolist()[0].filename == "mimetype"
        assert z.infolist()[0].compress_type == zipfile.ZIP_STORED
        opf = z.read("content.opf").decode("utf-8")
    assert "<dc:date>2001-02-03T04:05:06Z</dc:date>" in opf


@pytest.mark.slow
@pytest.mark.print
def test_the_pdf_is_dated_by_the_last_commit(built):
    pdf = next(built("pdf")[0].glob("*-id.pdf"))
    info = subprocess.run(
        ["pdfinfo", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, TZ="UTC"),
    ).stdout
    assert re.search(r"CreationDate:\s+Sat Feb\s+3 04:05:06 2001", info), info


@pytest.mark.slow
def test_what_the_user_cache_keeps_changes_nothing_on_the_site(tmp_path, monkeypatch):
    """A clean build that reuses the stored catalog verdicts and compiled templates,
    or finds them damaged, publishes the same site as a build with none stored."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = copy_project(tmp_path / "book")
    commit_copy(project)
    sites = []
    for damage in (False, False, True):
        stored = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
        if damage:
            for path in stored:
                path.write_bytes(b"\x00{not a cache")
        shutil.rmtree(project / "_build", ignore_errors=True)
        proc = run_build(project, "html", epoch=None)
        assert proc.returncode == 0, proc.stderr
        sites.append(tree_digest(project / "_build" / "html"))
    assert {p.parent.name for p in stored} == {"verdicts", "templates"}
    assert "id/index.html" in sites[0]
    assert differences(sites[0], sites[1]) == differences(sites[0], sites[2]) == []
