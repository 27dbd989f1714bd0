"""Sphinx's own scaling: ``-j 2`` reads and writes in parallel and gives the same tree as ``-j 1``."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent

# Runs sphinx-build and prints the kinds of parallel tasks Sphinx started.
RUN = """
import sys, sphinx.util.parallel as par
tasks = []
add = par.ParallelTasks.add_task
par.ParallelTasks.add_task = lambda self, fn, *a, **k: (tasks.append(fn.__name__), add(self, fn, *a, **k))[1]
from sphinx.cmd.build import build_main
code = build_main(sys.argv[1:])
print("TASKS", sorted(set(tasks)))
sys.exit(code)
"""


def build(tmp: Path, builder: str, lang: str, jobs: int) -> tuple[Path, str]:
    out = tmp / f"{builder}-{lang}-j{jobs}"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            RUN,
            "-b",
            builder,
            "-j",
            str(jobs),
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-D",
            f"language={lang}",
            "-d",
            str(tmp / f"doctrees-{builder}-{lang}-{jobs}"),
            "-c",
            str(ROOT),
            str(ROOT / "source"),
            str(out),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, SOURCE_DATE_EPOCH="1764600000"),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out, proc.stdout


def differences(a: Path, b: Path) -> list[str]:
    cmp = filecmp.dircmp(a, b)
    found = [*cmp.left_only, *cmp.right_only]
    found += [str(a / name) for name in filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)[1]]
    for sub in cmp.common_dirs:
        found += differences(a / sub, b / sub)
    return found


@pytest.mark.parametrize("builder", ["html", "epub"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_two_jobs_give_the_same_edition_as_one(tmp_path, lang, builder):
    serial, _ = build(tmp_path, builder, lang, 1)
    parallel, log = build(tmp_path, builder, lang, 2)
    assert "read_process" in log and "write_process" in log, log  # really in parallel
    assert differences(serial, parallel) == []
