"""Build the editions into a staging folder and publish them only when all succeed.

    python tools/build.py html [--langs id en]

Published output lives in ``_build/<format>/``; staging in ``_build/stage/<format>/``
(kept between runs so rebuilds are incremental). A failed build leaves the
published folder untouched and discards that language's stage and doctrees, so
the next run reads everything again and repeats every warning.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
SPHINX_FLAGS = ["-W", "--keep-going", "-n", "-q"]
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


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


INPUTS = ["conf.py", "bibliography.bib", "source", "tools"]  # + locales/<lang>
NOT_INPUTS = {"__pycache__", ".mo", ".pyc"}  # .mo files are written by Sphinx


def fingerprint(cmd: list[str], env: dict[str, str], lang: str) -> str:
    """sha256 of all a build reads: its command, the date, the installed packages
    and every file of the sources, configuration, extension and catalogs."""
    h = hashlib.sha256(repr((cmd, env["SOURCE_DATE_EPOCH"], sys.version)).encode())
    h.update(repr(sorted(f"{d.metadata['Name']}=={d.version}"
                         for d in importlib.metadata.distributions())).encode())
    for name in [*INPUTS, f"locales/{lang}"]:
        top = ROOT / name
        files = sorted(top.rglob("*")) if top.is_dir() else [top]
        for path in files:
            if path.is_file() and not NOT_INPUTS & {path.suffix, *path.parts}:
                h.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def sphinx(builder: str, lang: str, outdir: Path, *extra: str) -> int:
    doctrees = BUILD / "doctrees" / lang
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, *SPHINX_FLAGS,
           "-D", f"language={lang}", "-d", str(doctrees), "-c", str(ROOT),
           str(ROOT / "source"), str(outdir), *extra]
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch())
    # A build whose inputs did not change since its last success is skipped.
    stamp = BUILD / "fingerprints" / f"{builder}-{lang}"
    key = fingerprint(cmd, env, lang)
    if outdir.is_dir() and stamp.is_file() and stamp.read_text() == key:
        print(f"[{builder}:{lang}] up to date", flush=True)
        return 0
    stamp.unlink(missing_ok=True)
    print(f"[{builder}:{lang}] building", flush=True)
    code = subprocess.run(cmd, env=env).returncode
    if code == 0:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(key)
    if code != 0:
        print(f"[{builder}:{lang}] FAILED (exit {code}); the published "
              f"output is unchanged", file=sys.stderr, flush=True)
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    return code


def publish(stage: Path, target: Path) -> None:
    """Replace ``target`` by a copy of ``stage`` with two renames."""
    fresh = target.with_name(target.name + ".new")
    old = target.with_name(target.name + ".old")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(stage, fresh)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def landing_page(langs: list[str]) -> str:
    links = "\n".join(
        f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">'
        f'{LANGUAGE_NAMES.get(lang, lang)}</a></li>' for lang in langs)
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
    failed = [lang for lang in langs if sphinx("html", lang, stage / lang) != 0]
    if failed:
        return 1
    for extra in [p for p in stage.iterdir() if p.is_dir() and p.name not in langs]:
        shutil.rmtree(extra)
    (stage / "index.html").write_text(landing_page(langs), encoding="utf-8")
    from textbook.html_site import write_root_files  # 404.html, sitemap.xml, robots.txt
    write_root_files(stage, langs)
    publish(stage, BUILD / "html")
    print(f"[html] published {', '.join(langs)} in {BUILD / 'html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("format", choices=["html"])
    parser.add_argument("--langs", nargs="+", default=None)
    args = parser.parse_args(argv)
    langs = args.langs or available_languages()
    unknown = [lang for lang in langs if lang not in available_languages()]
    if unknown:
        print(f"error: no catalogs for {', '.join(unknown)} in locales/ "
              f"(run 'make add-language LANG=xx')", file=sys.stderr)
        return 2
    return {"html": build_html}[args.format](langs)


if __name__ == "__main__":
    sys.exit(main())
