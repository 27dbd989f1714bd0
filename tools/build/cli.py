"""The command line (see the package docstring)."""
from __future__ import annotations

import argparse
import sys

from . import __doc__ as DOC
from .coursepack import build_coursepack
from .editions import build_book, build_html, declared
from textbook.editions import EditionsError
from .project import Project


def main(argv: list[str] | None = None, project: Project | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build", description=DOC.splitlines()[0])
    parser.add_argument("format", choices=["html", "pdf", "epub", "coursepack"])
    parser.add_argument("--langs", nargs="+", default=None)
    parser.add_argument("--chapters", nargs="+", default=[],
                        help="coursepack: chapter file names without .md")
    args = parser.parse_args(argv)
    project = project or Project()
    available = project.languages()
    try:
        langs = args.langs or list(declared(project).released)
    except EditionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    unknown = [lang for lang in langs if lang not in available]
    if unknown:
        print(f"error: no catalogs for {', '.join(unknown)} in locales/ "
              f"(run 'make add-language NEW_LANG=xx')", file=sys.stderr)
        return 2
    if args.format == "coursepack":
        return build_coursepack(project, langs, args.chapters)
    if args.format == "html":
        return build_html(project, langs)
    return build_book(project, args.format, langs)
