"""The command line (see the package docstring)."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import os
import sys
from pathlib import Path

from textbook.editions import EditionsError

from . import __doc__ as DOC
from .chapters import list_chapters
from .coursepack import PAPER, build_coursepack
from .editions import build_book, build_html, declared
from .errors import describe, os_error_in
from .lock import Busy, build_lock
from .project import BuildError, Project, check_environment, source_date_epoch, tool_checks
from .public import check_publish
from .publish import recover
from .runner import Interrupted, forwarding_signals

PUBLISHED = ["html", "pdf", "epub"]


def run(project: Project, args) -> int:
    available = project.languages()
    try:
        langs = args.langs or list(declared(project).released)
    except EditionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    unknown = [lang for lang in langs if lang not in available]
    if unknown:
        hints = "".join(
            f" ('{code}': did you mean '{m[0]}'?)"
            for code in unknown
            if (m := difflib.get_close_matches(code, available, n=1, cutoff=0.5))
        )
        print(
            f"error: unknown language(s) {', '.join(unknown)}{hints}; the book has "
            f"{' '.join(available)} (a new translation starts with "
            f"'make add-language NEW_LANG=xx')",
            file=sys.stderr,
        )
        return 2
    if args.format == "chapters":
        return list_chapters(project, langs)
    if args.format == "release":
        from .release import release

        return release(project, args.edition or "")
    quick = {
        "--chapters": args.chapters,
        "--langs": args.langs,
        "--sides": args.sides,
        "--layout": args.layout,
        "--paper": args.paper,
        "--handout": args.handout,
    }
    if args.format == "coursepack" and args.pack and any(quick.values()):
        given = " ".join(option for option, value in quick.items() if value)
        print(
            f"error: {given} with --pack: the pack file {args.pack} holds the chapters, "
            f"languages, sides, layout, paper and handout; give the pack file alone, or "
            f"those options without it",
            file=sys.stderr,
        )
        return 2
    if args.format == "coursepack" and args.pack:
        from textbook.inputs import InputError

        from .packfile import load_pack

        chapters = sorted(p.stem for p in project.source.glob("*.md") if p.stem != "index")
        try:
            pack = load_pack(Path(args.pack), chapters, available, project.source)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return build_coursepack(project, langs, [], pack=pack)
    if args.format == "coursepack" and not args.chapters:
        print(
            "error: a course pack needs a pack file (make coursepack "
            "PACK=coursepacks/<name>.yaml) or its chapters (make coursepack "
            'CHAPTERS="pemberdayaan model-intervensi"; make chapters lists them)',
            file=sys.stderr,
        )
        return 2
    if args.format == "coursepack":
        return build_coursepack(
            project,
            langs,
            args.chapters,
            sides=args.sides or "two",
            layout=args.layout or "sequential",
            paper=args.paper or "a4",
            handout=args.handout,
        )
    if args.format == "html":
        return build_html(project, langs)
    return build_book(project, args.format, langs, sides=args.sides or "two")


def main(argv: list[str] | None = None, project: Project | None = None) -> int:
    parser = argparse.ArgumentParser(prog="textbook-build", description=DOC.splitlines()[0])
    parser.add_argument(
        "format", choices=["html", "pdf", "epub", "coursepack", "chapters", "release"]
    )
    parser.add_argument("--edition", default=None, help="release: the edition number X.Y")
    parser.add_argument("--langs", nargs="+", default=None)
    parser.add_argument(
        "--chapters", nargs="+", default=[], help="coursepack: chapter file names without .md"
    )
    parser.add_argument(
        "--pack", default="", help="coursepack: a pack file (coursepacks/<name>.yaml)"
    )
    parser.add_argument(
        "--sides",
        choices=["one", "two"],
        default=None,
        help="pdf, coursepack: printed on one side or both (default two; "
        "a one-sided book goes to _build/pdf-oneside/)",
    )
    parser.add_argument(
        "--layout",
        choices=["sequential", "parallel"],
        default=None,
        help="coursepack: languages one after the other, or on facing pages",
    )
    parser.add_argument(
        "--paper", choices=list(PAPER), default=None, help="coursepack: paper size (the book: a4)"
    )
    parser.add_argument(
        "--handout", action="store_true", help="coursepack: one title block, no contents page"
    )
    parser.add_argument(
        "--no-wait",
        action="store_true",
        help="refuse to start while another build of this checkout runs",
    )
    parser.add_argument(
        "--all-checks",
        action="store_true",
        help="refuse to build when a check's tool is missing (publishing)",
    )
    args = parser.parse_args(argv)
    project = project or Project()
    try:  # checked before anything reads a language's profile
        declared(project)
    except EditionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.format in (*PUBLISHED, "coursepack"):
        missing = tool_checks()
        said = "; ".join(f"{check} ({why})" for _, check, why in missing)
        if missing and args.all_checks:
            print(
                f"error: a published build runs every check, and these cannot run here: "
                f"{said}. Install their tools with 'make system-deps' (as root)",
                file=sys.stderr,
            )
            return 2
        if missing:
            print(
                f"[{args.format}] checks left out: {said}. 'make po-check' runs them; "
                f"'make system-deps' installs their tools",
                flush=True,
            )
        project = dataclasses.replace(project, left_out=tuple(s for s, _, _ in missing))
    try:
        check_environment(dict(os.environ))
        source_date_epoch(project.root)
        check_publish(project, dict(os.environ))
        with forwarding_signals(), build_lock(project.build, wait=not args.no_wait):
            recover(project.build, PUBLISHED)
            return run(project, args)
    except (BuildError, Busy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Interrupted as exc:
        print(
            f"[build] interrupted ({exc}); the published output is unchanged and the "
            f"next build starts afresh where this one stopped",
            file=sys.stderr,
        )
        return 128 + exc.signum
    except OSError as exc:  # includes shutil.Error
        found = os_error_in(exc)
        if found is None:
            raise
        print(f"{describe(found)}; the published output is unchanged", file=sys.stderr)
        return 1
