"""An author's edit publishes every edition at once: a translated edition shows the
pending passage in Indonesian, marked lang="id" with a visible note, and the build
names the pending entry (CONTRIBUTING: "A source edit never blocks")."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from helpers.html_check import run_build
from textbook_build import copy_project

pytestmark = pytest.mark.slow

OLD = "Hal inti dari sebuah intervensi"
NEW = "Hal paling inti dari setiap intervensi"


def test_a_source_edit_publishes_both_editions_with_the_passage_marked(tmp_path):
    project = copy_project(tmp_path / "book")
    chapter = project / "source" / "pemberdayaan.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    proc = run_build(project, "html", "--langs", "id", "en")
    assert proc.returncode == 0, proc.stderr
    assert (
        "[html] a preview: canonical links, the sitemap and the ready citation name "
        "http://127.0.0.1:8000/ (set TEXTBOOK_SITE_URL" in proc.stdout
    )
    assert (
        "source/pemberdayaan.md:3: pending translation (en), published in "
        "Indonesian and marked 'not yet translated': 'Hal paling inti" in proc.stderr
    )
    site = project / "_build" / "html"
    source = BeautifulSoup((site / "id" / "pemberdayaan.html").read_text("utf-8"), "html.parser")
    assert NEW in source.get_text()
    page = BeautifulSoup((site / "en" / "pemberdayaan.html").read_text("utf-8"), "html.parser")
    pending = page.select("main .pending-translation")
    assert len(pending) == 1
    assert pending[0]["lang"] == "id" and pending[0].get_text().startswith(NEW)
    note = pending[0].select_one(".pending-note")
    assert note.get_text().strip() == "[not yet translated]" and note["lang"] == "en"
    # the rest of the chapter stays translated
    assert "Empowerment according to Payne" in page.get_text()
