"""The test tiers keep their promises (tests/helpers/tiers.py), checked on a tiny suite
run by pytest in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers.tiers import STAND_IN_PREFIX

TESTS = Path(__file__).resolve().parent

CONFTEST = """
import pytest
pytest_plugins = ("helpers.tiers",)

@pytest.fixture
def published():  # named like the real one: its tests need the print marker
    return None
"""


def run_suite(tmp_path: Path, tests: str, *args: str, full_suite: bool = False):
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers\n")
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_inner.py").write_text(
        "import os, shutil, subprocess, sys\nimport pytest\n\n" + tests
    )
    env = {k: v for k, v in os.environ.items() if k != "TEXTBOOK_FULL_SUITE"}
    # without this test's own stand-ins (it has no marker); no third-party plugins (speed)
    env["PATH"] = os.pathsep.join(
        p for p in env["PATH"].split(os.pathsep) if not Path(p).name.startswith(STAND_IN_PREFIX)
    )
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    env["PYTHONPATH"] = str(TESTS)  # helpers.tiers
    if full_suite:
        env["TEXTBOOK_FULL_SUITE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )


def test_a_tool_of_a_tier_fails_in_an_unmarked_test_and_its_subprocesses(tmp_path):
    proc = run_suite(
        tmp_path,
        """
def test_direct():
    subprocess.run(["pdftotext", "-v"], check=True)

def test_from_a_build():
    subprocess.run([sys.executable, "-c", "import subprocess; "
                    "subprocess.run(['latexmk', '-v'], check=True)"], check=True)
""",
    )
    assert proc.returncode == 1, proc.stdout
    assert "2 failed" in proc.stdout
    assert "pdftotext is not available to this test: mark it print" in proc.stdout
    assert "latexmk is not available to this test: mark it print" in proc.stdout


def test_a_marked_test_keeps_its_tools_and_loses_the_others(tmp_path):
    proc = run_suite(
        tmp_path,
        f"""
@pytest.mark.print
def test_print():
    stand_ins = os.path.dirname(shutil.which("java"))  # java: browser and epub only
    assert not os.path.exists(os.path.join(stand_ins, "xelatex"))
    assert os.path.exists(os.path.join(stand_ins, "chromium"))

@pytest.mark.epub
@pytest.mark.browser
def test_checkers():
    assert "{STAND_IN_PREFIX}" not in (shutil.which("java") or "")
""",
    )
    assert proc.returncode == 0, proc.stdout


def test_a_tier_fixture_without_its_marker_stops_the_run(tmp_path):
    proc = run_suite(
        tmp_path,
        """
def test_needs_the_books(published):
    pass

@pytest.mark.print
def test_marked(published):
    pass
""",
    )
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "test_inner.py::test_needs_the_books: mark it print" in proc.stderr
    assert "test_marked" not in proc.stderr


def test_full_suite_turns_skips_and_xfails_into_failures(tmp_path):
    tests = """
def test_skipped():
    pytest.skip("latexmk missing")

@pytest.mark.xfail(reason="known bug")
def test_xfailed():
    assert False

def test_passes():
    pass
"""
    assert run_suite(tmp_path, tests).returncode == 0
    proc = run_suite(tmp_path, tests, full_suite=True)
    assert proc.returncode == 1
    assert "2 failed, 1 passed" in proc.stdout, proc.stdout
    assert (
        "not run under `make test` (every test must run and pass): Skipped: latexmk "
        "missing" in proc.stdout
    )
    assert "known bug" in proc.stdout
    (tmp_path / "test_module.py").write_text(
        "import pytest\npytest.importorskip('no_such_checker')\n"
    )
    assert "1 skipped" in run_suite(tmp_path, tests, "test_module.py").stdout
    proc = run_suite(tmp_path, tests, "test_module.py", full_suite=True)
    assert proc.returncode == 2 and "1 error" in proc.stdout, proc.stdout
    assert "module skipped under `make test`: " in proc.stdout
    assert "no_such_checker" in proc.stdout


def test_full_suite_refuses_to_deselect(tmp_path):
    tests = """
@pytest.mark.slow
def test_slow():
    pass

def test_quick():
    pass
"""
    proc = run_suite(tmp_path, tests, "-m", "not slow")
    assert proc.returncode == 0 and "1 passed, 1 deselected" in proc.stdout, proc.stdout
    proc = run_suite(tmp_path, tests, "-m", "not slow", full_suite=True)
    assert proc.returncode == 4, proc.stdout + proc.stderr
    assert "`make test` runs every test; 1 deselected" in proc.stderr
