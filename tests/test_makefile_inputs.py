"""Makefile variables never reach a shell as code; the add-language variable is not LANG."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def make(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # -o: never (re)install the virtualenv from a test
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, **(env or {})),
    )


@pytest.mark.parametrize(
    "assignment",
    [
        "LANGS=id en; touch {x}",
        "LANGS=id $(shell touch {x})",
        "CHAPTERS=a`touch {x}`",
        "SERVE_LANG=id&&touch {x}",
        "NEW_LANG=fr|touch {x}",
        "VENV=.venv;touch {x}",
        "LAYOUT=parallel;touch {x}",
    ],
)
def test_a_variable_with_shell_code_stops_make_and_runs_nothing(assignment, tmp_path):
    marker = tmp_path / "pwned"
    name = assignment.split("=")[0]
    proc = make("html", assignment.format(x=marker))
    assert proc.returncode != 0
    assert f"{name}=" in proc.stderr and "only letters, digits" in proc.stderr
    assert not marker.exists()


def test_lang_on_the_command_line_is_refused_for_add_language():
    proc = make("add-language", "LANG=de")
    assert proc.returncode != 0
    assert "LANG is the locale variable: use make add-language NEW_LANG=xx" in proc.stderr
    assert not (ROOT / "locales" / "de").exists()


def test_the_locale_variable_does_not_pick_the_new_language():
    proc = make("add-language", env={"LANG": "de"})
    assert proc.returncode != 0
    assert "usage: make add-language NEW_LANG=xx" in proc.stderr
    assert not (ROOT / "locales" / "de").exists()


@pytest.mark.parametrize(
    "assignments, message",
    [
        (["CHAPTERS=pemberdayaan", "PAPER=a3"], "argument --paper: invalid choice: 'a3'"),
        (["CHAPTERS=pemberdayaan", "SIDES=three"], "argument --sides: invalid choice: 'three'"),
        (
            ["CHAPTERS=pemberdayaan", "LAYOUT=facing"],
            "argument --layout: invalid choice: 'facing'",
        ),
        (
            ["PAPRE=a5"],
            "PAPRE: make coursepack has no such variable; it takes PACK, or "
            "CHAPTERS LANGS SIDES LAYOUT PAPER",
        ),
        (
            ["PACK=coursepacks/contoh-pengantar.yaml", "CHAPTERS=pemberdayaan"],
            "--chapters with --pack: the pack file coursepacks/contoh-pengantar.yaml holds the chapters",
        ),
        (["PACK=coursepacks/contoh-pengantar.yaml", "PAPER=a5"], "--paper with --pack"),
        ([], "a course pack needs a pack file (make coursepack PACK=coursepacks/<name>.yaml)"),
    ],
)
def test_coursepack_refuses_what_it_would_ignore(assignments, message):
    """Run for real: textbook-build refuses before it builds anything."""
    proc = make("coursepack", *assignments)
    assert proc.returncode != 0 and message in proc.stderr, proc.stderr
    assert "[coursepack" not in proc.stdout
