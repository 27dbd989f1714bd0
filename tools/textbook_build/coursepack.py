"""Course packs: chosen chapters in one PDF; with several languages one volume,
a part each (``volume.py``).

``make_source`` writes a small Sphinx source folder whose root document lists
the chosen chapters (the chapter files and the data are copied with their times,
so document names and catalogs stay the same; a link would not be read,
textbook/input_check.py); the build prints only those chapters and the references
they cite (``-D textbook_print_chapters=...``, textbook/latex/layout.py). Chapters
keep the book's numbers (``\\setcounter`` before each). This module then runs the
builds, joins them (``volume.py``) and publishes."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
from pathlib import Path

from . import accessible
from . import latexmk as tex
from .project import SPHINX_FLAGS, Project, source_date_epoch
from .runner import run_sphinx
from .volume import CoursepackError, merge, merge_facing

TOCTREE_RE = re.compile(r"^(`{3,}|:{3,})\{toctree\}[^\n]*\n(.*?)^\1[ \t]*$", re.M | re.S)


def book_numbers(index: Path) -> dict[str, int]:
    """Chapter numbers of the book: the entries of the numbered toctrees of ``index``."""
    numbers: dict[str, int] = {}
    for match in TOCTREE_RE.finditer(index.read_text(encoding="utf-8")):
        lines = [line.strip() for line in match.group(2).splitlines()]
        if ":numbered:" not in {line.split(" ")[0] for line in lines}:
            continue
        for line in lines:
            if line and not line.startswith(":"):
                numbers.setdefault(line, len(numbers) + 1)
    return numbers


REFERENCES_ONLY = (
    "%s holds only the references, which every pack prints after its "
    "chapters; choose at least one chapter ('make chapters' lists them)"
)


def references_only(source: Path, chapters: list[str]) -> bool:
    """Whether every one of ``chapters`` is a references chapter (a bibliography)."""
    return all(
        "{bibliography}" in (source / f"{c}.md").read_text(encoding="utf-8") for c in chapters
    )


def make_source(source: Path, target: Path, chapters: list[str]) -> None:
    """Write ``target``: an ``index.md`` with a toctree of ``chapters``, plus links.

    Each chapter numbered in the book is preceded by a LaTeX ``\\setcounter`` so that
    it keeps the book's number (chapter 3 stays chapter 3 in a pack of two).
    """
    known = sorted(p.stem for p in source.glob("*.md") if p.stem != "index")
    unknown = [c for c in chapters if c not in known]
    if not chapters or unknown:
        hints = "".join(
            f" ('{c}': did you mean '{m[0]}'?)"
            for c in unknown
            if (m := difflib.get_close_matches(c, known, n=1))
        )
        raise CoursepackError(
            f"unknown chapter(s): {' '.join(unknown) or '(none given)'}{hints}; "
            f"choose from: {' '.join(known)} ('make chapters' lists their titles)"
        )
    repeated = sorted({c for c in chapters if chapters.count(c) > 1})
    if repeated:
        raise CoursepackError(f"chapter(s) named more than once: {' '.join(repeated)}")
    if references_only(source, chapters):
        raise CoursepackError(REFERENCES_ONLY % " ".join(chapters))
    if target.exists():
        for child in target.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    # Every chapter is read (references to the others keep their titles); only the
    # chosen ones are printed (config textbook_print_chapters, see latex.py).
    for name in known:
        shutil.copy2(source / f"{name}.md", target / f"{name}.md", follow_symlinks=False)
    for extra in ("data",):
        if (source / extra).exists():
            shutil.copytree(source / extra, target / extra, symlinks=True)
    rest = [name for name in known if name not in chapters]
    numbers = book_numbers(source / "index.md")
    text = "# Course pack\n"  # (not printed nor translated: UntranslatedRootTitle)
    for name in chapters:
        if name in numbers:
            text += "\n```{raw} latex\n\\setcounter{chapter}{%d}\n```\n" % (numbers[name] - 1)
        # the book's appendix (not numbered there) stays an appendix (layout.appendices)
        text += (
            "\n```{toctree}\n"
            + (":numbered:\n" if name in numbers else "")
            + "\n"
            + name
            + "\n```\n"
        )
    if rest:
        text += "\n```{toctree}\n:hidden:\n\n" + "\n".join(rest) + "\n```\n"
    (target / "index.md").write_text(text, encoding="utf-8")


def pack_name(project: Project, chapters: list[str], langs: list[str]) -> str:
    return f"{project.download_basename()}-{'-'.join(chapters)}-{'-'.join(langs)}"


ONE_SIDED = ["-D", "latex_elements.extraclassoptions=openany,oneside"]


PAPER = {"a4": "a4paper", "a5": "a5paper", "letter": "letterpaper"}


def sphinx_args(
    project: Project,
    lang: str,
    chapters: list[str],
    sides: str = "two",
    paper: str = "a4",
    title_page: str = "",
    facing: bool = False,
    handout: bool = False,
) -> list[str]:
    stage = project.stage("coursepack")
    return [
        *(ONE_SIDED if sides == "one" else []),
        *(["-D", "textbook_facing=1"] if facing else []),
        *(["-D", "textbook_handout=1"] if handout else []),
        "-D",
        f"latex_elements.papersize={PAPER[paper]}",
        *(["-D", f"textbook_pack_title_page={title_page}"] if title_page else []),
        "-b",
        "latex",
        *SPHINX_FLAGS,
        "-D",
        f"language={lang}",
        "-D",
        "latex_elements.tableofcontents="
        r"\sphinxtableofcontents",
        "-D",
        f"textbook_print_chapters={','.join(chapters)}",
        # the chapters are the book's (spell-checked there); the generated
        # index.md holds LaTeX, not words
        "-D",
        "textbook_spelling=0",
        *[arg for setting in project.left_out for arg in ("-D", f"{setting}=0")],
        "-d",
        str(stage / "doctrees" / lang),
        "-c",
        str(project.root),
        str(stage / "source"),
        str(stage / lang),
    ]


def build_coursepack(  # noqa: C901 (one step per output)
    project: Project,
    langs: list[str],
    chapters: list[str],
    sides: str = "two",
    pack=None,
    layout: str = "sequential",
    handout: bool = False,
    paper: str = "a4",
) -> int:
    """``pack``: a :class:`packfile.Pack` (its chapters, languages, paper, title page,
    layout and handout; it overrides the other arguments)."""
    title_page, facing = "", layout == "parallel"
    if facing and len(langs) != 2:
        print(
            f"error: LAYOUT=parallel sets two languages on facing pages (the first on the "
            f"left); LANGS has {len(langs)}: {' '.join(langs)}",
            file=sys.stderr,
        )
        return 2
    if pack is not None:
        langs, chapters, sides, paper = pack.languages, pack.chapters, pack.sides, pack.paper
        facing, handout = pack.layout == "parallel", pack.handout
    stage, base = project.stage("coursepack"), project.download_basename()
    published = project.published("coursepack")
    try:
        make_source(project.source, stage / "source", chapters)
    except CoursepackError as exc:
        print(f"error: CHAPTERS: {exc}", file=sys.stderr)
        return 2
    made_for = pack.title_page.get("edition") if pack is not None else None
    if made_for and made_for != (this := project.config()["release"]):
        print(
            f"[coursepack] note: the pack file names edition {made_for}; this book is "
            f"edition {this}: check the pack's chapters against the changelog",
            flush=True,
        )
    if pack is not None and pack.title_page:
        title_page = str(pack.write_title_page(stage / "title-page.json"))
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(project.root))
    texs = {}
    for lang in langs:
        outdir = stage / lang
        print(f"[coursepack:{lang}] building", flush=True)
        if (
            run_sphinx(
                project,
                sphinx_args(project, lang, chapters, sides, paper, title_page, facing, handout),
                env,
            )
            != 0
        ):
            print(f"[coursepack:{lang}] FAILED; {published} is unchanged", file=sys.stderr)
            shutil.rmtree(outdir, ignore_errors=True)
            return 1
        texs[lang] = outdir / f"{base}.tex"
    name = (
        pack.name
        if pack is not None
        else (
            pack_name(project, chapters, langs)
            + ("-facing" if facing else "")
            + ("-handout" if handout else "")
        )
    )
    texdir = stage / langs[0]
    if len(langs) > 1:
        try:
            volume = (merge_facing if facing else merge)(texs)
        except CoursepackError as exc:
            print(f"error: {exc}; {published} is unchanged", file=sys.stderr)
            return 1
        (texdir / f"{name}.tex").write_text(volume, encoding="utf-8")
    else:
        shutil.copy2(texs[langs[0]], texdir / f"{name}.tex")
    if tex.latexmk(texdir, f"{name}.tex", "coursepack", env["SOURCE_DATE_EPOCH"]) != 0:
        return 1
    # beside it, one accessible PDF (PDF/UA-1) per language
    title = pack.title_page.get("title", "") if pack is not None else ""
    source = stage / "accessible" / "source"
    accessible.pack_source(stage / "source", source, chapters)
    made = {}
    for lang in langs:
        page = stage / "accessible" / lang
        made[lang] = page / ((f"{name}-{lang}" if len(langs) > 1 else name) + accessible.SUFFIX)
        args = [
            "-b",
            "singlehtml",
            *SPHINX_FLAGS,
            "-D",
            f"language={lang}",
            *accessible.sphinx_options(),
            *accessible.PACK_OPTIONS,
            "-d",
            str(stage / "doctrees" / f"single-{lang}"),
            *[arg for setting in project.left_out for arg in ("-D", f"{setting}=0")],
            "-c",
            str(project.root),
            str(source),
            str(page),
        ]
        print(f"[coursepack:{lang}] accessible PDF", flush=True)
        if (
            run_sphinx(project, args, env) != 0
            or accessible.render(
                page / "index.html",
                made[lang],
                f"coursepack:{lang}",
                title,
                pack=pack.title_page if pack is not None else {},
            )
            != 0
        ):
            print(f"[coursepack:{lang}] FAILED; {published} is unchanged", file=sys.stderr)
            return 1
    # other course packs stay; this one's files are each replaced in one rename
    target = published / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    for built in [texdir / f"{name}.pdf", *made.values()]:
        shutil.copy2(built, published / f"{built.name}.new")
        os.replace(published / f"{built.name}.new", published / built.name)
    print(f"[coursepack] published {target} and {', '.join(path.name for path in made.values())}")
    return 0
