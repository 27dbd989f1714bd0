"""Children of the build: Sphinx (forked from one process that imported it once)
and latexmk. Each child leads its own process group, dies with the build (Linux
``PR_SET_PDEATHSIG``) and takes its whole group with it; SIGINT/SIGTERM/SIGHUP
of the build are forwarded to the groups."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import signal
import subprocess
import sys
from collections.abc import Callable

from .project import Project

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_groups: set[int] = set()  # process groups of the running children
_received: list[int] = []  # signals received; acted on at the next check


class Interrupted(Exception):
    """The build received ``signum``; its children have been told to stop."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@functools.cache
def preload_sphinx(project: Project) -> None:
    """Import Sphinx, its built-in extensions and the book's extensions once in
    this process; every forked build then starts with them loaded. Nothing is set
    up here (no application, no translator): each build still starts clean."""
    import importlib

    import sphinx.cmd.build  # noqa: F401
    from sphinx.application import builtin_extensions

    try:
        configured = project.config().get("extensions", [])
    except Exception:  # noqa: BLE001 -- the build itself reports a broken conf.py
        configured = []
    for name in [*builtin_extensions, *configured, "textbook.extension"]:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the build itself reports it


def _die_with_parent() -> None:
    try:  # PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's signal handler still forwards


def _end_group(signum, frame) -> None:
    os.killpg(0, signal.SIGKILL)  # this child and everything it started


def check_interrupted() -> None:
    """Raise ``Interrupted`` if a signal came: called between the build's steps
    (raising from the handler itself could land anywhere, even in a lock release)."""
    if _received:
        raise Interrupted(_received[0])


@contextlib.contextmanager
def forwarding_signals():
    """Pass SIGINT/SIGTERM/SIGHUP on to the children; ``check_interrupted`` then stops."""

    def handler(signum, frame):
        _received.append(signum)
        for group in list(_groups):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGTERM)

    _received.clear()
    saved = {sig: signal.signal(sig, handler) for sig in FORWARDED}
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


def fork_call(func: Callable[[], int]) -> int:
    """Exit status of ``func()`` run in a forked child (see the module docstring)."""
    check_interrupted()
    sys.stdout.flush()
    sys.stderr.flush()
    parent = os.getpid()
    # no signal between fork and the child's own group and handlers
    signal.pthread_sigmask(signal.SIG_BLOCK, FORWARDED)
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setpgid(0, 0)
            for sig in FORWARDED:
                signal.signal(sig, _end_group)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, FORWARDED)
            _die_with_parent()
            if os.getppid() != parent:  # the build died before prctl
                os._exit(1)
            code = func()
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    with contextlib.suppress(OSError):
        os.setpgid(pid, pid)  # also done by the child: no window without a group
    _groups.add(pid)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, FORWARDED)
    try:
        try:
            _, status = os.waitpid(pid, 0)
        except BaseException:  # e.g. KeyboardInterrupt in a test: end the child, reap it
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise
    finally:
        _groups.discard(pid)
    check_interrupted()
    return os.waitstatus_to_exitcode(status)


def _sphinx_main(args: list[str], env: dict[str, str]) -> int:
    os.environ.clear()
    os.environ.update(env)
    from sphinx.cmd.build import main as sphinx_main

    from .errors import concise_os_errors

    with concise_os_errors():
        return sphinx_main(args)


def run_sphinx(project: Project, args: list[str], env: dict[str, str]) -> int:
    """Exit status of ``python -m sphinx ARGS`` with ``env``, run in a forked
    child of this process (which imported Sphinx once for all builds)."""
    if not hasattr(os, "fork"):
        return subprocess.run([sys.executable, "-m", "sphinx", *args], env=env).returncode
    preload_sphinx(project)
    return fork_call(lambda: _sphinx_main(args, env))


def run_command(cmd: list[str], **kwargs) -> int:
    """Exit status of ``cmd`` (``subprocess.run`` arguments), run from a forked
    child so that its own children (xelatex under latexmk) end with the build."""
    if not hasattr(os, "fork"):
        return subprocess.run(cmd, **kwargs).returncode
    return fork_call(lambda: subprocess.run(cmd, **kwargs).returncode)
