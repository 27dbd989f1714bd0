import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
extensions = ["myst_parser", "textbook"]
exclude_patterns = ["_build"]
