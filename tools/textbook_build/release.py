"""``make release VERSION=X.Y``: tag the commit built as edition X.Y (an annotated
git tag ``vX.Y``; tools/textbook/edition.py reads it back), refused with every
missing piece listed: a changelog entry, the public address, CITATION.cff's
edition and date, complete catalogs of the released languages, a clean checkout."""

from __future__ import annotations

import subprocess
import sys
import time

import yaml

from textbook.config import preview_reason
from textbook.edition import CHANGELOG, VERSION, EditionError, changelog
from textbook.languages import SOURCE_LANGUAGE

from .editions import declared
from .project import Project


def _git(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True)


def missing(project: Project, version: str) -> list[str]:  # noqa: C901 (one line per requirement)
    """What stops ``version`` from being released (empty: ready)."""
    if not VERSION.fullmatch(version):
        return [f"VERSION={version!r}: an edition number is X.Y (e.g. 1.0)"]
    problems = []
    try:
        versions = [entry["version"] for entry in changelog(project.root)]
        if version not in versions:
            problems.append(
                f"{CHANGELOG}: no entry for edition {version} (add one, newest "
                f"first: what changed, in id and en)"
            )
        elif versions[0] != version:
            problems.append(f"{CHANGELOG}: edition {version} is not the newest entry")
    except EditionError as exc:
        problems.append(str(exc))
    public = project.config().get("textbook_public_url", "")
    if reason := preview_reason(public, public):
        problems.append(f"no public address: {reason}")
    cff = yaml.safe_load((project.root / "CITATION.cff").read_text("utf-8")) or {}
    today = time.strftime("%Y-%m-%d", time.gmtime())
    if (
        str(cff.get("version")) != version
        or str(cff.get("preferred-citation", {}).get("edition")) != version
    ):
        problems.append(
            f'CITATION.cff: version and preferred-citation\'s edition must be "{version}"'
        )
    if str(cff.get("date-released")) != today:
        problems.append(f"CITATION.cff: date-released must be the tag's date, {today}")
    if public and cff.get("url") != public:
        problems.append(f"CITATION.cff: url must be the public address {public}")
    langs = [lang for lang in declared(project).released if lang != SOURCE_LANGUAGE]
    status = subprocess.run(
        [sys.executable, "-m", "textbook_po", "status", "--langs", *langs],
        cwd=project.root,
        capture_output=True,
        text=True,
    )
    if status.returncode != 0:
        problems.append(
            f"released language(s) {' '.join(langs)} incomplete: make po-status "
            f"reports {status.stderr.strip() or status.stdout.strip()[-200:]}"
        )
    if _git(project, "rev-parse", "-q", "--verify", f"refs/tags/v{version}").returncode == 0:
        problems.append(f"the tag v{version} exists already")
    dirty = _git(project, "status", "--porcelain", "--untracked-files=no")
    if dirty.returncode != 0:
        problems.append(f"{project.root} is not a git checkout: a release is a git tag")
    elif dirty.stdout.strip():
        problems.append("uncommitted changes: commit them first (the tag names a commit)")
    return problems


def release(project: Project, version: str) -> int:
    problems = missing(project, version)
    if problems:
        print(
            f"error: make release VERSION={version} refused:\n"
            + "".join(f"  - {p}\n" for p in problems),
            end="",
            file=sys.stderr,
        )
        return 2
    tag = _git(project, "tag", "-a", f"v{version}", "-m", f"Edition {version}")
    if tag.returncode != 0:
        print(f"error: git tag v{version}: {tag.stderr.strip()}", file=sys.stderr)
        return 1
    print(
        f"[release] tagged v{version}: edition {version} (publish it with "
        f"`git push origin v{version}`)"
    )
    return 0
