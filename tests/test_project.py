"""The code is one Python project (pyproject.toml): installed console scripts, no
``sys.path`` edits, and no comment or configuration naming a file that does not exist."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SYS_PATH_EDIT = re.compile(r"sys\.path\s*(\[|\.(insert|append|extend|remove)\b|\+?=)")
# a path of the repository named in a comment or a configuration file
NAMED_PATH = re.compile(
    r"(?<![\w./<-])((?:tools|tests|locales|source|coursepacks|LICENSES|\.ci)"
    r"/[^\s`'\"(),;:\]|]*)"
)
CONFIG_SUFFIXES = {
    ".yaml",
    ".yml",
    ".toml",
    ".cfg",
    ".ini",
    ".sh",
    ".html",
    ".css",
    ".js",
    ".jinja",
    ".tex",
    ".sty",
    ".txt",
}
CONFIG_NAMES = {"Makefile", ".gitattributes", "run"}


def tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(
        ["git", "ls-files", "-z", *patterns], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [ROOT / name for name in out.split("\0") if name and (ROOT / name).is_file()]


def python_comments(path: Path) -> list[tuple[int, str]]:
    """Comments and docstring-like (triple-quoted) strings, with their first line."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    return [
        (tok.start[0], tok.string)
        for tok in tokens
        if tok.type == tokenize.COMMENT
        or (tok.type == tokenize.STRING and tok.string.lstrip("rbuf").startswith(('"""', "'''")))
    ]


def named_paths(path: Path) -> list[tuple[int, str]]:
    if path.suffix == ".py":
        texts = python_comments(path)
    elif path.suffix in CONFIG_SUFFIXES or path.name in CONFIG_NAMES:
        texts = list(enumerate(path.read_text("utf-8").splitlines(), 1))
    else:
        return []
    found = []
    for line, text in texts:
        for match in NAMED_PATH.finditer(text):
            name = match.group(1).rstrip(".")
            if not re.search(r"[*{<$]", name):  # a pattern, not a file
                found.append((line, name))
    return found


def test_no_code_edits_sys_path():
    edits = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in tracked("*.py")
        if p != Path(__file__).resolve()  # its own examples below
        for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if SYS_PATH_EDIT.search(line)
    ]
    assert edits == []


def test_the_grep_finds_an_edit():
    assert SYS_PATH_EDIT.search('sys.path.insert(0, str(ROOT / "tools"))')
    assert SYS_PATH_EDIT.search("sys.path[:0] = [here]")
    assert not SYS_PATH_EDIT.search("for entry in sys.path:")


def test_every_path_named_in_comments_and_configuration_exists():
    stale = [
        f"{p.relative_to(ROOT)}:{line}: {name}"
        for p in tracked()
        if "roots" not in p.parts
        for line, name in named_paths(p)
        if not (ROOT / name).exists()
    ]
    assert stale == []


def test_the_path_check_sees_a_stale_name(tmp_path):
    conf = tmp_path / "languages.yaml"
    conf.write_text("# read by tools/build.py and tools/textbook_build/\n", encoding="utf-8")
    assert [name for _, name in named_paths(conf)] == ["tools/build.py", "tools/textbook_build/"]


@pytest.mark.parametrize("script", ["textbook-build", "textbook-po"])  # pyproject.toml
def test_console_scripts_run_and_find_the_checkout_from_the_working_directory(tmp_path, script):
    proc = subprocess.run([str(BIN / script), "--help"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith(f"usage: {script} "), proc.stderr
    # outside a checkout: a clear message, no traceback
    proc = subprocess.run(
        [str(BIN / script), "--help"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        f"{tmp_path}: not inside a checkout of the book (no conf.py "
        "beside locales/languages.yaml); run the command in the "
        "project's folder"
    )


def test_no_test_module_imports_another():
    """Shared test code lives in tests/helpers/, never in a test module."""
    modules = {p.stem for p in tracked("tests/test_*.py")}
    imports = [
        f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
        for p in tracked("tests/*.py")
        for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if (m := re.match(r"\s*(?:from|import)\s+(\w+)", line)) and m.group(1) in modules
    ]
    assert imports == []
