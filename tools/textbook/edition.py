"""Which edition a build is. A release is an annotated git tag ``vX.Y`` on the commit
built: its number and its tag's date. Between tags, a pre-release of the changelog's
newest edition, named by its commit. A ``git archive`` carries the same facts in
``tools/textbook_build/edition`` (``export-subst``, .gitattributes). No Sphinx import."""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TAG = re.compile(r"v(\d+\.\d+)")
VERSION = re.compile(r"\d+\.\d+")
ARCHIVE_FILE = Path("tools/textbook_build/edition")  # "$Format:%(describe:...) %h$" until archived
CHANGELOG = Path("source/data/changelog.yaml")
DATE_FILE = Path("tools/textbook_build/source-date-epoch")  # "$Format:%ct$" until archived


class EditionError(Exception):
    """A changelog or edition that cannot be read (the text names the file and line)."""


@dataclass(frozen=True)
class Edition:
    version: str  # "1.0"
    released: bool  # the commit built is tagged vX.Y (annotated)
    commit: str = ""  # short hash of a pre-release ('' when unknown)
    epoch: int | None = None  # a release's date: its tag's


def _git(root: Path, *args: str) -> str | None:
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if Path(top).resolve() != root.resolve():
            return None  # a copy inside another repository: not this project's history
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def changelog(root: Path = ROOT) -> list[dict]:
    """The changelog's editions, newest first: ``[{version, changes: [{id, en}]}]``."""
    from .inputs import InputError, compose_yaml, plain_data, read_text  # (untrusted input)

    path = root / CHANGELOG
    if path.is_symlink():  # untrusted: never another file's contents
        raise EditionError(f"{path}:1: a symbolic link; the changelog must be a plain file")
    try:
        node = compose_yaml(read_text(path), path)
        data = plain_data(node, path)[0] if node is not None else None
    except InputError as exc:
        raise EditionError(str(exc)) from None
    editions = data.get("editions") if isinstance(data, dict) else None
    if not isinstance(editions, list) or not editions:
        raise EditionError(f"{path}: 'editions' must be a list of editions, newest first")
    for number, entry in enumerate(editions, 1):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("version"), str)
            and VERSION.fullmatch(entry["version"])
            and isinstance(entry.get("changes"), list)
            and entry["changes"]
            and all(
                isinstance(c, dict)
                and {"id", "en"} <= set(c)
                and all(isinstance(v, str) and v.strip() for v in c.values())
                for c in entry["changes"]
            )
        ):
            raise EditionError(
                f'{path}: edition {number}: needs version: "X.Y" and '
                f"changes, each with its text in id and en"
            )
    return editions


def current(root: Path = ROOT) -> Edition:
    """The edition of the checkout (or release archive) at ``root``."""
    tags = _git(
        root,
        "for-each-ref",
        "--points-at",
        "HEAD",
        "refs/tags/v*",
        "--format=%(refname:strip=2) %(objecttype) %(taggerdate:unix)",
    )
    if tags is not None:
        for line in sorted(tags.splitlines(), reverse=True):
            name, kind, epoch = (line.split() + ["", "", ""])[:3]
            if kind == "tag" and TAG.fullmatch(name) and epoch.isdigit():
                return Edition(TAG.fullmatch(name)[1], True, epoch=int(epoch))
        commit = _git(root, "rev-parse", "--short=7", "HEAD") or ""
    else:
        commit = ""
        archived = root / ARCHIVE_FILE
        text = archived.read_text("utf-8", "replace").strip() if archived.is_file() else ""
        if text and "$Format" not in text:
            describe, _, commit = text.rpartition(" ")
            if TAG.fullmatch(describe):  # exactly at a tag: a release (date: the archive's)
                return Edition(TAG.fullmatch(describe)[1], True)
    return Edition(changelog(root)[0]["version"], False, commit=commit)


def _epoch_value(value: str, origin: str) -> int:
    value = value.strip()
    if not value.isdigit() or int(value) <= 0 or len(value) > 12:
        raise EditionError(
            f"{origin}: {value!r} is not a date (seconds since 1970, e.g. "
            f"SOURCE_DATE_EPOCH=1700000000)"
        )
    return int(value)


def source_date_epoch(root: Path = ROOT) -> int | None:
    """The book's date, the one reader of ``SOURCE_DATE_EPOCH``: the environment's, else
    a release tag's date, else the date a release archive carries, else the last
    commit's time; None when there is none of them (never 1970)."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return _epoch_value(os.environ["SOURCE_DATE_EPOCH"], "SOURCE_DATE_EPOCH")
    try:
        if (edition := current(root)).released and edition.epoch:
            return edition.epoch
    except EditionError:
        pass  # (the build reports it)
    archived = root / DATE_FILE
    if archived.is_file():
        text = archived.read_text(encoding="utf-8", errors="replace").strip()
        if "$Format" not in text:
            return _epoch_value(text, str(archived))
    last = _git(root, "log", "-1", "--format=%ct")
    return _epoch_value(last, "git log") if last else None


_STAMPS: dict = {}


def book_epoch(root: Path = ROOT) -> int:
    """The date every output carries (title pages, XMP, EPUB zip, offline copy):
    ``source_date_epoch``, or, with none, the clock read once per build."""
    key = (root, os.environ.get("SOURCE_DATE_EPOCH"))
    if key not in _STAMPS:
        _STAMPS[key] = source_date_epoch(root) or int(time.time())
    return _STAMPS[key]
