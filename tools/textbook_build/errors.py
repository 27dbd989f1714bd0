"""Errors of the output folder (cannot write, full disk) as one line each."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys

REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large (no space left)",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def os_error_in(exc: BaseException | None) -> OSError | None:
    """The first OSError in ``exc``'s chain (Sphinx wraps some in its own errors)."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
            for _src, dst, why in exc.args[0]:
                return OSError(errno.ENOSPC if "space" in str(why) else errno.EIO, str(why), dst)
        if isinstance(exc, OSError) and exc.errno in REASONS:
            return exc
        exc = getattr(exc, "orig_exc", None) or exc.__cause__ or exc.__context__
    return None


def describe(exc: OSError) -> str:
    reason = REASONS.get(exc.errno, exc.strerror or str(exc))
    where = os.fspath(exc.filename) if exc.filename else "the build folder"
    return f"error: cannot write {where}: {reason}"


@contextlib.contextmanager
def concise_os_errors():
    """In a Sphinx child: an OSError of writing is one line, not Sphinx's report."""
    import sphinx.cmd.build as cmd

    original = cmd.handle_exception

    def handle(app, args, exception, stderr=sys.stderr):
        found = os_error_in(exception)
        if found is None:
            return original(app, args, exception, stderr)
        print(describe(found), file=stderr, flush=True)
        return None

    cmd.handle_exception = handle
    try:
        yield
    finally:
        cmd.handle_exception = original
