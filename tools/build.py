"""Build the editions into a staging folder and publish them only when all succeed.

    python tools/build.py html [--langs id en]
    python tools/build.py pdf|epub [--langs id en]
    python tools/build.py coursepack --chapters pemberdayaan model-intervensi [--langs id en]

Published output lives in ``_build/<format>/``; staging in ``_build/stage/<format>/``
(kept between runs so rebuilds are incremental). A failed build leaves the
published folder untouched and discards that language's stage and doctrees, so
the next run reads everything again and repeats every warning.
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
SPHINX_FLAGS = ["-W", "--keep-going", "-n", "-q"]  # every build of the book uses these
if str(ROOT / "tools") not in sys.path:
    sys.path.insert(0, str(ROOT / "tools"))
from textbook.languages import language_name  # noqa: E402 -- light: no Sphinx import


def available_languages() -> list[str]:
    return ["id"] + sorted(p.name for p in (ROOT / "locales").iterdir()
                           if (p / "LC_MESSAGES").is_dir())


def source_date_epoch() -> str:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout.strip()
        return out or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


# Code: a change here may alter every page, so the next build starts afresh.
CODE_INPUTS = ["conf.py", "tools"]
# Content: Sphinx notices these changes itself and rewrites the pages concerned.
CONTENT_INPUTS = ["bibliography.bib", "source"]  # + locales/<lang>
NOT_INPUTS = {"__pycache__", ".mo", ".pyc"}  # .mo files are written by Sphinx
OUTPUT_ENV = ("TEXTBOOK_", "READTHEDOCS")  # environment variables read by conf.py


def copy_project(dest: Path) -> Path:
    """Copy what a build reads (code, content, catalogs) into ``dest``, a project of its own."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "_build")
    for part in [*CODE_INPUTS, *CONTENT_INPUTS, "locales"]:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@functools.cache
def installed_packages() -> list[str]:
    """Names of the installed distributions (``name-version.dist-info``)."""
    return sorted(p.name for entry in sys.path if Path(entry or ".").is_dir()
                  for p in Path(entry or ".").glob("*.dist-info"))


def _hash_files(h, names: list[str]) -> None:
    for name in names:
        top = ROOT / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            if path.is_file() and not NOT_INPUTS & {path.suffix, *path.parts}:
                h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                h.update(hashlib.sha256(path.read_bytes()).digest())


def fingerprint(cmd: list[str], env: dict[str, str], lang: str) -> tuple[str, str]:
    """(code, content): sha256 of all a build reads. Code: the command, the date,
    the environment variables the configuration reads, Python, the installed
    packages, conf.py and tools/. Content: the sources, bibliography and catalogs."""
    output_env = sorted((k, v) for k, v in env.items() if k.startswith(OUTPUT_ENV))
    code = hashlib.sha256(repr((cmd, env["SOURCE_DATE_EPOCH"], output_env,
                                sys.version)).encode())
    code.update(repr(installed_packages()).encode())
    _hash_files(code, CODE_INPUTS)
    content = hashlib.sha256()
    _hash_files(content, [*CONTENT_INPUTS, f"locales/{lang}"])
    return code.hexdigest(), content.hexdigest()


@functools.cache
def preload_sphinx() -> None:
    """Import Sphinx, its built-in extensions and the book's extensions once in
    this process; every forked build then starts with them loaded. Nothing is set
    up here (no application, no translator): each build still starts clean."""
    import importlib

    from sphinx.application import builtin_extensions
    import sphinx.cmd.build  # noqa: F401

    try:
        configured = runpy_conf().get("extensions", [])
    except Exception:  # noqa: BLE001 -- the build itself reports a broken conf.py
        configured = []
    for name in [*builtin_extensions, *configured, "textbook.extension"]:
        try:
            importlib.import_module(name)
        except ImportError:
            pass  # the build itself reports it


def runpy_conf() -> dict:
    import runpy

    return runpy.run_path(str(ROOT / "conf.py"))


def run_sphinx(args: list[str], env: dict[str, str]) -> int:
    """Exit status of ``python -m sphinx ARGS`` with ``env``, run in a forked
    child of this process (which imported Sphinx once for all builds)."""
    if not hasattr(os, "fork"):
        return subprocess.run([sys.executable, "-m", "sphinx", *args], env=env).returncode
    preload_sphinx()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: one Sphinx build, then exit without returning here
        code = 1
        try:
            os.environ.clear()
            os.environ.update(env)
            from sphinx.cmd.build import main as sphinx_main

            code = sphinx_main(args)
        except SystemExit as exc:
            code = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def sphinx(builder: str, lang: str, outdir: Path, *extra: str) -> int:
    doctrees = BUILD / "doctrees" / builder / lang  # html doctrees break the LaTeX build
    args = ["-b", builder, *SPHINX_FLAGS, "-D", f"language={lang}", "-d", str(doctrees),
            "-c", str(ROOT), str(ROOT / "source"), str(outdir), *extra]
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch())
    # A build whose inputs did not change since its last success is skipped.
    stamp = BUILD / "fingerprints" / f"{builder}-{lang}"
    code_key, content_key = fingerprint([sys.executable, "-m", "sphinx", *args], env, lang)
    key = f"{code_key}\n{content_key}\n"
    last = stamp.read_text().splitlines() if stamp.is_file() else []
    if outdir.is_dir() and last == key.splitlines():
        print(f"[{builder}:{lang}] up to date", flush=True)
        return 0
    stamp.unlink(missing_ok=True)
    if last[:1] != [code_key]:
        # Sphinx would not rewrite pages whose sources did not change: start afresh.
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    print(f"[{builder}:{lang}] building", flush=True)
    code = run_sphinx(args, env)
    if code == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key)
    if code != 0:
        print(f"[{builder}:{lang}] FAILED (exit {code}); the published "
              f"output is unchanged", file=sys.stderr, flush=True)
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    return code


def publish(stage: Path, target: Path, leave_out: set[str] = frozenset()) -> None:
    """Replace ``target`` by a copy of ``stage`` (without its top-level entries
    named in ``leave_out``) with two renames."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(stage, fresh, ignore=lambda folder, names: [
        n for n in names if Path(folder) == stage and n in leave_out])
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def landing_page(langs: list[str]) -> str:
    links = "\n".join(
        f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">'
        f'{language_name(lang)}</a></li>' for lang in langs)
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{lang}" href="{lang}/index.html">' for lang in langs)
    known = ", ".join(f'"{lang}"' for lang in langs)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pemberdayaan, Pengembangan Masyarakat dan Intervensi Komunitas</title>
<meta name="description" content="Buku ajar terbuka dwibahasa / A bilingual open textbook: pemberdayaan, pengembangan masyarakat dan intervensi komunitas.">
{alternates}
<link rel="alternate" hreflang="x-default" href="id/index.html">
<script>
(function () {{
  var known = [{known}], langs = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < langs.length; i++) {{
    var code = String(langs[i]).toLowerCase().split("-")[0];
    if (code === "in") code = "id";
    if (known.indexOf(code) !== -1) {{ location.replace(code + "/index.html"); return; }}
  }}
}})();
</script>
<style>body{{font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}}</style>
</head>
<body>
<main>
<h1>Pemberdayaan, Pengembangan Masyarakat dan Intervensi Komunitas</h1>
<p>Pilih bahasa / Choose a language:</p>
<ul>
{links}
</ul>
</main>
</body>
</html>
"""


def build_html(langs: list[str]) -> int:
    stage = BUILD / "stage" / "html"
    # The pages link to the other editions built here and to the downloads published
    # with them; both are command-line values, so a change rebuilds the pages.
    site_config = ["-D", f"textbook_languages={','.join(langs)}",
                   "-D", f"textbook_downloads={','.join(p.name for p in download_files())}"]
    failed = [lang for lang in langs if sphinx("html", lang, stage / lang, *site_config) != 0]
    if failed:
        return 1
    (stage / "index.html").write_text(landing_page(langs), encoding="utf-8")
    from textbook.html.site import write_root_files  # 404.html, sitemap.xml, robots.txt
    write_root_files(stage, langs)
    stage_downloads(stage / "downloads")  # PDF and EPUB files, when built
    # other editions' stages stay (incremental next time) but are not published
    others = {p.name for p in stage.iterdir() if p.is_dir() and p.name != "downloads"} - set(langs)
    publish(stage, BUILD / "html", leave_out=others)
    print(f"[html] published {', '.join(langs)} in {BUILD / 'html'}")
    return 0


# -- Print, e-book and course packs --------------------------------------------
TEX_PACKAGES = ("texlive-xetex texlive-fonts-recommended texlive-lang-other latexmk xindy "
                "fonts-freefont-otf")


def download_basename() -> str:
    return runpy_conf()["textbook_download_basename"]


def download_files() -> list[Path]:
    """The published PDF and EPUB files (the site's downloads/)."""
    return [*sorted((BUILD / "pdf").glob("*.pdf")), *sorted((BUILD / "epub").glob("*.epub"))]


def stage_downloads(target: Path) -> None:
    """Copy the published PDF and EPUB files into ``target`` (the site's downloads/)."""
    shutil.rmtree(target, ignore_errors=True)
    files = download_files()
    if files:
        target.mkdir(parents=True)
        for path in files:
            shutil.copy2(path, target / path.name)


def published_site_languages() -> list[str]:
    """The editions of the published site (``_build/html/<lang>/``), in build order."""
    site = BUILD / "html"
    landing = (site / "index.html").read_text(encoding="utf-8") if site.is_dir() else ""
    found = [lang for lang in available_languages() if (site / lang / "index.html").is_file()]
    # the landing page lists them in the order they were built
    return sorted(found, key=lambda lang: landing.find(f'href="{lang}/index.html"'))


def refresh_site_downloads() -> int:
    """After a PDF/EPUB publish: rebuild the published site (if any) so that its
    pages link to exactly the files now published, and publish it again."""
    langs = published_site_languages()
    if not langs:
        return 0
    print(f"[downloads] updating the published site ({', '.join(langs)})", flush=True)
    code = build_html(langs)
    if code != 0:
        print("[downloads] FAILED: the site was not updated", file=sys.stderr)
    return code


# kpathsea settings (texmf.cnf names, read from the environment): TeX opens no
# file outside the build folder and its TeX trees (no absolute or ../ paths, no
# dotfiles) and runs no shell command.
TEX_LOCKDOWN = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}


def latexmk(texdir: Path, tex: str, label: str) -> int:
    """PDF from ``texdir/tex`` with latexmk (xelatex, set in Sphinx's latexmkrc).

    Fails on LaTeX errors and on any ``Overfull \\vbox``: that is how rows of a
    table that does not fit the page silently disappear.
    """
    if shutil.which("latexmk") is None or shutil.which("xelatex") is None:
        print(f"[{label}] FAILED: latexmk/xelatex not found; install TeX with\n"
              f"  sudo apt-get install --no-install-recommends {TEX_PACKAGES}",
              file=sys.stderr)
        return 1
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(), FORCE_SOURCE_DATE="1",
               LATEXOPTS="-interaction=nonstopmode -halt-on-error -file-line-error "
                         "-no-shell-escape", **TEX_LOCKDOWN)
    print(f"[{label}] latexmk {tex}", flush=True)
    proc = subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", "-no-shell-escape",
                           tex], cwd=texdir,
                          env=env, capture_output=True, text=True)
    log_path = texdir / Path(tex).with_suffix(".log")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
    if proc.returncode != 0:
        errors = [line for line in log.splitlines() if line.startswith(("!", "./"))]
        print(f"[{label}] FAILED: LaTeX error, see {log_path}\n  "
              + "\n  ".join(errors[:10] or proc.stdout.splitlines()[-10:]), file=sys.stderr)
        return 1
    overfull = [line for line in log.splitlines() if line.startswith("Overfull \\vbox")]
    if overfull:
        print(f"[{label}] FAILED: content does not fit the page (rows of a table may be "
              f"lost), see {log_path}:\n  " + "\n  ".join(overfull), file=sys.stderr)
        return 1
    return 0


def build_pdf(langs: list[str]) -> int:
    stage, base = BUILD / "stage" / "pdf", download_basename()
    out = stage / "publish"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    failed = []
    for lang in langs:
        if sphinx("latex", lang, stage / lang) != 0 or latexmk(stage / lang, f"{base}.tex",
                                                               f"pdf:{lang}") != 0:
            failed.append(lang)
            continue
        shutil.copy2(stage / lang / f"{base}.pdf", out / f"{base}-{lang}.pdf")
    if failed:
        print(f"[pdf] FAILED for {', '.join(failed)}; {BUILD / 'pdf'} is unchanged",
              file=sys.stderr)
        return 1
    publish(out, BUILD / "pdf")
    print(f"[pdf] published {', '.join(f'{base}-{lang}.pdf' for lang in langs)} "
          f"in {BUILD / 'pdf'}")
    return refresh_site_downloads()


def build_epub(langs: list[str]) -> int:
    stage, base = BUILD / "stage" / "epub", download_basename()
    out = stage / "publish"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    failed = [lang for lang in langs if sphinx("epub", lang, stage / lang) != 0]
    if failed:
        print(f"[epub] FAILED for {', '.join(failed)}; {BUILD / 'epub'} is unchanged",
              file=sys.stderr)
        return 1
    for lang in langs:
        shutil.copy2(stage / lang / f"{base}.epub", out / f"{base}-{lang}.epub")
    publish(out, BUILD / "epub")
    print(f"[epub] published {', '.join(f'{base}-{lang}.epub' for lang in langs)} "
          f"in {BUILD / 'epub'}")
    return refresh_site_downloads()


def build_coursepack(langs: list[str], chapters: list[str]) -> int:
    """One PDF of ``chapters``; with several languages one volume, a part each."""
    from textbook.latex.coursepack import CoursepackError, make_source, merge

    stage, base = BUILD / "stage" / "coursepack", download_basename()
    try:
        make_source(ROOT / "source", stage / "source", chapters)
    except CoursepackError as exc:
        print(f"error: CHAPTERS: {exc}", file=sys.stderr)
        return 2
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch())
    texs = {}
    for lang in langs:
        outdir = stage / lang
        args = ["-b", "latex", *SPHINX_FLAGS,
               "-D", f"language={lang}", "-D", "latex_elements.tableofcontents="
               r"\sphinxtableofcontents", "-D", f"textbook_print_chapters={','.join(chapters)}",
               "-d", str(stage / "doctrees" / lang),
               "-c", str(ROOT), str(stage / "source"), str(outdir)]
        print(f"[coursepack:{lang}] building", flush=True)
        if run_sphinx(args, env) != 0:
            print(f"[coursepack:{lang}] FAILED; {BUILD / 'coursepack'} is unchanged",
                  file=sys.stderr)
            shutil.rmtree(outdir, ignore_errors=True)
            return 1
        texs[lang] = outdir / f"{base}.tex"
    name = f"{base}-{'-'.join(chapters)}-{'-'.join(langs)}"
    texdir = stage / langs[0]
    if len(langs) > 1:
        (texdir / f"{name}.tex").write_text(merge(texs), encoding="utf-8")
    else:
        shutil.copy2(texs[langs[0]], texdir / f"{name}.tex")
    if latexmk(texdir, f"{name}.tex", "coursepack") != 0:
        return 1
    # other course packs stay; this one is replaced in one rename
    target = BUILD / "coursepack" / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(texdir / f"{name}.pdf", target.with_suffix(".pdf.new"))
    os.replace(target.with_suffix(".pdf.new"), target)
    print(f"[coursepack] published {BUILD / 'coursepack' / (name + '.pdf')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("format", choices=["html", "pdf", "epub", "coursepack"])
    parser.add_argument("--langs", nargs="+", default=None)
    parser.add_argument("--chapters", nargs="+", default=[],
                        help="coursepack: chapter file names without .md")
    args = parser.parse_args(argv)
    langs = args.langs or available_languages()
    unknown = [lang for lang in langs if lang not in available_languages()]
    if unknown:
        print(f"error: no catalogs for {', '.join(unknown)} in locales/ "
              f"(run 'make add-language NEW_LANG=xx')", file=sys.stderr)
        return 2
    if args.format == "coursepack":
        return build_coursepack(langs, args.chapters)
    return {"html": build_html, "pdf": build_pdf, "epub": build_epub}[args.format](langs)


if __name__ == "__main__":
    sys.exit(main())
