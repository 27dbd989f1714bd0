"""Tiny bilingual project with a glossary whose definition is hostile plain text."""
import sys
from pathlib import Path

# tests/roots/<root>/conf.py -> tools/ (copies elsewhere get it on PYTHONPATH)
_tools = Path(__file__).resolve().parents[2].parent / "tools"
if _tools.is_dir():
    sys.path.insert(0, str(_tools))
extensions = ["myst_parser", "sphinxcontrib.bibtex", "textbook"]
exclude_patterns = ["_build", "locales"]
bibtex_bibfiles = ["refs.bib"]
language = "id"
locale_dirs = ["locales"]
gettext_compact = False
