"""Command line: ``python tools/build {html,pdf,epub,coursepack} ...``."""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as ``python tools/build``
    here = str(Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p != here]
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "build"

from build.cli import main  # noqa: E402

sys.exit(main())
