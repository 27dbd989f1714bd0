"""Helpers to check the built website: build it, serve it on loopback, list pages.

Used by tests/test_site*.py, tests/test_browser*.py and tools/lighthouse.py.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from textbook_build import copy_project, source_date_epoch  # noqa: F401

from .commands import JAVA, run

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# Debian's chromium as root, no background traffic (see shared TOOLCHAIN notes).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def run_build(project: Path, *args: str, site_url: str = "http://127.0.0.1:8000/"):
    """``textbook-build ARGS`` of ``project`` (what ``make html`` runs), output captured."""
    env = dict(
        os.environ, TEXTBOOK_SITE_URL=site_url, SOURCE_DATE_EPOCH=source_date_epoch()
    )  # the copy has no git history
    return run(project, "textbook_build", *args, env=env)


def build_site(
    out: Path,
    langs: tuple[str, ...] = ("id", "en"),
    site_url: str = "http://127.0.0.1:8000/",
    project: Path | None = None,
) -> Path:
    """``make html`` (``textbook-build html``) on a copy of the project (``project``,
    by default ``<out>-project``); the published site is copied into ``out``."""
    if project is None:
        project = copy_project(out.with_name(out.name + "-project"))
    proc = run_build(project, "html", "--langs", *langs, site_url=site_url)
    if proc.returncode != 0:
        raise RuntimeError(f"textbook-build html failed:\n{proc.stdout}\n{proc.stderr}")
    shutil.copytree(project / "_build" / "html", out, dirs_exist_ok=True)
    return out


def pages(site: Path) -> list[str]:
    """Every built HTML page, as a path relative to the site root."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if ".doctrees" not in p.parts and "_static" not in p.parts
    )


def load_side_by_side(new_page, urls: list[str], batch: int = 8):
    """Yield ``(url, page)`` for each URL once its page is network-idle (no request
    for 500 ms). ``new_page()`` makes each page (and its listeners); the pages of a
    batch load side by side, so their idle waits overlap instead of adding up."""
    for start in range(0, len(urls), batch):
        opened = []
        for url in urls[start : start + batch]:
            page = new_page()
            page.goto(url, wait_until="commit")
            opened.append((url, page))
        for url, page in opened:
            page.wait_for_load_state("networkidle")
            yield url, page


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, port: int = 0):
    """Serve ``site`` on 127.0.0.1 in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def vnu(paths: list[Path]) -> list[str]:
    """Nu HTML Checker errors (one line each) for the given files."""
    proc = subprocess.run(
        [*JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "gnu", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    lines = [line for line in proc.stderr.splitlines() + proc.stdout.splitlines() if line.strip()]
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"vnu failed (exit {proc.returncode}): {proc.stderr}")
    return lines


def lighthouse(url: str, out: Path, categories: list[str]) -> dict:
    """The npm Lighthouse's JSON report (mobile, its default) of ``url`` in Debian's
    Chromium, written to ``out``; about 12 s a page."""
    flags = " ".join(a for a in CHROMIUM_ARGS if a != "--headless") + " --headless=new"
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    with tempfile.TemporaryDirectory(prefix="lh-profile-") as profile:
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                "--only-categories=" + ",".join(categories),
                f"--chrome-flags={flags} --user-data-dir={profile}",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text("utf-8"))


def run_axe(page) -> list[dict]:
    """axe-core violations on a Playwright page (WCAG A/AA and best practice). A sweep
    of many pages loads axe once: ``context.add_init_script(path=str(AXE_JS))``."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


def edition_words(lang: str, project: Path = ROOT) -> str:
    """What every page of ``project``'s build says of its edition: "Edisi 1.0" for a
    release; between tags the title page's "prarilis 1.0 (komit abc1234)" (a copy
    outside git: commit ?)."""
    from textbook.edition import current
    from textbook.latex.layout import WORDS
    from textbook.messages import gettext

    edition = current(project)
    if edition.released:
        return f"{gettext(WORDS['edition'], lang)} {edition.version}"
    return gettext(WORDS["prerelease"], lang).format(
        version=edition.version, commit=edition.commit or "?"
    )
