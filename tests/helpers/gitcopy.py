"""A git copy of the project, as a fresh clone has it, and ``make`` run in it with the
shared virtualenv and the copy's own code."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from textbook_build import copy_project

from .commands import copy_env

ROOT = Path(__file__).resolve().parents[2]


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """``make ARGS`` in ``project`` with this checkout's virtualenv, which it never
    reinstalls (``-o``: that would install the copy as the package)."""
    venv = ROOT / ".venv"
    return subprocess.run(
        ["make", "--no-print-directory", f"VENV={venv}", "-o", f"{venv}/.installed", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=copy_env(project, dict(os.environ, LANG="C.UTF-8")),
    )


FIXED_DATE = "@1700000000 +0000"  # copies of one tree are then one commit: same edition line


def git(project: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, GIT_AUTHOR_DATE=FIXED_DATE, GIT_COMMITTER_DATE=FIXED_DATE),
    ).stdout


def git_copy(dest: Path) -> Path:
    """The project as a fresh clone has it, committed now (a later commit than
    the one that wrote its templates)."""
    project = copy_project(dest)
    for name in ("Makefile", ".gitignore", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "copy")
    return project
