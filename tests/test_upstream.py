"""Patches of upstream internals (tools/textbook/upstream/): each is checked against the
upstream version it was written for, so an upgrade cannot silently keep or break one."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest

from textbook.upstream import PATCHES

TEXTBOOK = Path(__file__).resolve().parent.parent / "tools" / "textbook"


@pytest.mark.parametrize("patch", PATCHES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_patch_names_its_upstream_version_and_what_upstream_would_fix(patch):
    dist, written_for = patch.UPSTREAM
    installed = importlib.metadata.version(dist)
    assert installed == written_for, (
        f"{dist} {installed} is installed, {patch.__name__} was written against {written_for}: "
        f"check the patch against {installed} (upstream fix wanted: {patch.FIX}), "
        "then update UPSTREAM or delete the patch"
    )
    assert patch.FIX and "\n" not in patch.FIX


def test_upstream_internals_are_patched_only_in_upstream():
    patches = re.compile(r"^\s*(?:sphinx|myst_parser|pybtex|docutils|base)\.[\w.]+ = ", re.M)
    outside = [
        str(p.relative_to(TEXTBOOK))
        for p in TEXTBOOK.rglob("*.py")
        if "upstream" not in p.parts and patches.search(p.read_text(encoding="utf-8"))
    ]
    assert outside == []
    listed = {p.__name__.rsplit(".", 1)[-1] for p in PATCHES}
    assert listed == {p.stem for p in (TEXTBOOK / "upstream").glob("*.py")} - {"__init__"}


def test_every_module_of_the_extension_imports_on_its_own():
    """No import cycle between sub-packages: a test or a tool may import any module first."""
    import subprocess
    import sys

    tools = Path(__file__).resolve().parents[1] / "tools"
    modules = sorted(
        ".".join(p.relative_to(tools).with_suffix("").parts).removesuffix(".__init__")
        for p in (tools / "textbook").rglob("*.py")
    )
    script = (
        "import importlib, sys\nfailed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.startswith('textbook')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n        importlib.import_module(name)\n"
        "    except ImportError as exc:\n        failed.append(f'{name}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, *modules], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert len(modules) > 30 and proc.stdout.strip() == ""
