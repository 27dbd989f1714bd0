"""The project being built: its folders, what a build reads, its date and configuration."""
from __future__ import annotations

import functools
import os
import runpy
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from textbook.languages import SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
SPHINX_FLAGS = ["-W", "--keep-going", "-n", "-q"]  # every build of the book uses these

# Code: a change here may alter every page, so the next build starts afresh.
CODE_INPUTS = ["conf.py", "tools"]
# Content: Sphinx notices these changes itself and rewrites the pages concerned.
CONTENT_INPUTS = ["bibliography.bib", "source"]  # + locales/<lang>
NOT_INPUTS = {"__pycache__", ".mo", ".pyc"}  # .mo files are written by Sphinx
OUTPUT_ENV = ("TEXTBOOK_", "READTHEDOCS")  # environment variables read by conf.py


@dataclass(frozen=True)
class Project:
    """A checkout (``root``) and the folder its builds write (``build``, default
    ``<root>/_build``). Every function of the package takes one."""

    root: Path = ROOT
    build: Path = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))
        object.__setattr__(self, "build", Path(self.build) if self.build else self.root / "_build")

    @property
    def source(self) -> Path:
        return self.root / "source"

    def published(self, fmt: str) -> Path:
        return self.build / fmt

    def stage(self, fmt: str) -> Path:
        return self.build / "stage" / fmt

    def doctrees(self, builder: str, lang: str) -> Path:
        return self.build / "doctrees" / builder / lang  # html doctrees break the LaTeX build

    def stamp(self, builder: str, lang: str) -> Path:
        return self.build / "fingerprints" / f"{builder}-{lang}"

    def languages(self) -> list[str]:
        """The source language and every language with catalogs in ``locales/``."""
        return [SOURCE_LANGUAGE] + sorted(
            p.name for p in (self.root / "locales").iterdir()
            if (p / "LC_MESSAGES").is_dir() and p.name != SOURCE_LANGUAGE)

    def config(self) -> dict:
        """conf.py's settings (run with the current environment)."""
        return _config(self.root / "conf.py")

    def download_basename(self) -> str:
        return self.config()["textbook_download_basename"]


def _config(conf: Path) -> dict:
    return runpy.run_path(str(conf))


def source_date_epoch(root: Path = ROOT) -> str:
    """``SOURCE_DATE_EPOCH``: the environment's, else the last commit's time."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root,
                             capture_output=True, text=True, check=True).stdout.strip()
        return out or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy what a build reads (code, content, catalogs) into ``dest``, a project of its own."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "_build")
    for part in [*CODE_INPUTS, *CONTENT_INPUTS, "locales"]:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@functools.cache
def installed_packages() -> list[str]:
    """Names of the installed distributions (``name-version.dist-info``)."""
    import sys

    return sorted(p.name for entry in sys.path if Path(entry or ".").is_dir()
                  for p in Path(entry or ".").glob("*.dist-info"))
