"""Sphinx builds in forked children of one process that imported Sphinx once."""
from __future__ import annotations

import functools
import os
import subprocess
import sys

from .project import Project


@functools.cache
def preload_sphinx(project: Project) -> None:
    """Import Sphinx, its built-in extensions and the book's extensions once in
    this process; every forked build then starts with them loaded. Nothing is set
    up here (no application, no translator): each build still starts clean."""
    import importlib

    from sphinx.application import builtin_extensions
    import sphinx.cmd.build  # noqa: F401

    try:
        configured = project.config().get("extensions", [])
    except Exception:  # noqa: BLE001 -- the build itself reports a broken conf.py
        configured = []
    for name in [*builtin_extensions, *configured, "textbook.extension"]:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the build itself reports it


def run_sphinx(project: Project, args: list[str], env: dict[str, str]) -> int:
    """Exit status of ``python -m sphinx ARGS`` with ``env``, run in a forked
    child of this process (which imported Sphinx once for all builds)."""
    if not hasattr(os, "fork"):
        return subprocess.run([sys.executable, "-m", "sphinx", *args], env=env).returncode
    preload_sphinx(project)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: one Sphinx build, then exit without returning here
        code = 1
        try:
            os.environ.clear()
            os.environ.update(env)
            from sphinx.cmd.build import main as sphinx_main

            code = sphinx_main(args)
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
