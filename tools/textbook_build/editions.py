"""The book's editions: the website (every language), the PDF and the EPUB."""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
from pathlib import Path

from textbook.editions import Editions
from textbook.editions import load as load_editions

from . import accessible
from . import latexmk as tex
from .fingerprints import fingerprint
from .project import SPHINX_FLAGS, Project, source_date_epoch
from .public import preview
from .publish import publish, tree_digest
from .runner import check_interrupted, run_sphinx
from .site_root import write_root_files


class Stamps:
    """Fingerprints of the builds of one format, written only once the whole
    format succeeded (Sphinx, latexmk, publish): an interrupted or failed build
    leaves none, so the next one starts afresh."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, str, Path]] = []
        self.up_to_date: set[Path] = set()  # stages left as their last good build wrote them

    def add(self, stamp: Path, key: str, outdir: Path) -> None:
        self.pending.append((stamp, key, outdir))

    def commit(self) -> None:
        check_interrupted()
        for stamp, key, outdir in self.pending:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            tmp = stamp.with_suffix(".tmp")
            tmp.write_text(f"{key}{tree_digest(outdir)}\n")  # the stage as it was left
            os.replace(tmp, stamp)
        self.pending.clear()


def sphinx_key(
    project: Project, builder: str, lang: str, outdir: Path, *extra: str
) -> tuple[list[str], dict[str, str], str]:
    """A Sphinx build's arguments, environment and fingerprint (its inputs)."""
    args = [
        "-b",
        builder,
        *SPHINX_FLAGS,
        "-D",
        f"language={lang}",
        "-d",
        str(project.doctrees(builder, lang)),
        "-c",
        str(project.root),
        str(project.source),
        str(outdir),
        *extra,
        *[arg for setting in project.left_out for arg in ("-D", f"{setting}=0")],
    ]
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(project.root))
    code_key, content_key = fingerprint(
        project,
        [sys.executable, "-m", "sphinx", *args],
        env,
        lang,
        every_catalog=builder == "html",
    )
    return args, env, f"{code_key}\n{content_key}\n"


def sphinx(
    project: Project, stamps: Stamps, builder: str, lang: str, outdir: Path, *extra: str
) -> int:
    doctrees = project.doctrees(builder, lang)
    args, env, key = sphinx_key(project, builder, lang, outdir, *extra)
    # A build whose inputs did not change since its last success, and whose
    # stage is still exactly what that build left, is skipped.
    stamp = project.stamp(builder, lang)
    last = stamp.read_text().splitlines() if stamp.is_file() else []
    if outdir.is_dir() and last[:2] == key.splitlines() and last[2:] == [tree_digest(outdir)]:
        print(f"[{builder}:{lang}] up to date", flush=True)
        stamps.add(stamp, key, outdir)
        stamps.up_to_date.add(outdir)
        return 0
    stamp.unlink(missing_ok=True)
    if (
        last[:1] != key.splitlines()[:1]
        or last[2:3]
        and outdir.is_dir()
        and last[2:] != [tree_digest(outdir)]
    ):
        # Sphinx would not rewrite pages whose sources did not change, and a stage
        # changed since its build is not trusted: start afresh.
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    print(f"[{builder}:{lang}] building", flush=True)
    code = run_sphinx(project, args, env)
    if code == 0:
        # left by Sphinx when it rewrote every page for a changed setting (the downloads)
        (outdir / ".buildinfo.bak").unlink(missing_ok=True)
        stamps.add(stamp, key, outdir)
    else:
        print(
            f"[{builder}:{lang}] FAILED (exit {code}); the published output is unchanged",
            file=sys.stderr,
            flush=True,
        )
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    return code


def declared(project: Project) -> Editions:
    """The released and draft editions (``locales/languages.yaml``)."""
    return load_editions(project.root / "locales" / "languages.yaml")


def draft_config(project: Project, lang: str) -> list[str]:
    """``-D`` values of a draft edition (banner, noindex, no hreflang, no sitemap)."""
    return [] if declared(project).is_released(lang) else ["-D", "textbook_draft=1"]


def build_html(project: Project, langs: list[str]) -> int:
    stage = project.stage("html")
    # The pages link to the released editions built here (never to a draft) and to
    # the downloads published with them; both are command-line values, so a change
    # rebuilds the pages.
    offered = [lang for lang in langs if declared(project).is_released(lang)]
    site_config = [
        "-D",
        f"textbook_languages={','.join(offered)}",
        "-D",
        f"textbook_downloads={','.join(p.name for p in download_files(project))}",
    ]
    stamps = Stamps()
    failed = [
        lang
        for lang in langs
        if sphinx(
            project, stamps, "html", lang, stage / lang, *site_config, *draft_config(project, lang)
        )
        != 0
    ]
    if failed:
        return 1
    write_root_files(stage, offered, project.config())
    stage_downloads(project, stage / "downloads")  # PDF and EPUB files, when built
    # other editions' stages stay (incremental next time) but are not published
    others = {p.name for p in stage.iterdir() if p.is_dir() and p.name != "downloads"} - set(langs)
    # the source edition's parallel view is written by a translated edition's build
    from textbook.i18n.parallel import relocations  # imports Sphinx

    publish(stage, project.published("html"), leave_out=others, moves=relocations(offered))
    stamps.commit()
    print(f"[html] published {', '.join(langs)} in {project.published('html')}")
    url = project.config().get("textbook_site_url", "")
    if reason := preview(project):  # (build/public.py)
        print(
            f"[html] a preview: canonical links, the sitemap and the ready citation name "
            f"{url} (set TEXTBOOK_SITE_URL to the public address when you publish: "
            f"{reason}); the landing and citation pages say it is a preview"
        )
    return 0


def download_files(project: Project) -> list[Path]:
    """The published PDF and EPUB files (the site's downloads/)."""
    return [
        *sorted(project.published("pdf").glob("*.pdf")),
        *sorted(project.published("epub").glob("*.epub")),
    ]


def stage_downloads(project: Project, target: Path) -> None:
    """Copy the published PDF and EPUB files into ``target`` (the site's downloads/)."""
    shutil.rmtree(target, ignore_errors=True)
    files = download_files(project)
    if files:
        target.mkdir(parents=True)
        for path in files:
            shutil.copy2(path, target / path.name)


def published_site_languages(project: Project) -> list[str]:
    """The editions of the published site (``_build/html/<lang>/``), in build order."""
    site = project.published("html")
    landing = (site / "index.html").read_text(encoding="utf-8") if site.is_dir() else ""
    found = [lang for lang in project.languages() if (site / lang / "index.html").is_file()]
    # the landing page lists them in the order they were built
    return sorted(found, key=lambda lang: landing.find(f'href="{lang}/index.html"'))


def refresh_site_downloads(project: Project) -> int:
    """After a PDF/EPUB publish: rebuild the published site (if any) so that its
    pages link to exactly the files now published, and publish it again."""
    langs = published_site_languages(project)
    if not langs:
        return 0
    print(f"[downloads] updating the published site ({', '.join(langs)})", flush=True)
    code = build_html(project, langs)
    if code != 0:
        print("[downloads] FAILED: the site was not updated", file=sys.stderr)
    return code


def current_pdf(project: Project, lang: str) -> Path | None:
    """The published PDF of ``lang`` if its build had the inputs of a build now."""
    stage, base = project.stage("pdf") / lang, project.download_basename()
    stamp, pdf = project.stamp("latex", lang), project.published("pdf") / f"{base}-{lang}.pdf"
    last = stamp.read_text().splitlines()[:2] if stamp.is_file() else []
    if (
        last
        and last == sphinx_key(project, "latex", lang, stage)[2].splitlines()
        and pdf.is_file()
        and (stage / f"{base}.pdf").is_file()
        and filecmp.cmp(pdf, stage / f"{base}.pdf", shallow=False)
    ):
        return pdf
    return None


def accessible_pdf(project: Project, stamps: Stamps, lang: str, target: Path) -> int:
    """The edition as one HTML page, rendered as PDF/UA-1 (textbook_build/accessible)."""
    page = project.stage("accessible") / lang
    if sphinx(project, stamps, "singlehtml", lang, page, *accessible.sphinx_options()) != 0:
        return 1
    return accessible.render(page / "index.html", target, f"pdf:{lang}")


def build_book(project: Project, fmt: str, langs: list[str], sides: str = "two") -> int:
    """``fmt`` (pdf or epub) of every language, published together or not at all; a
    one-sided PDF (no blank pages) into its own folder, ``pdf-oneside``."""
    from .coursepack import ONE_SIDED

    one_sided = fmt == "pdf" and sides == "one"
    folder = "pdf-oneside" if one_sided else fmt
    stage, base = project.stage(folder), project.download_basename()
    out, target = stage / "publish", project.published(folder)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    failed, stamps = [], Stamps()
    for lang in langs:
        if fmt == "pdf":
            ok = sphinx(
                project, stamps, "latex", lang, stage / lang, *(ONE_SIDED if one_sided else ())
            ) == 0 and (
                stage / lang in stamps.up_to_date
                or tex.latexmk(
                    stage / lang, f"{base}.tex", f"pdf:{lang}", source_date_epoch(project.root)
                )
                == 0
            )
        else:  # print page numbers from the PDF of the same sources, when there is one
            pdf = current_pdf(project, lang)
            if pdf is None:
                print(
                    f"[epub:{lang}] no page-list: no PDF built from these sources "
                    f"(make pdf first; make site does)",
                    flush=True,
                )
            ok = (
                sphinx(
                    project,
                    stamps,
                    "epub",
                    lang,
                    stage / lang,
                    *(("-D", f"textbook_page_source={pdf}") if pdf else ()),
                )
                == 0
            )
        # beside the print PDF: the accessible one (PDF/UA-1), from the same source
        ok = ok and (
            fmt != "pdf"
            or one_sided
            or accessible_pdf(project, stamps, lang, out / f"{base}-{lang}{accessible.SUFFIX}")
            == 0
        )
        if not ok:
            failed.append(lang)
            continue
        shutil.copy2(stage / lang / f"{base}.{fmt}", out / f"{base}-{lang}.{fmt}")
    if failed:
        print(f"[{fmt}] FAILED for {', '.join(failed)}; {target} is unchanged", file=sys.stderr)
        return 1
    names = ", ".join(path.name for path in sorted(out.iterdir()))
    publish(out, target)
    stamps.commit()
    print(f"[{fmt}] published {names} in {target}")
    return 0 if one_sided else refresh_site_downloads(project)
