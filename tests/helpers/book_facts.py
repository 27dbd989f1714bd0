"""Facts about the real book that several test modules check (a test module never
imports another: tests/test_project.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from textbook.i18n.glossary import load_glossary

from .commands import JAVA

ROOT = Path(__file__).resolve().parents[2]
BASENAME = "pemberdayaan-masyarakat"
LANGS = ["id", "en"]
TERMS = [t for t in load_glossary(ROOT / "locales" / "glossary.yaml") if t.definition]
AUTHORS = ["Adi, Isbandi Rukminto", "Budimanta, Arif", "Erlich", "Payne", "Rothman", "Tropman"]
HEADING = {"id": "Glosarium", "en": "Glossary"}


def name(term, lang: str) -> str:
    """A glossary term as the edition in ``lang`` names it."""
    return term.source if lang == "id" else term.translations[lang][0]


def epubcheck(path: Path) -> subprocess.CompletedProcess:
    # Debian's /usr/bin/epubcheck is the jar itself, run with java -jar
    return subprocess.run(
        [*JAVA, "-jar", "/usr/bin/epubcheck", str(path)], capture_output=True, text=True
    )
