"""DAISY Ace, the EPUB accessibility checker (npm ``@daisy/ace``, run with Debian's Chromium)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from .html_check import CHROMIUM, NODE_MODULES

ACE = NODE_MODULES / ".bin" / "ace-puppeteer"


def ace_issues(epub: Path, out: Path) -> list[str]:
    """Every issue DAISY Ace reports, as 'document: rule (impact)'."""
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=CHROMIUM)
    proc = subprocess.run(
        [str(ACE), "-s", "-f", "-o", str(out), str(epub)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = out / "report.json"
    if not report.is_file():
        raise RuntimeError(f"DAISY Ace wrote no report:\n{proc.stdout}\n{proc.stderr}")
    data = json.loads(report.read_text(encoding="utf-8"))
    return [
        f"{doc['earl:testSubject']['url']}: {issue['earl:test']['dct:title']} "
        f"({issue['earl:test']['earl:impact']})"
        for doc in data["assertions"]
        for issue in doc["assertions"]
    ]
