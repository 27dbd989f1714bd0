"""Check the pinned dependencies for known vulnerabilities with pip-audit.

Exit 1 when a vulnerability is found or a package could not be checked.
With --allow-unreachable, a run in which NO package could be looked up (the
vulnerability service is out of reach) says so loudly and exits 0 instead;
a partial look-up or any finding still fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--allow-unreachable", action="store_true")
    args = parser.parse_args(argv)
    proc = subprocess.run(
        [
            str(Path(sys.executable).with_name("pip-audit")),
            "--require-hashes",
            "--disable-pip",
            "--progress-spinner",
            "off",
            "-f",
            "json",
            "-r",
            str(ROOT / "requirements.txt"),
        ],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(proc.stderr, file=sys.stderr)
        print("audit: pip-audit gave no report", file=sys.stderr)
        return 1
    deps = report["dependencies"]
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if "skip_reason" in d]
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        print(f"requirements.txt: {dep['name']}=={dep['version']}: {ids}")
    if vulnerable:
        print(f"audit: {len(vulnerable)} vulnerable package(s)", file=sys.stderr)
        return 1
    if skipped and len(skipped) == len(deps) and args.allow_unreachable:
        print(
            f"audit: NOT CHECKED: the vulnerability service could not be reached "
            f"({len(skipped)} of {len(deps)} packages not looked up: "
            f"{skipped[0]['skip_reason']})"
        )
        return 0
    if skipped:
        for dep in skipped[:5]:
            print(f"requirements.txt: {dep['name']}: {dep['skip_reason']}", file=sys.stderr)
        print(
            f"audit: {len(skipped)} of {len(deps)} packages could not be checked", file=sys.stderr
        )
        return 1
    print(f"audit: {len(deps)} packages checked, no known vulnerability")
    return 0


if __name__ == "__main__":
    sys.exit(main())
