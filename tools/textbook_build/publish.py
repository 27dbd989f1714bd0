"""Publishing: ``_build/<format>`` is a symbolic link to one complete generation
(``_build/.generations/<format>-*``), switched to the next one in a single rename.
Readers see the old generation or the new one, never a missing or partial
folder; the old generation is removed after the switch, and whatever an
interruption left behind is removed by ``recover`` at the next start."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from .runner import check_interrupted

GENERATIONS = ".generations"


def tree_digest(folder: Path) -> str:
    """sha256 over every file's relative path and content under ``folder``."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            h.update(path.relative_to(folder).as_posix().encode() + b"\0")
            with path.open("rb") as f:
                h.update(hashlib.file_digest(f, "sha256").digest())
    return h.hexdigest()


def _generations(target: Path) -> Path:
    return target.parent / GENERATIONS


def _link(target: Path, generation: Path) -> None:
    tmp = target.with_name(f".{target.name}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(os.path.relpath(generation, target.parent), tmp)
    os.replace(tmp, target)


def publish(
    stage: Path,
    target: Path,
    leave_out: set[str] = frozenset(),
    moves: dict[str, str] | None = None,
) -> None:
    """Make ``target`` a copy of ``stage`` (without its top-level entries named in
    ``leave_out``, with each folder of ``moves`` at its new place): copy into a new
    generation, then switch the link."""
    generations = _generations(target)
    generations.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=generations))
    try:
        shutil.copytree(
            stage,
            fresh,
            dirs_exist_ok=True,
            ignore=lambda folder, names: [
                n for n in names if Path(folder) == stage and n in leave_out
            ],
        )
        for old, new in (moves or {}).items():
            if (fresh / old).is_dir():
                shutil.rmtree(fresh / new, ignore_errors=True)
                (fresh / old).rename(fresh / new)
        fresh.chmod(0o755)
        check_interrupted()
        old = target.resolve() if target.is_symlink() else None
        _link(target, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if old is not None and old.parent == generations and old != fresh:
        shutil.rmtree(old, ignore_errors=True)


def recover(build: Path, formats: list[str]) -> None:
    """Undo what an interrupted build left: a temporary link, generations that no
    link points to (a copy cut short), and the layout of older versions (a real
    folder, or only ``<format>.old`` after a cut between two renames)."""
    generations = build / GENERATIONS
    for fmt in formats:
        target = build / fmt
        target.with_name(f".{fmt}.link").unlink(missing_ok=True)
        old = target.with_name(fmt + ".old")
        if not target.exists() and not target.is_symlink() and old.is_dir():
            old.rename(target)
        for leftover in (old, target.with_name(fmt + ".new")):
            shutil.rmtree(leftover, ignore_errors=True)
        if target.is_dir() and not target.is_symlink():
            generations.mkdir(parents=True, exist_ok=True)
            moved = Path(tempfile.mkdtemp(prefix=f"{fmt}-", dir=generations))
            moved.rmdir()
            target.rename(moved)
            _link(target, moved)
    if generations.is_dir():
        live = {(build / fmt).resolve() for fmt in formats if (build / fmt).is_symlink()}
        for generation in generations.iterdir():
            if generation.resolve() not in live:
                shutil.rmtree(generation, ignore_errors=True)
