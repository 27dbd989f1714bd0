"""Command line: ``python tools/i18n {update,status,check,add-language}``."""
from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as ``python tools/i18n``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "i18n"

from i18n.cli import main  # noqa: E402

sys.exit(main())
