"""Copies of the project built and published by ``textbook-build`` (as ``make html``
does), and digests of what they published."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from textbook_build import copy_project

from .commands import run

EPOCH = "1700000000"  # 2023-11-14, fixed so that copies build alike


def run_build(project: Path, fmt: str = "html", *langs: str, epoch: str | None = EPOCH):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return run(project, "textbook_build", fmt, *(["--langs", *langs] if langs else []), env=env)


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file (and symlink target) under ``folder``, by relative path."""
    digest = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            digest[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            digest[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digest[rel] = "dir"
    return digest


def built_copy(folder: Path, *formats: str) -> Path:
    """A copy of the project in ``folder`` with ``formats`` built and published."""
    project = copy_project(folder / "book")
    for fmt in formats:
        proc = run_build(project, fmt)
        assert proc.returncode == 0, proc.stderr
    return project


def copy_built(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of a built project (sources and _build) for one test to break."""
    dest = tmp_path / "book"
    shutil.copytree(built, dest, symlinks=True)
    return dest
