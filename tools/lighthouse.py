"""Lighthouse (mobile) scores and first-load bytes of the website, on loopback.

    PYTHONPATH=tests python tools/lighthouse.py [--all] [PAGE ...]   (make lighthouse)

Builds both editions into a temporary folder, serves it on 127.0.0.1 and runs
the npm ``lighthouse`` (node_modules, see package.json) on Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium). Prints one line per page and exits
non-zero when a score misses its target. Not a unit test: about 12 s a page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from helpers.html_check import LIGHTHOUSE, build_site, lighthouse, pages, serve  # tests/

TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
NOINDEX = ("search.html",)
DEFAULT_PAGES = [
    "id/index.html",
    "id/pemberdayaan.html",
    "id/model-intervensi.html",
    "en/pemberdayaan.html",
    "en/model-intervensi.html",
    "en/parallel/model-intervensi.html",
    "id/parallel/model-intervensi.html",
    "id/search.html",
    "en/search.html",
    "id/glosarium.html",
    "en/glosarium.html",
    "id/genindex.html",
    "en/genindex.html",
    "id/riwayat-edisi.html",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="pages relative to the site root")
    parser.add_argument("--all", action="store_true", help="every built page")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"error: {LIGHTHOUSE} missing: run 'npm ci'", file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory(prefix="lh-site-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        with serve(site) as base:
            build_site(site, site_url=base)
            chosen = pages(site) if args.all else (args.pages or DEFAULT_PAGES)
            print(
                f"{'page':42} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'bytes':>8} requests"
            )
            for rel in chosen:
                report = lighthouse(base + rel, Path(tmp) / "report.json", list(TARGETS))
                scores = {k: round(report["categories"][k]["score"] * 100) for k in TARGETS}
                items = report["audits"]["network-requests"]["details"]["items"]
                weight = sum(i.get("resourceSize", 0) for i in items)
                foreign = [i["url"] for i in items if not i["url"].startswith(base)]
                # the search page says noindex on purpose: Lighthouse's is-crawlable fails
                misses = [
                    k
                    for k, v in scores.items()
                    if v < TARGETS[k] and not (k == "seo" and rel.endswith(NOINDEX))
                ]
                failed |= bool(misses or foreign or weight > 100_000)
                print(
                    f"{rel:42} {scores['performance']:4} {scores['accessibility']:4} "
                    f"{scores['best-practices']:4} {scores['seo']:4} {weight:8} {len(items)}"
                    + (f"  MISSED: {', '.join(misses)}" if misses else "")
                    + (f"  FOREIGN: {foreign}" if foreign else "")
                )
                for key in ("performance", "accessibility", "best-practices", "seo"):
                    for ref in report["categories"][key]["auditRefs"]:
                        result = report["audits"][ref["id"]]
                        if (
                            ref["weight"]
                            and result["score"] is not None
                            and result["score"] < 1
                            and key != "performance"
                        ):
                            print(f"    {key}: {ref['id']}: {result['title']}")
    print(
        "targets:",
        ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()),
        "| first load <= 100000 bytes, same origin only",
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
