"""Course packs: chosen chapters, one or more languages, one PDF.

``make_source`` writes a small Sphinx source folder whose root document lists
the chosen chapters (the chapter files and the data are symlinked, so document
names and catalogs stay the same); the build prints only those chapters and the
references they cite (``-D textbook_print_chapters=...``, see latex.py).
``merge`` joins the LaTeX files of several single-language builds into one
volume: the first language's preamble, title page and one table of contents,
then one part per language, each switched to its own polyglossia language
(hyphenation, chapter names) with its labels made unique.
"""
from __future__ import annotations

import re
from pathlib import Path

from .latex import words


class CoursepackError(Exception):
    pass


def make_source(source: Path, target: Path, chapters: list[str]) -> None:
    """Write ``target``: an ``index.md`` with a toctree of ``chapters``, plus links."""
    known = sorted(p.stem for p in source.glob("*.md") if p.stem != "index")
    unknown = [c for c in chapters if c not in known]
    if not chapters or unknown:
        raise CoursepackError(
            f"unknown chapter(s): {' '.join(unknown) or '(none given)'}; "
            f"choose from: {' '.join(known)}")
    if target.exists():
        for child in target.iterdir():
            child.unlink()
    target.mkdir(parents=True, exist_ok=True)
    # Every chapter is read (references to the others keep their titles); only the
    # chosen ones are printed (config textbook_print_chapters, see latex.py).
    for name in known:
        (target / f"{name}.md").symlink_to(source / f"{name}.md")
    for extra in ("data",):
        if (source / extra).exists():
            (target / extra).symlink_to(source / extra)
    rest = [name for name in known if name not in chapters]
    text = "# Course pack\n\n```{toctree}\n:numbered:\n\n" + "\n".join(chapters) + "\n```\n"
    if rest:
        text += "\n```{toctree}\n:hidden:\n\n" + "\n".join(rest) + "\n```\n"
    (target / "index.md").write_text(text, encoding="utf-8")


BEGIN_BODY = "\\pagestyle{normal}\n"
END_BODY = "\\renewcommand{\\indexname}"
LABEL_RE = re.compile(r"(\\detokenize\{|\\hyperlink\{cite\.|\\bibitem\[[^\]]*\]\{)")


def split(tex: str, path: Path) -> tuple[str, str, str]:
    """``(preamble and front matter, body, end)`` of a Sphinx LaTeX file."""
    start = tex.find(BEGIN_BODY, tex.find("\\sphinxtableofcontents"))
    end = tex.rfind(END_BODY)
    if "\\sphinxtableofcontents" not in tex or start < 0 or end < start:
        raise CoursepackError(f"{path}: not a Sphinx manual (markers not found)")
    start += len(BEGIN_BODY)
    return tex[:start], tex[start:end], tex[end:]


def prefix_labels(body: str, lang: str) -> str:
    """Make every label, reference and citation key of one language's part unique."""
    return LABEL_RE.sub(lambda m: m.group(1) + f"{lang}/", body)


COURSEPACK_PREAMBLE = r"""
% -- textbook: course pack (one part per language) ----------------------------
\makeatletter
\@addtoreset{chapter}{part}
\renewcommand\theHchapter{\thepart.\arabic{chapter}}
\makeatother
"""


def merge(texs: dict[str, Path]) -> str:
    """One LaTeX document from the single-language ``texs`` (language -> .tex)."""
    parts = []
    head = tail = ""
    for index, (lang, path) in enumerate(texs.items()):
        front, body, end = split(path.read_text(encoding="utf-8"), path)
        if index == 0:
            head, tail = front, end
        w = words(lang)
        parts.append(
            f"\n\\selectlanguage{{{w['polyglossia']}}}"
            f"\\renewcommand\\textbookbibname{{{w['references']}}}\n"
            f"\\part{{{w['part']}}}\n" + prefix_labels(body, lang))
    head = head.replace("\\begin{document}", COURSEPACK_PREAMBLE + "\\begin{document}", 1)
    return head + "".join(parts) + "\n" + tail
