"""requirements.txt installs anywhere: every package pinned with hashes, no path or index
of the machine it was locked on, written by the Makefile's `make lock` command."""

from __future__ import annotations

import re
import shlex
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, line) with comments dropped and continuations joined."""
    found, start, parts = [], 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        if not parts:
            start = number
        parts.append(line.rstrip().removesuffix("\\"))
        if not line.rstrip().endswith("\\"):
            joined = " ".join(parts).strip()
            if joined:
                found.append((start, joined))
            parts = []
    return found


def test_every_package_is_pinned_with_hashes_and_no_local_path():
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "file://" not in text
    lines = logical_lines(text)
    assert len(lines) > 50
    for number, line in lines:
        where = f"requirements.txt:{number}"
        name, *options = line.split()
        assert not name.startswith(("-", "/", ".")), f"{where}: not a pinned package: {line}"
        requirement = Requirement(name)
        assert requirement.url is None and not requirement.marker, f"{where}: {line}"
        assert re.fullmatch(r"==[\w.+!-]+", str(requirement.specifier)), (
            f"{where}: not pinned with ==: {name}"
        )
        assert options and all(HASH.fullmatch(o) for o in options), f"{where}: hashes: {line}"


def test_the_header_names_the_command_of_make_lock():
    """`make lock` rewrites the file as committed: same pip-compile options."""
    header = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    command = re.search(r"^#\s+(pip-compile .+)$", header, re.M).group(1)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^lock:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    words = shlex.split(recipe.replace("\\\n", " "))
    words = words[words.index(next(w for w in words if w.endswith("pip-compile"))) + 1 :]
    options = {w for w in words if w != "-q"}
    output = words[words.index("-o") + 1]
    options -= {"-o", output}
    options.add(f"--output-file={output}")
    assert set(shlex.split(command)[1:]) == options


def pinned(text: str) -> dict[str, Requirement]:
    found = {}
    for _, line in logical_lines(text):
        requirement = Requirement(line.split()[0])
        found[canonicalize_name(requirement.name)] = requirement
    return found


def unpinned_extras(text: str) -> list[str]:
    """``pkg[extra]`` that a pinned package requires and the file pins without the extra:
    the pip a fresh venv bundles resolves it apart, to a newer release with no hash."""
    pins, missing = pinned(text), []
    for name, requirement in pins.items():
        for needed in map(Requirement, distribution(name).requires or []):
            active = needed.marker is None or any(
                needed.marker.evaluate({"extra": e}) for e in {"", *requirement.extras}
            )
            target = pins.get(canonicalize_name(needed.name))
            if active and target is not None and not needed.extras <= target.extras:
                missing.append(f"{name} needs {needed.name}[{','.join(sorted(needed.extras))}]")
    return missing


def test_the_extras_a_pinned_package_needs_are_pinned():
    assert unpinned_extras((ROOT / "requirements.txt").read_text(encoding="utf-8")) == []
    stripped = re.sub(
        r"^(fonttools)\[woff\]", r"\1", (ROOT / "requirements.txt").read_text("utf-8"), flags=re.M
    )
    assert "weasyprint needs fonttools[woff]" in unpinned_extras(stripped)
