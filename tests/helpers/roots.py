"""The tiny test projects under ``tests/roots/``: copied, then built the way
``textbook-build`` builds the book (same strict flags, as a command)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textbook_build import SPHINX_FLAGS

from .sphinx_fork import sphinx

ROOTS = Path(__file__).resolve().parents[1] / "roots"
TOOLS = Path(__file__).resolve().parents[2] / "tools"


def sphinx_build(project: Path, lang: str = "", builder: str = "html"):
    """``python -m sphinx`` with the book's flags (as textbook-build runs it) on a copied
    root; returns (process, output folder). The copy finds the extension on the helper's
    path (tests/helpers/sphinx_fork.py)."""
    out = project / "_build" / builder
    args = ["-b", builder, *SPHINX_FLAGS, "-d", str(project / "_build" / "doctrees")]
    if lang:
        args += ["-D", f"language={lang}"]
    return sphinx.run([*args, str(project), str(out)]), out


def copy_root(name: str, tmp_path: Path) -> Path:
    project = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", project)
    return project


def assert_no_crash_report(proc) -> None:
    """No traceback and no "report this to Sphinx" block: the message is the whole story."""
    for crash in ("Traceback", "report this", "Sphinx error", "Exception occurred"):
        assert crash not in proc.stdout + proc.stderr, proc.stderr
