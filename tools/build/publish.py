"""Publishing a staged build in place of the last one."""
from __future__ import annotations

import shutil
from pathlib import Path


def publish(stage: Path, target: Path, leave_out: set[str] = frozenset()) -> None:
    """Replace ``target`` by a copy of ``stage`` (without its top-level entries
    named in ``leave_out``) with two renames."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(stage, fresh, ignore=lambda folder, names: [
        n for n in names if Path(folder) == stage and n in leave_out])
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
