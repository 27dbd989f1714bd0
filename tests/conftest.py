from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

pytest_plugins = ("sphinx.testing.fixtures",)

collect_ignore = ["roots"]


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
            proc = subprocess.run(
                [sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "-n",
                 "-q", "-D", f"language={lang}", "-d", str(out / ".doctrees"),
                 "-c", str(ROOT), str(ROOT / "source"), str(out / "out")],
                capture_output=True, text=True)
            cache[lang, builder] = (out / "out", proc)
        return cache[lang, builder]

    return build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Both editions as published (``<tmp>/{id,en}/`` and the root files)."""
    from textbook.html_check import build_site
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_server(site):
    """The built site served on 127.0.0.1; yields its base URL."""
    from textbook.html_check import serve
    with serve(site) as url:
        yield url
