from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = ("sphinx.testing.fixtures", "helpers.tiers")  # tiers: the test markers

collect_ignore = ["roots"]


@pytest.fixture(scope="session", autouse=True)
def verdict_cache(tmp_path_factory):
    """The builds' catalog verdicts go to this run's folder, not the user's cache."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder))
        yield folder / "textbook" / "verdicts"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    from helpers.html_check import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """Build the real book once per language with the strict flags."""
    cache: dict[tuple[str, str], tuple[Path, subprocess.CompletedProcess]] = {}

    def build(lang: str = "id", builder: str = "html"):
        if (lang, builder) not in cache:
            out = tmp_path_factory.mktemp(f"{builder}-{lang}")
            from textbook_build import SPHINX_FLAGS  # the book's flags

            proc = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-b",
                    builder,
                    *SPHINX_FLAGS,
                    "-D",
                    f"language={lang}",
                    "-d",
                    str(out / ".doctrees"),
                    "-c",
                    str(ROOT),
                    str(ROOT / "source"),
                    str(out / "out"),
                ],
                capture_output=True,
                text=True,
            )
            cache[lang, builder] = (out / "out", proc)
        return cache[lang, builder]

    return build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Both editions as ``make html`` publishes them (``textbook-build html`` on a
    copy of the project; ``<tmp>/{id,en}/`` and the root files)."""
    from helpers.html_check import build_site

    return build_site(tmp_path_factory.mktemp("site") / "html")


@pytest.fixture(scope="session")
def site_server(site):
    """The built site served on 127.0.0.1; yields its base URL."""
    from helpers.html_check import serve

    with serve(site) as url:
        yield url


# Print and e-book tests need TeX and checkers from Debian; without them the suite
# fails with the command to run (never skips).
PRINT_TOOLS = {  # program or file -> Debian package
    "xelatex": "texlive-xetex",
    "latexmk": "latexmk",
    "xindy": "xindy",
    "kpsewhich:hyph-id.tex": "texlive-lang-other",
    "kpsewhich:phvr7t.tfm": "texlive-fonts-recommended",
    "/usr/share/fonts/opentype/freefont/FreeSerif.otf": "fonts-freefont-otf",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
}
EPUB_TOOLS = {"epubcheck": "epubcheck", "java": "openjdk-17-jre-headless"}


def require(tools: dict[str, str], tests: str) -> None:
    """Fail (never skip) naming the Debian packages of ``tools`` that are missing."""
    import shutil

    missing = set()
    for tool, package in tools.items():
        if tool.startswith("kpsewhich:"):
            found = (
                shutil.which("kpsewhich")
                and subprocess.run(
                    ["kpsewhich", tool.split(":", 1)[1]], capture_output=True
                ).returncode
                == 0
            )
        elif tool.startswith("/"):
            found = Path(tool).is_file()
        else:
            found = shutil.which(tool) is not None
        if not found:
            missing.add(package)
    if missing:
        pytest.fail(
            f"the {tests} tests need Debian packages that are missing: "
            f"{' '.join(sorted(missing))}\ninstall them with:\n  sudo apt-get install "
            f"--no-install-recommends {' '.join(sorted(missing))}\n"
            "(or run `sudo make system-deps`)",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def print_toolchain() -> None:
    require(PRINT_TOOLS, "PDF")


@pytest.fixture(scope="session")
def epub_toolchain() -> None:
    require(EPUB_TOOLS, "EPUB")


def build_into(build_dir: Path, *formats: str) -> dict[str, int]:
    """``textbook-build FORMAT`` (every language) for each format into ``build_dir``."""
    from textbook_build import Project
    from textbook_build.cli import main

    project = Project(build=build_dir)
    return {fmt: main([fmt], project) for fmt in formats}


@pytest.fixture(scope="session")
def published(tmp_path_factory, print_toolchain):
    """textbook-build pdf, epub and html (every language) into a temporary _build/."""
    build_dir = tmp_path_factory.mktemp("published") / "_build"
    return build_dir, build_into(build_dir, "pdf", "epub", "html")


@pytest.fixture(scope="session")
def published_epub(tmp_path_factory):
    """textbook-build epub (every language) into a temporary _build/: no TeX needed."""
    build_dir = tmp_path_factory.mktemp("published-epub") / "_build"
    return build_dir, build_into(build_dir, "epub")
