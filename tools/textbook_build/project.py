"""The project being built: its folders, what a build reads, its date and configuration."""

from __future__ import annotations

import functools
import runpy
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from textbook.languages import SOURCE_LANGUAGE


def find_root(start: Path | None = None) -> Path:
    """The checkout being built: the nearest folder, from the working directory up,
    holding ``conf.py`` and ``locales/languages.yaml`` (the code may be installed)."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "conf.py").is_file() and (folder / "locales" / "languages.yaml").is_file():
            return folder
    raise SystemExit(
        f"{here}: not inside a checkout of the book (no conf.py beside "
        "locales/languages.yaml); run the command in the project's folder"
    )


ROOT = find_root()
SPHINX_FLAGS = ["-W", "--keep-going", "-n", "-q"]  # every build of the book uses these

# Code: a change here may alter every page, so the next build starts afresh.
CODE_INPUTS = ["conf.py", "pyproject.toml", "tools"]
# Content: Sphinx notices these changes itself and rewrites the pages concerned.
CONTENT_INPUTS = ["bibliography.bib", "source"]  # + locales/<lang>
NOT_INPUTS = {"__pycache__", ".mo", ".pyc"}  # .mo files are written by Sphinx
OUTPUT_ENV = ("TEXTBOOK_", "READTHEDOCS")  # environment variables read by conf.py


@dataclass(frozen=True)
class Project:
    """A checkout (``root``) and the folder its builds write (``build``, default
    ``<root>/_build``). Every function of the package takes one."""

    root: Path = ROOT
    build: Path = field(default=None)  # type: ignore[assignment]
    left_out: tuple[str, ...] = ()  # settings of checks whose tools are missing (tool_checks)

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))
        object.__setattr__(self, "build", Path(self.build) if self.build else self.root / "_build")

    @property
    def source(self) -> Path:
        return self.root / "source"

    def published(self, fmt: str) -> Path:
        return self.build / fmt

    def stage(self, fmt: str) -> Path:
        return self.build / "stage" / fmt

    def doctrees(self, builder: str, lang: str) -> Path:
        return self.build / "doctrees" / builder / lang  # html doctrees break the LaTeX build

    def stamp(self, builder: str, lang: str) -> Path:
        return self.build / "fingerprints" / f"{builder}-{lang}"

    def languages(self) -> list[str]:
        """The source language and every language with catalogs in ``locales/``."""
        return [SOURCE_LANGUAGE] + sorted(
            p.name
            for p in (self.root / "locales").iterdir()
            if (p / "LC_MESSAGES").is_dir() and p.name != SOURCE_LANGUAGE
        )

    def config(self) -> dict:
        """conf.py's settings (run with the current environment)."""
        return _config(self.root / "conf.py")

    def download_basename(self) -> str:
        return self.config()["textbook_download_basename"]


def _config(conf: Path) -> dict:
    return runpy.run_path(str(conf))


def tool_checks() -> list[tuple[str, str, str]]:
    """The build's checks that cannot run here: ``(setting, check, why)``."""
    from textbook.i18n import spelling

    checks = [
        ("textbook_spelling", "spelling", spelling.missing()),
        (
            "textbook_msgfmt",
            "catalog syntax",
            None if shutil.which("msgfmt") else "msgfmt not found (Debian package gettext)",
        ),
    ]
    return [(setting, check, why) for setting, check, why in checks if why]


class BuildError(Exception):
    """A problem with the build's settings: printed as one ``error:`` line."""


def source_date_epoch(root: Path = ROOT) -> str:
    """``SOURCE_DATE_EPOCH`` as the build passes it on (read in textbook/edition.py)."""
    from textbook.edition import DATE_FILE, EditionError
    from textbook.edition import source_date_epoch as read

    try:
        epoch = read(root)
    except EditionError as exc:
        raise BuildError(str(exc)) from None
    if epoch is None:
        raise BuildError(
            f"no date for the book: {root} is neither a git checkout nor a "
            f"release archive made with `git archive` ({DATE_FILE} unfilled); "
            f"set SOURCE_DATE_EPOCH=<seconds since 1970>"
        )
    return str(epoch)


def _check_url(name: str, value: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if (
        any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value)
        or parts.scheme not in ("http", "https")
        or not parts.netloc
        or parts.query
        or parts.fragment
        or any(c in value for c in "<>\"'`")
    ):
        raise BuildError(
            f"{name}={value!r}: must be an absolute http(s) URL of the site's "
            f"root, without spaces, quotes, query or fragment "
            f"(e.g. https://example.org/buku/)"
        )


# Every TEXTBOOK_* environment variable the build or conf.py reads, with its check.
ENVIRONMENT = {
    "TEXTBOOK_SITE_URL": _check_url,
    "TEXTBOOK_PUBLISH": lambda name, value: None,  # build/public.py
    "TEXTBOOK_FULL_SUITE": lambda name, value: None,
}  # read by the tests only
URL_FALLBACKS = ("READTHEDOCS_CANONICAL_URL",)  # read by conf.py after TEXTBOOK_SITE_URL


def check_environment(env: dict[str, str]) -> None:
    """Refuse unknown or malformed ``TEXTBOOK_*`` settings before any build starts."""
    for name in sorted(env):
        if name.startswith("TEXTBOOK_") and name not in ENVIRONMENT:
            raise BuildError(f"{name}: unknown setting (known: {', '.join(ENVIRONMENT)})")
    for name, check in ENVIRONMENT.items():
        if env.get(name):
            check(name, env[name])
    for name in URL_FALLBACKS:
        if env.get(name) and not env.get("TEXTBOOK_SITE_URL"):
            _check_url(name, env[name])


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy what a build reads (code, content, catalogs) into ``dest``, a project of its own."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "_build")
    for part in [*CODE_INPUTS, *CONTENT_INPUTS, "locales"]:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@functools.cache
def installed_packages() -> list[str]:
    """Names of the installed distributions (``name-version.dist-info``)."""
    import sys

    return sorted(
        p.name
        for entry in sys.path
        if Path(entry or ".").is_dir()
        for p in Path(entry or ".").glob("*.dist-info")
    )
