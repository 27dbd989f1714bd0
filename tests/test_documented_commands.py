"""Every command shown in README.md and CONTRIBUTING.md, run as typed in a fresh clone.

The documents' code blocks are the input: each ``make …`` line is run with bash in
one clone of the repository (the working tree's files, committed there), in the order
a reader meets it: README.md's (its first ``make html`` on a bare machine), then
CONTRIBUTING.md's, as a reader who becomes a contributor. A command must exit 0,
create every ``_build/…`` path its comment promises, and leave ``git status`` clean
(``make add-language`` may change only the new language's files and the list of
languages). A command the tests cannot run is marked in the document with
``<!-- not run by the tests: make x, make y -->`` before its block and listed in
NOT_RUN with the reason.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.print, pytest.mark.epub]

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ["README.md", "CONTRIBUTING.md"]
NOT_RUN = {"make test": "the test suite itself (CI runs it: .ci/run)"}
# commands that serve until stopped: what they serve, checked across a rebuild
SERVERS = {"make serve-site": "http://127.0.0.1:8000/id/pemberdayaan.html"}
MARK = re.compile(r"<!-- not run by the tests: (?P<commands>.*?) -->")
FENCE = re.compile(r"^\s*(```|~~~)")
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
# make's own variables from a parent `make test` would change what the command does
MAKE_ENV = (
    "MAKEFLAGS",
    "MAKELEVEL",
    "MFLAGS",
    "MAKEOVERRIDES",
    "TEXTBOOK_SITE_URL",
    "SOURCE_DATE_EPOCH",
    "TEXTBOOK_FULL_SUITE",
)


def blocks(document: str) -> list[tuple[set[str], list[tuple[str, str]]]]:
    """Each code block: (commands marked not run, [(command, its comment lines)])."""
    found, marked, inside = [], set(), None
    for line in (ROOT / document).read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            if inside is None:
                inside = []
            else:
                found.append((marked, inside))
                inside, marked = None, set()
            continue
        if inside is None:
            if m := MARK.search(line):
                marked = {c.strip() for c in m.group("commands").split(",")}
            continue
        text = line.strip()
        if text.startswith("make "):
            command, _, comment = text.partition("#")
            inside.append((command.strip(), comment))
        elif text.startswith("#") and inside:
            command, comment = inside[-1]
            inside[-1] = (command, f"{comment} {text}")
    return found


def commands(document: str) -> list[tuple[str, str]]:
    """The document's commands to run, each once, in order."""
    seen: dict[str, str] = {}
    for marked, block in blocks(document):
        for command, comment in block:
            if command not in marked:
                seen[command] = seen.get(command, "") + comment
    return list(seen.items())


def test_the_documents_show_commands_and_mark_the_ones_not_run():
    for document in DOCUMENTS:
        runnable = commands(document)
        assert runnable, f"{document} shows no command"
        for marked, block in blocks(document):
            shown = {command for command, _ in block}
            assert marked <= shown, f"{document}: marked but not shown: {marked - shown}"
            assert marked <= set(NOT_RUN), f"{document}: not run without a reason: {marked}"
        for command, _ in runnable:
            assert command not in NOT_RUN, f"{document}: {command} is shown but not marked"


def fresh_clone(dest: Path) -> Path:
    """A clone holding the working tree's files (tracked and new), committed."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        src, target = ROOT / name, dest / name
        if src.is_file() and not src.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
        elif not src.exists():
            target.unlink(missing_ok=True)
    subprocess.run([*GIT, "add", "-A"], cwd=dest, check=True)
    subprocess.run(
        [*GIT, "commit", "-q", "--allow-empty", "-m", "working tree"], cwd=dest, check=True
    )
    return dest


def changed(clone: Path) -> list[str]:
    out = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line[3:] for line in out.splitlines()]


def run_documented(document: str, clone: Path, env: dict) -> None:
    """Each of ``document``'s commands as typed: exit 0, its promised ``_build`` paths,
    a clean ``git status`` (``make add-language`` may add only its language)."""
    for command, comment in commands(document):
        if command in SERVERS:
            check_server(command, SERVERS[command], clone, env)
            continue
        proc = subprocess.run(
            ["bash", "-c", command],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        said = f"`{command}` in {document}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        assert proc.returncode == 0, said
        for promised in re.findall(r"_build/[\w./-]*\w/?", comment):
            assert (clone / promised).exists(), f"{promised} missing after {said}"
        new = re.search(r"NEW_LANG=(\w+)", command)
        stray = [
            p
            for p in changed(clone)
            if not (
                new and (p.startswith(f"locales/{new.group(1)}/") or p == "locales/languages.yaml")
            )
        ]
        assert not stray, f"{command} changed files it should not: {stray}\n{said}"
        if new:  # the next commands build with the new language: keep its files
            subprocess.run([*GIT, "add", "-A"], cwd=clone, check=True)
            subprocess.run([*GIT, "commit", "-qm", "new language"], cwd=clone, check=True)


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def check_server(command: str, url: str, clone: Path, env: dict) -> None:
    """The server serves the built page, and the rebuilt one after ``make html``."""
    server = subprocess.Popen(
        ["bash", "-c", command],
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    chapter = clone / "source" / "pemberdayaan.md"
    original = chapter.read_text(encoding="utf-8")
    try:
        assert "Pemberdayaan" in fetch(url, time.monotonic() + 300), command
        chapter.write_text(original + "\nKalimat baru untuk pembaca.\n", encoding="utf-8")
        rebuilt = subprocess.run(
            ["make", "html"], cwd=clone, env=env, capture_output=True, text=True
        )
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert "Kalimat baru untuk pembaca." in fetch(url, time.monotonic() + 10), (
            f"{command} still serves the site of before the rebuild"
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        chapter.write_text(original, encoding="utf-8")


def test_a_reader_then_a_contributor_in_one_fresh_clone(tmp_path):
    """The README's first command on a bare machine (no hunspell, gettext, TeX,
    browser, Java, Node.js or apt-get): make html builds the book and names what it
    left out in one line; make po-check and a publishing build name the command that
    installs the tools. Then, with the tools installed, every command of README.md
    and then of CONTRIBUTING.md, in the same clone, as a reader who becomes a
    contributor types them."""
    clone = fresh_clone(tmp_path / "clone")
    bare = subprocess.run(
        [str(ROOT / "tests" / "helpers" / "bare-path.sh"), str(tmp_path / "bin")],
        capture_output=True,
        text=True,
        check=True,
    )
    full = {k: v for k, v in os.environ.items() if k not in MAKE_ENV}
    env = dict(full, PATH=bare.stdout.strip())

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", "-c", command],
            cwd=clone,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )

    html = run("make html")
    assert html.returncode == 0, html.stderr[-3000:]
    left_out = [line for line in html.stdout.splitlines() if "checks left out" in line]
    assert left_out == [
        "[html] checks left out: spelling (hunspell not found (install the "
        "Debian packages hunspell, hunspell-id, hunspell-en-us)); catalog "
        "syntax (msgfmt not found (Debian package gettext)). 'make po-check' "
        "runs them; 'make system-deps' installs their tools"
    ], html.stdout
    assert "Empowerment" in (clone / "_build/html/en/pemberdayaan.html").read_text("utf-8")
    check = run("make po-check")
    assert check.returncode != 0
    assert (
        "install them with:  sudo apt-get install --no-install-recommends gettext "
        "hunspell hunspell-id hunspell-en-us"
    ) in check.stderr
    strict = run(".venv/bin/textbook-build html --all-checks")
    assert (
        strict.returncode == 2 and "Install their tools with 'make system-deps'" in strict.stderr
    ), strict.stderr
    assert changed(clone) == []
    shutil.rmtree(clone / "_build")  # README's commands make what they promise themselves
    for document in DOCUMENTS:
        run_documented(document, clone, full)
