"""Editions: an annotated tag vX.Y is a release (its number and date); between tags
a pre-release of the changelog's newest edition names its commit; the changelog
(source/data/changelog.yaml) is shown in both editions; `make release VERSION=X.Y`
refuses while something is missing."""

from __future__ import annotations

import io
import os
import runpy
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.commands import copy_env
from helpers.html_check import run_build
from textbook.edition import changelog, current
from textbook_build.project import copy_project

ROOT = Path(__file__).resolve().parent.parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(repo: Path, *args: str, date: str = "2026-12-03T10:00:00Z") -> str:
    env = dict(os.environ, **GIT_ENV, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the project in a git repository of its own, one commit."""
    repo = copy_project(tmp_path_factory.mktemp("edition") / "book")
    (repo / ".gitattributes").write_text((ROOT / ".gitattributes").read_text("utf-8"), "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "one")
    return repo


def conf_of(repo: Path) -> dict:
    return runpy.run_path(str(repo / "conf.py"))


def test_between_tags_a_pre_release_of_the_newest_changelog_edition(repo):
    head = git(repo, "rev-parse", "--short=7", "HEAD")
    edition = current(repo)
    assert (edition.version, edition.released, edition.commit) == ("1.0", False, head)
    conf = conf_of(repo)
    assert (conf["release"], conf["textbook_prerelease"]) == ("1.0", head)


def test_an_annotated_tag_is_the_release_with_its_date_and_a_lightweight_one_is_not(repo):
    git(repo, "tag", "v0.9")  # lightweight: not a release
    assert not current(repo).released
    git(repo, "tag", "-a", "v2.0", "-m", "Edition 2.0", date="2026-12-05T08:00:00Z")
    edition = current(repo)
    assert (edition.version, edition.released, edition.epoch) == ("2.0", True, 1796457600)
    conf = conf_of(repo)
    assert (conf["version"], conf["release"], conf["textbook_prerelease"]) == ("2.0", "2.0", "")
    # the build's date is the tag's, not the last commit's
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from textbook_build.project import source_date_epoch as s; print(s())",
        ],
        cwd=repo,
        env=copy_env(repo, env),
        capture_output=True,
        text=True,
    )
    assert proc.stdout.strip() == "1796457600", proc.stderr
    # a release archive carries the tag: the same edition without git
    archive = subprocess.run(
        ["git", "archive", "v2.0", "tools/textbook_build/edition"],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        text = tar.extractfile("tools/textbook_build/edition").read().decode()
    assert text.split()[0] == "v2.0"
    # the next commit is a pre-release again
    (repo / "source" / "index.md").write_text(
        (repo / "source" / "index.md").read_text("utf-8") + "\nTambahan.\n", "utf-8"
    )
    git(repo, "commit", "-qam", "two")
    assert not current(repo).released and current(repo).commit == git(
        repo, "rev-parse", "--short=7", "HEAD"
    )


def test_release_archive_of_an_untagged_commit_is_a_pre_release(tmp_path, repo):
    out = tmp_path / "archive"
    out.mkdir()
    data = subprocess.run(
        ["git", "archive", "HEAD"], cwd=repo, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(out)
    edition = current(out)
    assert not edition.released and edition.commit == git(repo, "rev-parse", "--short=7", "HEAD")


@pytest.mark.parametrize("lang, word", [("id", "Edisi"), ("en", "Edition")])
def test_changelog_is_its_own_page_in_each_language(site, lang, word):
    page = BeautifulSoup((site / lang / "riwayat-edisi.html").read_text("utf-8"), "html.parser")
    assert (
        page.select_one("h1").get_text(strip=True).rstrip("#")
        == {"id": "Riwayat Edisi", "en": "Edition History"}[lang]
    )
    assert not BeautifulSoup(
        (site / lang / "cara-mengutip.html").read_text("utf-8"), "html.parser"
    ).select(".textbook-changelog")
    log = page.select_one(".textbook-changelog")
    assert log is not None
    entries = changelog(ROOT)
    heads = [s.get_text() for s in log.select("p > strong")]
    assert [h.split(" (")[0] for h in heads] == [f"{word} {e['version']}" for e in entries]
    items = [" ".join(li.get_text().split()) for li in log.select("li")]
    assert items == [
        " ".join(c[lang].split()).replace("'", "’")  # (smart quotes)
        for e in entries
        for c in e["changes"]
    ]


def test_a_broken_changelog_stops_the_build_with_its_file_and_line(tmp_path):
    project = copy_project(tmp_path / "book")
    path = project / "source" / "data" / "changelog.yaml"
    path.write_text("editions:\n  - version: 1.0\n    changes: [\n", "utf-8")
    proc = run_build(project, "html", "--langs", "id")
    assert proc.returncode != 0
    assert f"{path}:4: YAML syntax error" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def test_a_symlinked_changelog_is_refused(tmp_path):
    project = copy_project(tmp_path / "book")
    path = project / "source" / "data" / "changelog.yaml"
    secret = tmp_path / "secret.yaml"
    secret.write_text("editions:\n  - version: '6.6'\n    changes: [{id: rahasia, en: x}]\n")
    path.unlink()
    path.symlink_to(secret)
    proc = run_build(project, "html", "--langs", "id")
    assert proc.returncode != 0 and "rahasia" not in proc.stdout + proc.stderr
    assert f"{path}: a symbolic link" in proc.stderr  # refused unread, as every contribution


def make_release(version: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", "release", f"VERSION={version}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_make_release_refuses_while_something_is_missing():
    tags = git(ROOT, "tag", "--list")
    proc = make_release("1.0")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0] == "error: make release VERSION=1.0 refused:"
    assert (
        "  - no public address: the book's public address is not yet set "
        "(conf.py: textbook_public_url)" in lines
    )
    assert any(
        line.startswith("  - CITATION.cff: date-released must be the tag's date") for line in lines
    )
    assert "Traceback" not in proc.stderr
    assert git(ROOT, "tag", "--list") == tags  # nothing tagged
    proc = make_release("9.9")
    assert (
        "  - source/data/changelog.yaml: no entry for edition 9.9 (add one, newest "
        "first: what changed, in id and en)" in proc.stderr.splitlines()
    )
    proc = make_release("1")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[1] == "  - VERSION='1': an edition number is X.Y (e.g. 1.0)"


@pytest.mark.parametrize(
    "value, message",
    [
        ("1.0", 'edition: an edition number X.Y in quotes, e.g. edition: "1.0" (not 1.0)'),
        ("'one'", "edition: an edition number X.Y in quotes, e.g. edition: \"1.0\" (not 'one')"),
    ],
)
def test_a_pack_files_edition_is_quoted_x_y(tmp_path, value, message):
    from textbook.inputs import InputError
    from textbook_build.packfile import load_pack

    path = tmp_path / "kuliah.yaml"
    path.write_text(f"title: T\nchapters: [pemberdayaan]\nedition: {value}\n", "utf-8")
    with pytest.raises(InputError) as caught:
        load_pack(path, ["pemberdayaan"], ["id"])
    assert str(caught.value) == f"{path}:3: {message}"


@pytest.mark.print
def test_a_pack_prints_the_edition_it_was_made_for(tmp_path, capsys, print_toolchain):
    from helpers.latex_check import normalise, pdf_pages
    from textbook_build import Project
    from textbook_build.cli import main

    pack = tmp_path / "kuliah.yaml"
    pack.write_text(
        "title: Bacaan\nchapters: [pemberdayaan]\nedition: '0.9'\nsides: one\n", "utf-8"
    )
    code = main(["coursepack", "--pack", str(pack)], Project(build=tmp_path / "_build"))
    out = capsys.readouterr()
    assert code == 0, out.err
    assert (
        "[coursepack] note: the pack file names edition 0.9; this book is edition "
        f"{current(ROOT).version}: check the pack's chapters against the changelog" in out.out
    )
    first = normalise(pdf_pages(tmp_path / "_build" / "coursepack" / "kuliah.pdf")[0])
    assert normalise("Dibuat untuk edisi 0.9") in first, first
