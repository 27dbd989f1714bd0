"""Test tiers: the markers, and the checks that keep them honest.

- A test that uses a fixture needing a tier's tools must carry that tier's marker
  (checked at collection).
- A test runs with stand-ins for the tools of the tiers it is not marked with first
  on PATH: calling one (directly or from a build it starts) fails and names the marker.
- ``make test`` sets TEXTBOOK_FULL_SUITE=1: then a skipped, xfailed or deselected test
  is an error, so the full suite can never pass by not running something.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

import pytest

# `make test-fast` runs the tests with none of these markers (Makefile: FAST_TIER).
TIERS = {
    "browser": "needs Chromium (Playwright), axe, the Nu checker (java) or Lighthouse",
    "print": "needs TeX (xelatex, latexmk) or the PDF tools (poppler-utils)",
    "epub": "needs epubcheck (java) or DAISY Ace",
    "slow": "over ~5 s of its own: builds a copy of the project, concurrency, kill tests",
}
FULL_SUITE = os.environ.get("TEXTBOOK_FULL_SUITE") == "1"

# fixture (tests/conftest.py, tests/test_browser.py) -> the marker its tests need
FIXTURE_TIERS = {
    "published": "print",
    "print_toolchain": "print",
    "epub_toolchain": "epub",
    "browser": "browser",
}

# program -> the markers whose tests may run it
PROGRAM_TIERS = {
    **dict.fromkeys(
        [
            "xelatex",
            "lualatex",
            "pdflatex",
            "latexmk",
            "kpsewhich",
            "xindy",
            "pdftotext",
            "pdffonts",
            "pdfinfo",
            "pdftoppm",
        ],
        {"print"},
    ),
    "epubcheck": {"epub"},
    "ace": {"epub"},
    "ace-puppeteer": {"epub"},
    "java": {"browser", "epub"},  # the Nu checker, epubcheck
    # DAISY Ace is a node program driving chromium
    **dict.fromkeys(["chromium", "node"], {"browser", "epub"}),
    **dict.fromkeys(["npx", "lighthouse"], {"browser"}),
}

STAND_IN_PREFIX = "tiers-"  # the folders of stand-ins
STAND_IN = """#!/bin/sh
echo "$(basename "$0") is not available to this test: mark it {markers} (tests/helpers/tiers.py)" >&2
exit 127
"""
_stand_ins: dict[frozenset, str] = {}  # allowed tiers -> folder


def pytest_configure(config):
    for name, description in TIERS.items():
        config.addinivalue_line("markers", f"{name}: {description}")


def pytest_unconfigure(config):
    for folder in _stand_ins.values():
        shutil.rmtree(folder, ignore_errors=True)


def tiers_of(item: pytest.Item) -> set[str]:
    return {mark.name for mark in item.iter_markers() if mark.name in TIERS}


def pytest_collection_modifyitems(config, items):
    wrong = []
    for item in items:
        needed = {
            FIXTURE_TIERS[f] for f in getattr(item, "fixturenames", ()) if f in FIXTURE_TIERS
        } - tiers_of(item)
        if needed:
            wrong.append(f"{item.nodeid}: mark it {', '.join(sorted(needed))}")
    if wrong:
        raise pytest.UsageError(
            "tests using a tier's fixtures without its marker:\n  " + "\n  ".join(wrong)
        )


def pytest_deselected(items):
    if FULL_SUITE and items:
        raise pytest.UsageError(
            f"`make test` runs every test; {len(items)} deselected "
            "(use `make test-fast` or call pytest directly)"
        )


def stand_in_dir(allowed: frozenset) -> str:
    """A folder of stand-ins for every program that ``allowed`` tiers may not run."""
    if allowed not in _stand_ins:
        folder = Path(tempfile.mkdtemp(prefix=STAND_IN_PREFIX))
        for program, tiers in PROGRAM_TIERS.items():
            if not tiers & allowed:
                path = folder / program
                path.write_text(STAND_IN.format(markers=" or ".join(sorted(tiers))))
                path.chmod(path.stat().st_mode | stat.S_IXUSR)
        _stand_ins[allowed] = str(folder)
    return _stand_ins[allowed]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    saved = os.environ.get("PATH", "")
    os.environ["PATH"] = stand_in_dir(frozenset(tiers_of(item))) + os.pathsep + saved
    try:
        yield
    finally:
        os.environ["PATH"] = saved


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if FULL_SUITE and (report.skipped or hasattr(report, "wasxfail")):
        reason = getattr(report, "wasxfail", "") or (
            report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        )
        report.outcome = "failed"
        report.longrepr = f"not run under `make test` (every test must run and pass): {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    report = outcome.get_result()
    if FULL_SUITE and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"module skipped under `make test`: {report.longrepr}"
