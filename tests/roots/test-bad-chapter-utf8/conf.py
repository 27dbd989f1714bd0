import sys
from pathlib import Path

# tests/roots/<root>/conf.py -> tools/ (copies elsewhere get it on PYTHONPATH)
_tools = Path(__file__).resolve().parents[2].parent / "tools"
if _tools.is_dir():
    sys.path.insert(0, str(_tools))
extensions = ["myst_parser", "sphinxcontrib.bibtex", "textbook"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
language = "id"
