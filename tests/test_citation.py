"""CITATION.cff: the book's citation data agrees with conf.py (title, author, edition,
licence) and has the fields the Citation File Format 1.2.0 requires."""
from __future__ import annotations

import runpy
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_citation_file_matches_the_book():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    conf = runpy.run_path(str(ROOT / "conf.py"))
    for field in ("cff-version", "message", "title", "authors"):  # required by CFF 1.2.0
        assert cff.get(field), field
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == cff["preferred-citation"]["title"] == conf["project"]
    assert [a["name"] for a in cff["authors"]] == [conf["author"]]
    assert cff["version"] == cff["preferred-citation"]["edition"] == conf["release"]
    assert "CC BY-SA 4.0" in conf["copyright"] and cff["license"] == "CC-BY-SA-4.0"
    assert cff["preferred-citation"]["type"] == "book"
