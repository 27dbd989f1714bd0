"""The book's commands run on a copy of the project: the copy's own code (its ``tools/``
first on PYTHONPATH), never the installed package, and the copy as working directory
(where the commands find the project)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The Java checkers (epubcheck, the Nu checker) run a few seconds: the client compiler
# alone halves their CPU time (the server compiler's threads cost more than they save);
# the Nu checker's schema then needs a deeper stack than the default.
JAVA = ["java", "-XX:TieredStopAtLevel=1", "-Xss8m"]


def copy_env(project: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) with ``project``'s code first on PYTHONPATH."""
    return {**(os.environ if env is None else env), "PYTHONPATH": str(Path(project) / "tools")}


def command(tool: str, *args: str) -> list[str]:
    """``textbook-build ARGS`` (tool ``textbook_build``) or ``textbook-po ARGS`` (``textbook_po``)."""
    return [sys.executable, "-m", tool, *map(str, args)]


def run(
    project: Path, tool: str, *args: str, env: dict[str, str] | None = None, **kwargs
) -> subprocess.CompletedProcess:
    """``tool ARGS`` in ``project`` with its own code, output captured as text."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    return subprocess.run(command(tool, *args), cwd=project, env=copy_env(project, env), **kwargs)
