"""One public address: recorded once (conf.py ``textbook_public_url``, which
CITATION.cff's ``url`` repeats); none is known yet, so every build is a preview
that says so on its landing and citation pages, and a publishing build
(``TEXTBOOK_PUBLISH=1``, as Read the Docs runs) is refused with the reason."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers.html_check import run_build
from textbook.config import preview_reason
from textbook.latex.layout import WORDS
from textbook.messages import gettext
from textbook_build.project import copy_project

ROOT = Path(__file__).resolve().parent.parent
PUBLIC = "https://buku.example.org/terbuka/"


def test_public_address_is_recorded_once_and_not_yet_set():
    conf = runpy.run_path(str(ROOT / "conf.py"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert conf["textbook_public_url"] == cff.get("url", "")
    assert conf["textbook_public_url"] == ""  # none is known: README says "not yet set"
    assert "not yet set" in (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize(
    "site, public, reason",
    [
        ("http://localhost:8000/", "", "public address is not yet set"),
        (PUBLIC, "", "public address is not yet set"),
        ("http://127.0.0.1:8000/", "http://localhost:8000/", "is a loopback address"),
        ("http://127.0.0.1:8000/", PUBLIC, "is not the public address " + PUBLIC),
        ("", PUBLIC, "(none) is not the public address"),
        (PUBLIC, PUBLIC, ""),
        (PUBLIC.rstrip("/"), PUBLIC, ""),
    ],
)
def test_preview_reason(site, public, reason):
    found = preview_reason(site, public)
    assert (reason in found) if reason else found == ""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_landing_and_citation_pages_say_preview(site, lang):
    note = gettext(WORDS["preview"], lang)
    assert note.startswith({"id": "Pratinjau", "en": "Preview"}[lang])
    for name in ("index", "cara-mengutip"):
        main = BeautifulSoup(
            (site / lang / f"{name}.html").read_text("utf-8"), "html.parser"
        ).find(attrs={"role": "main"})
        marks = [p.get_text() for p in main.select("p.textbook-preview")]
        assert marks == [note], (name, marks)


def test_publishing_a_preview_is_refused(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "book")
    monkeypatch.setenv("TEXTBOOK_PUBLISH", "1")
    for fmt in ("pdf", "epub", "html"):
        proc = run_build(project, fmt)
        assert proc.returncode == 2, (fmt, proc.stdout, proc.stderr)
        assert proc.stderr.strip() == (
            "error: TEXTBOOK_PUBLISH: refusing to publish a preview: the book's public "
            "address is not yet set (conf.py: textbook_public_url); record the public "
            "address in conf.py and CITATION.cff (url) first"
        )
        assert not (project / "_build" / fmt).exists()


def test_read_the_docs_builds_are_publishing_builds():
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text("utf-8"))
    builds = [c for c in rtd["build"]["commands"] if "textbook-build" in c]
    assert len(builds) == 3 and all("TEXTBOOK_PUBLISH=1 " in c for c in builds), builds


def test_recorded_address_publishes_without_preview_marks(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "book")
    conf = project / "conf.py"
    text = conf.read_text("utf-8")
    assert 'textbook_public_url = ""' in text
    conf.write_text(
        text.replace('textbook_public_url = ""', f'textbook_public_url = "{PUBLIC}"'), "utf-8"
    )
    monkeypatch.setenv("TEXTBOOK_PUBLISH", "1")
    proc = run_build(project, "html", "--langs", "id", site_url=PUBLIC)
    assert proc.returncode == 0, proc.stderr
    assert "a preview" not in proc.stdout
    page = (project / "_build" / "html" / "id" / "cara-mengutip.html").read_text("utf-8")
    assert "textbook-preview" not in page and f"{PUBLIC}id/." in page
