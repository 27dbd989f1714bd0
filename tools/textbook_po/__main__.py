"""Command line: ``textbook-po {update,status,check,lint,add-language,...}`` (or ``python -m textbook_po``)."""

import sys

from textbook_po.cli import main

sys.exit(main())
