"""The e-book edition: `make epub` through tools/build, checked with epubcheck."""
from __future__ import annotations

import re
import subprocess
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers.latex_check import catalog, normalise, table_text_problems

pytestmark = [pytest.mark.epub, pytest.mark.print]  # `published` builds the PDFs too

LANGS = ["id", "en"]
BASENAME = "pemberdayaan-masyarakat"
TITLE = "Pemberdayaan, Pengembangan Masyarakat dan Intervensi Komunitas"


@pytest.fixture(scope="module")
def epubs(published) -> dict[str, Path]:
    build_dir, codes = published
    assert codes["epub"] == 0, "tools/build epub failed (see the captured output)"
    return {lang: build_dir / "epub" / f"{BASENAME}-{lang}.epub" for lang in LANGS}


def epubcheck(path: Path) -> subprocess.CompletedProcess:
    # Debian's /usr/bin/epubcheck is the jar itself, run with java -jar
    return subprocess.run(["java", "-jar", "/usr/bin/epubcheck", str(path)],
                          capture_output=True, text=True)


def metadata(path: Path) -> dict[str, list[str]]:
    """Dublin Core fields (and meta properties) of the package document."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("content.opf"))
    found: dict[str, list[str]] = {}
    for el in root.find("{http://www.idpf.org/2007/opf}metadata"):
        name = el.get("property") or el.tag.rsplit("}", 1)[-1]
        found.setdefault(name, []).append(el.text or "")
    return found


def test_one_epub_per_language_is_published(published, epubs):
    assert sorted(p.name for p in (published[0] / "epub").iterdir()) == sorted(
        p.name for p in epubs.values())


@pytest.mark.parametrize("lang", LANGS)
def test_epubcheck_reports_nothing(epubs, lang):
    proc = epubcheck(epubs[lang])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in proc.stdout, proc.stdout


def test_epubcheck_catches_a_broken_epub(epubs, tmp_path):
    """The check above can fail: a book with a dangling link is reported."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epubs["id"]) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "index.xhtml":
                data = data.replace(b'href="pemberdayaan.xhtml', b'href="missing.xhtml', 1)
            dst.writestr(item, data)
    proc = epubcheck(broken)
    assert proc.returncode != 0 and "missing.xhtml" in proc.stdout + proc.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_in_the_book_language(epubs, lang):
    meta = metadata(epubs[lang])
    title = TITLE if lang == "id" else catalog("en", "index")[TITLE]
    assert meta["language"] == [lang]
    assert meta["title"] == [title]
    assert meta["creator"] == ["Tim Buku Ajar Terbuka"]
    assert re.fullmatch(r"\d{4}, Tim Buku Ajar Terbuka\. CC BY-SA 4\.0", meta["rights"][0])
    assert re.fullmatch(r"uuid-[0-9a-f-]{36}", meta["identifier"][0])
    for field, values in meta.items():
        assert all(v.strip() not in {"", "unknown"} for v in values), (field, values)


def test_each_edition_has_its_own_identifier(epubs):
    assert len({metadata(path)["identifier"][0] for path in epubs.values()}) == len(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_front_page_cards_link_to_the_chapters(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as z:
        soup = BeautifulSoup(z.read("index.xhtml"), "html.parser")
        names = set(z.namelist())
    cards = soup.select(".sd-card")
    assert len(cards) == 3
    for card in cards:
        link = card.select_one("a.sd-stretched-link")
        assert link["href"].split("#")[0] in names
        assert card.select_one(".sd-card-title").get_text(strip=True)
    assert "_static/sphinx-design.min.css" in names


@pytest.mark.parametrize("lang", LANGS)
def test_every_cell_of_the_comparison_table_is_in_the_epub(epubs, lang):
    with zipfile.ZipFile(epubs[lang]) as z:
        soup = BeautifulSoup(z.read("model-intervensi.xhtml"), "html.parser")
    table = soup.select_one("table.model-comparison")
    assert table is not None
    assert table_text_problems(table.get_text(" "), lang) == []
    assert normalise(table.get_text()) != ""


@pytest.mark.parametrize("lang", LANGS)
def test_tables_fit_the_reading_width(epubs, lang):
    """e-readers clip wide tables: the CSS fixes the width, the table keeps its widths."""
    with zipfile.ZipFile(epubs[lang]) as z:
        css = z.read("_static/textbook-epub.css").decode()
        pages = {n: BeautifulSoup(z.read(n), "html.parser") for n in z.namelist()
                 if n.endswith(".xhtml") and n != "nav.xhtml"}
    assert "table-layout: fixed" in css and "width: 100%" in css
    for name, soup in pages.items():
        if soup.find("table"):
            hrefs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
            assert "_static/textbook-epub.css" in hrefs, name
    table = pages["model-intervensi.xhtml"].select_one("table.model-comparison")
    widths = [col.get("style") for col in table.select("colgroup col")]
    assert widths == [f"width: {w:.1f}%" for w in (5, 19, 25, 25, 26)], widths
