"""Command line: ``textbook-build {html,pdf,epub,coursepack,...}`` (or ``python -m textbook_build``)."""

import sys

from textbook_build.cli import main

sys.exit(main())
