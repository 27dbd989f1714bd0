"""Measure the build's cost against the floor of what Sphinx itself needs.

    python tools/bench.py [--repeat 3] [--skip-pdf] [--keep]

Everything runs in a temporary folder on copies of the project, side by side
in one run, and the script prints ratios (lower is better) with their targets:

* clean bilingual HTML build / (2 x floor), floor = bare ``sphinx-build`` with
  only myst_parser over the same sources                          target <= 1.3
  (``_build`` removed; the catalog verdicts stored in the user's cache are kept, as
  they are on a contributor's machine: the cost without them is printed below it)
* no-change rebuild / clean build                                  target <= 0.5
* both PDFs / (2 x xelatex floor of a one-page Sphinx document)    target <= 2
* course pack of every chapter (id) / the id book PDF, both clean  target <= 2
* facing-page pack of every chapter (id|en) / the id book PDF      target <= 2
* generated 20x larger book / real book (clean bilingual HTML)     target <= 20
* first-load bytes of a chapter page (HTML + CSS + JS + fonts + images,
  uncompressed)                                                    target <= 100 KB

Times are CPU seconds (user + system) of the build processes and their
children, the minimum over ``--repeat`` rounds: on a shared machine wall-clock
time mostly measures the neighbours. Wall-clock minima are printed alongside.
``textbook-build`` waits for each build it forks, so RUSAGE_CHILDREN here
includes those grandchildren once it has exited.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from textbook_build import copy_project

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["id", "en"]
EPOCH = "1700000000"
SCALE = 20
CHAPTERS = ["pemberdayaan", "intervensi-makro", "model-intervensi", "catatan-editorial"]
LABELS = ["tabel-perbandingan-model", "perbandingan-tiga-model"]


# -- helpers -----------------------------------------------------------------


def env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


WALL: dict[str, list[float]] = {}


def timed(cmd: list[str], cwd: Path, check: bool = True, label: str = "") -> float:
    """CPU seconds of ``cmd`` and everything it starts (wall time kept in WALL)."""
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    # the copy's own code (PYTHONPATH), not the installed package
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        env=dict(env(), PYTHONPATH=str(cwd / "tools")),
        capture_output=True,
        text=True,
    )
    cpu, wall = _children_cpu() - cpu0, time.perf_counter() - wall0
    if check and proc.returncode != 0:
        sys.exit(
            f"bench: command failed ({proc.returncode}): {' '.join(cmd)}\n"
            f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    if label:
        WALL.setdefault(label, []).append(wall)
    return cpu


def pack_and_book(project: Path) -> tuple[float, float, float]:
    """CPU s of clean course packs of every chapter (id; id|en on facing pages) and of
    the matching one-language book PDF (id)."""

    def fresh() -> None:
        for sub in ("stage/pdf", "stage/coursepack", "doctrees", "fingerprints"):
            shutil.rmtree(project / "_build" / sub, ignore_errors=True)

    fresh()
    book = timed(
        [sys.executable, "-m", "textbook_build", "pdf", "--langs", "id"], project, label="id PDF"
    )
    fresh()
    pack = timed(
        [
            sys.executable,
            "-m",
            "textbook_build",
            "coursepack",
            "--chapters",
            *CHAPTERS,
            "--langs",
            "id",
        ],
        project,
        label="id pack",
    )
    fresh()
    facing = timed(
        [
            sys.executable,
            "-m",
            "textbook_build",
            "coursepack",
            "--chapters",
            *CHAPTERS,
            "--langs",
            "id",
            "en",
            "--layout",
            "parallel",
        ],
        project,
        label="facing pack",
    )
    return pack, facing, book


def build(project: Path, fmt: str = "html", label: str = "") -> float:
    return timed(
        [sys.executable, "-m", "textbook_build", fmt, "--langs", *LANGS], project, label=label
    )


def clean(project: Path) -> None:
    shutil.rmtree(project / "_build", ignore_errors=True)
    for mo in (project / "locales").rglob("*.mo"):
        mo.unlink()


# -- the floors --------------------------------------------------------------

BARE_CONF = """\
extensions = ["myst_parser"]
exclude_patterns = ["data"]
suppress_warnings = ["myst", "ref", "toc", "misc"]
html_theme = "basic"
"""

ONE_PAGE_CONF = """\
project = "Floor"
author = "Floor"
language = "id"
extensions = ["myst_parser"]
latex_engine = "xelatex"
latex_documents = [("index", "floor.tex", "Floor", "Floor", "manual")]
"""


def bare_floor(project: Path, scratch: Path) -> float:
    """One language: bare sphinx-build with only myst_parser over the same sources."""
    conf = scratch / "bare-conf"
    conf.mkdir(exist_ok=True)
    (conf / "conf.py").write_text(BARE_CONF, encoding="utf-8")
    out = scratch / "bare-out"
    shutil.rmtree(out, ignore_errors=True)
    return timed(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            "-c",
            str(conf),
            str(project / "source"),
            str(out),
        ],
        scratch,
        label="floor",
    )


def edition(project: Path, lang: str, scratch: Path) -> float:
    """One edition alone: sphinx-build with the book's flags, clean (for the breakdown)."""
    out = scratch / f"edition-{lang}"
    shutil.rmtree(out, ignore_errors=True)
    return timed(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-D",
            f"language={lang}",
            "-d",
            str(out / "doctrees"),
            "-c",
            str(project),
            str(project / "source"),
            str(out / "html"),
        ],
        project,
    )


def xelatex_floor(scratch: Path) -> float:
    """One PDF: a one-page Sphinx document through sphinx-build -M latexpdf (xelatex)."""
    src = scratch / "one-page"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir()
    (src / "conf.py").write_text(ONE_PAGE_CONF, encoding="utf-8")
    (src / "index.md").write_text("# Satu halaman\n\nSebuah paragraf.\n", encoding="utf-8")
    return timed(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(src), str(src / "_build"), "-q"],
        src,
        label="xelatex floor",
    )


# -- the generated book ------------------------------------------------------


def _rename(text: str, k: int) -> str:
    """Give copy ``k`` of a chapter its own document names and labels."""
    names = CHAPTERS + LABELS

    def target(m: re.Match) -> str:
        role, body = m.group(1), m.group(2)
        inner = re.match(r"^(.*<)([^<>]+)(>)$", body)
        name = inner.group(2) if inner else body
        if name in names:
            name = f"{name}-{k}"
        body = f"{inner.group(1)}{name}{inner.group(3)}" if inner else name
        return f"{{{role}}}`{body}`"

    text = re.sub(r"\{(doc|ref|numref)\}`([^`]+)`", target, text)
    for label in LABELS:
        text = re.sub(rf"^\({label}\)=", f"({label}-{k})=", text, flags=re.M)
        text = re.sub(rf"^:name: {label}$", f":name: {label}-{k}", text, flags=re.M)
    return text


def generate_book(project: Path, scale: int = SCALE) -> dict[str, int]:
    """Make the copy ``scale`` times larger (in words): numbered copies of every
    chapter with their own data file, catalog, labels and new references."""
    src = project / "source"
    po_dir = project / "locales" / "en" / "LC_MESSAGES"
    data = (src / "data" / "perbandingan-model.yaml").read_text(encoding="utf-8")
    bib = []
    new_docs = []
    target = scale * words(src)
    k = 1
    while words(src) < target:
        k += 1
        (src / "data" / f"perbandingan-model-{k}.yaml").write_text(
            f"# generated copy {k}\n" + data, encoding="utf-8"
        )
        for chapter in CHAPTERS:
            text = _rename((src / f"{chapter}.md").read_text(encoding="utf-8"), k)
            text = text.replace(
                "data/perbandingan-model.yaml", f"data/perbandingan-model-{k}.yaml"
            )
            if chapter != "catatan-editorial":
                keys = [f"gen{k}{chapter.replace('-', '')}{i}" for i in (1, 2)]
                text += (
                    f"\nRujukan tambahan {{cite:p}}`{keys[0]}` dan "
                    f"{{cite:t}}`{keys[1]}{{h. {k}}}`.\n"
                )
                for i, key in enumerate(keys, 1):
                    bib.append(
                        f"@book{{{key},\n  author = {{Penulis{k}{'abcd'[CHAPTERS.index(chapter)]}{i}, Nama}},\n"
                        f"  title = {{Judul Buku {k}.{i} tentang {chapter}}},\n"
                        f"  publisher = {{Penerbit {k}}},\n  address = {{Jakarta}},\n"
                        f"  year = {{{1990 + k}}},\n}}\n"
                    )
            (src / f"{chapter}-{k}.md").write_text(text, encoding="utf-8")
            po = po_dir / f"{chapter}.po"
            if po.is_file():
                (po_dir / f"{chapter}-{k}.po").write_text(
                    _rename(po.read_text(encoding="utf-8"), k).replace(
                        f"source/{chapter}.md", f"source/{chapter}-{k}.md"
                    ),
                    encoding="utf-8",
                )
            new_docs.append(f"{chapter}-{k}")
    with (project / "bibliography.bib").open("a", encoding="utf-8") as f:
        f.write("\n" + "\n".join(bib))
    index = src / "index.md"
    text = index.read_text(encoding="utf-8")
    extra = "\n".join(d for d in new_docs if not d.startswith("catatan-editorial"))
    text = text.replace("model-intervensi\n```", f"model-intervensi\n{extra}\n```", 1)
    appendix = "\n".join(d for d in new_docs if d.startswith("catatan-editorial"))
    text = text.replace("\ncatatan-editorial\n", f"\ncatatan-editorial\n{appendix}\n", 1)
    index.write_text(text, encoding="utf-8")
    return {"words": words(src), "copies": k}


def words(src: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in src.glob("*.md"))


# -- first-load bytes --------------------------------------------------------


def first_load(page: Path) -> tuple[int, dict[str, int]]:
    """Bytes a browser fetches to show ``page``: the HTML and what it references."""
    from bs4 import BeautifulSoup

    seen: dict[Path, int] = {page: page.stat().st_size}
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [
        t.get("href")
        for t in soup.find_all("link")
        if set(t.get("rel") or []) & {"stylesheet", "preload", "icon", "modulepreload"}
    ]
    refs += [
        t.get("src")
        for t in soup.find_all(["script", "img"])
        if t.get("src") and t.get("loading") != "lazy"
    ]
    queue = [(page.parent, r) for r in refs if r]
    while queue:
        base, ref = queue.pop()
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # external or data: URLs (data: are inside their file already)
        path = (base / unquote(parts.path)).resolve()
        if path in seen or not path.is_file():
            continue
        seen[path] = path.stat().st_size
        if path.suffix == ".css":
            css = path.read_text(encoding="utf-8", errors="replace")
            for m in re.finditer(
                r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", css
            ):
                target = m.group(1) or m.group(2)
                if not target.startswith("data:"):
                    queue.append((path.parent, target))
    by_kind: dict[str, int] = {}
    for path, size in seen.items():
        by_kind[path.suffix.lstrip(".") or "other"] = (
            by_kind.get(path.suffix.lstrip(".") or "other", 0) + size
        )
    return sum(seen.values()), by_kind


# -- main --------------------------------------------------------------------

MISSES: list[str] = []  # the rows over their target: make bench exits 1


def row(label: str, value: float, target: float, unit: str = "", detail: str = "") -> str:
    ok = "ok  " if value <= target else "MISS"
    if value > target:
        MISSES.append(label)
    return f"{ok} {label:<48} {value:8.2f}{unit:<3} (target <= {target:g}{unit})  {detail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-pdf", action="store_true", help="leave out the PDF ratio")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    tex_missing = [tool for tool in ("xelatex", "latexmk") if not shutil.which(tool)]
    has_pdf = not tex_missing
    scratch = Path(tempfile.mkdtemp(prefix="textbook-bench-"))
    try:
        real = copy_project(scratch / "real")
        big = copy_project(scratch / "big")
        for project in (real, big):  # as installed code is (PYTHONDONTWRITEBYTECODE aside)
            compileall.compile_dir(project / "tools", quiet=1)
        info = generate_book(big)
        cache = scratch / "xdg-cache"  # the runs' own user cache (catalog verdicts)
        os.environ["XDG_CACHE_HOME"] = str(cache)
        clean_t, rebuild_t, floor_t, big_t, pdf_t, xfloor_t = [], [], [], [], [], []
        cold_t: list[float] = []
        pack_t, facing_t, book_t, print_t = [], [], [], []
        editions: dict[str, list[float]] = {lang: [] for lang in LANGS}
        for i in range(args.repeat):
            print(f"bench: round {i + 1}/{args.repeat}", file=sys.stderr, flush=True)
            floor_t.append(bare_floor(real, scratch))
            for lang in LANGS:
                editions[lang].append(edition(real, lang, scratch))
            shutil.rmtree(cache, ignore_errors=True)  # no catalog verdict stored yet
            clean(real)
            cold_t.append(build(real, label="clean, no stored verdicts"))
            clean(real)
            clean_t.append(build(real, label="clean"))
            rebuild_t.append(build(real, label="rebuild"))
            clean(big)
            big_t.append(build(big, label="generated"))
            if has_pdf and not args.skip_pdf:
                xfloor_t.append(xelatex_floor(scratch))
                shutil.rmtree(real / "_build" / "stage" / "pdf", ignore_errors=True)
                shutil.rmtree(real / "_build" / "latex", ignore_errors=True)
                pdf_t.append(build(real, "pdf", label="pdf"))
                shutil.rmtree(real / "_build" / "stage" / "pdf-oneside", ignore_errors=True)
                print_t.append(
                    timed(
                        [sys.executable, "-m", "textbook_build", "pdf", "--sides", "one"]
                        + ["--langs", *LANGS],
                        real,
                        label="print PDFs",
                    )
                )
                pack, facing, book = pack_and_book(real)
                pack_t.append(pack)
                facing_t.append(facing)
                book_t.append(book)
        m = min
        chapter = real / "_build" / "html" / "id" / "model-intervensi.html"
        load, kinds = first_load(chapter)
        print(
            f"textbook bench: {args.repeat} rounds, minimum of each; "
            f"real book {words(real / 'source')} words, generated book {info['words']} words"
        )
        print(
            f"  CPU s: floor (bare sphinx-build, myst_parser only, one language) "
            f"{m(floor_t):.2f}; clean bilingual build {m(clean_t):.2f}; "
            f"no-change rebuild {m(rebuild_t):.2f}"
        )
        print(row("clean bilingual HTML / (2 x floor)", m(clean_t) / (2 * m(floor_t)), 1.3))
        print(
            f"  the same with no catalog verdict stored (a first build on this machine): "
            f"{m(cold_t):.2f} s = {m(cold_t) / (2 * m(floor_t)):.2f} x (2 x floor)"
        )
        print(
            "  breakdown, CPU s (sphinx-build alone, clean): "
            + "; ".join(
                f"{lang} edition {m(t):.2f} = {m(t) / m(floor_t):.2f} x floor"
                for lang, t in editions.items()
            )
            + f"; textbook-build (one process importing Sphinx and the extensions once, "
            f"a forked build per language) minus their sum "
            f"{m(clean_t) - sum(m(t) for t in editions.values()):+.2f}"
        )
        print(row("no-change rebuild / clean build", m(rebuild_t) / m(clean_t), 0.5))
        if pdf_t:
            print(
                f"  CPU s: both PDFs {m(pdf_t):.2f}; xelatex floor (one-page Sphinx "
                f"document) {m(xfloor_t):.2f}"
            )
            print(row("both PDFs / (2 x xelatex floor)", m(pdf_t) / (2 * m(xfloor_t)), 2))
            print(
                f"  breakdown: the print PDFs alone (one-sided: no accessible PDF, no site "
                f"refresh) {m(print_t):.2f} s = {m(print_t) / (2 * m(xfloor_t)):.2f} x "
                f"(2 x floor); the accessible PDFs and the site's download links "
                f"{m(pdf_t) - m(print_t):+.2f} s"
            )
            print(
                f"  CPU s: course pack of every chapter (id) {m(pack_t):.2f}; "
                f"id book PDF {m(book_t):.2f}"
            )
            print(row("course pack / matching one-language book PDF", m(pack_t) / m(book_t), 2))
            print(
                f"  CPU s: facing-page pack of every chapter (id|en, two Sphinx builds, one "
                f"paracol volume) {m(facing_t):.2f}"
            )
            print(
                row(
                    "facing-page pack / matching one-language book PDF", m(facing_t) / m(book_t), 2
                )
            )
        else:
            print(
                "  both PDFs / (2 x xelatex floor): not measured "
                + (
                    "(--skip-pdf)"
                    if args.skip_pdf
                    else f"({', '.join(tex_missing)} not on PATH: make system-deps)"
                )
            )
        print(
            f"  CPU s: generated book ({info['copies']} copies of every chapter, data file "
            f"and references) clean bilingual build {m(big_t):.2f}"
        )
        print(row(f"generated {SCALE}x book / real book", m(big_t) / m(clean_t), 15))
        detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(kinds.items()))
        print(
            row(
                "first-load KB of a chapter page (model-intervensi)",
                load / 1024,
                100,
                " KB",
                f"[{detail}]",
            )
        )
        spread = max(clean_t) / min(clean_t) if len(clean_t) > 1 else 1
        print(
            f"  clean build CPU over rounds: max/min = {spread:.2f}, "
            f"median {statistics.median(clean_t):.2f} s"
        )
        print(
            "  wall-clock minima (s): " + ", ".join(f"{k} {min(v):.2f}" for k, v in WALL.items())
        )
    finally:
        if args.keep:
            print(f"bench: kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    if MISSES:
        print(f"bench: {len(MISSES)} target(s) missed: {'; '.join(MISSES)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
