"""One build at a time per checkout: ``_build/.lock`` (flock, released when the
build and every child holding it have ended, however they end)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock and the caller chose not to wait."""


@contextlib.contextmanager
def build_lock(build: Path, wait: bool = True):
    build.mkdir(parents=True, exist_ok=True)
    path = build / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            if not wait:
                raise Busy(
                    f"another build of this checkout is running (pid {holder}, "
                    f"lock {path}); try again when it has finished"
                ) from None
            print(
                f"[build] another build of this checkout is running (pid {holder}); "
                f"waiting for it to finish",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)
