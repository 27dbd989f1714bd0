"""Fingerprints of everything a build reads: a build whose inputs did not change
since its last success is skipped."""

from __future__ import annotations

import hashlib
import sys

from textbook.config import SETTINGS

from .project import (
    CODE_INPUTS,
    CONTENT_INPUTS,
    NOT_INPUTS,
    OUTPUT_ENV,
    Project,
    installed_packages,
)


def _hash_files(h, project: Project, names: list[str]) -> None:
    for name in names:
        top = project.root / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            if path.is_file() and not NOT_INPUTS & {path.suffix, *path.parts}:
                h.update(path.relative_to(project.root).as_posix().encode() + b"\0")
                h.update(hashlib.sha256(path.read_bytes()).digest())


def fingerprint(
    project: Project, cmd: list[str], env: dict[str, str], lang: str, every_catalog: bool = False
) -> tuple[str, str]:
    """(code, content): sha256 of all a build reads. Code: the command, the date,
    the environment variables the configuration reads, Python, the installed
    packages, conf.py and tools/. Content: the sources, bibliography and catalogs
    (``lang``'s, or ``every_catalog``: the website's parallel view reads the others),
    and the ``-D`` values that only change how pages are written: Sphinx rewrites
    every page when one changes, from the doctrees it keeps (the download links
    after a PDF is published)."""
    cmd, pages = _pages_only(cmd)
    output_env = sorted((k, v) for k, v in env.items() if k.startswith(OUTPUT_ENV))
    code = hashlib.sha256(repr((cmd, env["SOURCE_DATE_EPOCH"], output_env, sys.version)).encode())
    code.update(repr(installed_packages()).encode())
    _hash_files(code, project, CODE_INPUTS)
    content = hashlib.sha256(repr(pages).encode())
    catalogs = "locales" if every_catalog else f"locales/{lang}"
    _hash_files(content, project, [*CONTENT_INPUTS, catalogs])
    return code.hexdigest(), content.hexdigest()


PAGES_ONLY = {s.name for s in SETTINGS if s.rebuild == "html"}


def _pages_only(cmd: list[str]) -> tuple[list[str], list[str]]:
    """``cmd`` without its ``-D`` values of settings that Sphinx rebuilds as "html", and those."""
    rest, pages, args = [], [], iter(cmd)
    for arg in args:
        value = next(args, "") if arg == "-D" else ""
        if value.partition("=")[0] in PAGES_ONLY:
            pages.append(value)
        else:
            rest.extend([arg, value] if arg == "-D" else [arg])
    return rest, pages
