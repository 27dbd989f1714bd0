"""Every HTML page links to the PDF and EPUB of its language, and the files exist."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.print

LANGS = ["id", "en"]


@pytest.fixture(scope="module")
def site(published) -> Path:
    build_dir, codes = published
    assert codes == {"pdf": 0, "epub": 0, "html": 0}, codes
    return build_dir / "html"


def download_links(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in soup.find_all("a", href=True) if "downloads/" in a["href"]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_links_to_existing_downloads_of_its_language(site, lang):
    pages = sorted((site / lang).rglob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        links = download_links(page)
        targets = [(page.parent / unquote(urlsplit(href).path)).resolve() for href in links]
        names = sorted(t.name for t in targets)
        assert names == [
            f"pemberdayaan-masyarakat-{lang}-accessible.pdf",
            f"pemberdayaan-masyarakat-{lang}.epub",
            f"pemberdayaan-masyarakat-{lang}.pdf",
        ], (page, links)
        for target in targets:
            assert target.parent == (site / "downloads").resolve(), (page, target)
            assert target.is_file() and target.stat().st_size > 10_000, (page, target)


def test_downloads_are_the_published_files(site):
    build_dir = site.parent
    for fmt in ("pdf", "epub"):
        for published in (build_dir / fmt).iterdir():
            copy = site / "downloads" / published.name
            assert copy.read_bytes() == published.read_bytes()


def test_a_later_pdf_build_refreshes_the_site_downloads(site):
    from textbook_build import Project
    from textbook_build.cli import main

    (site / "downloads" / "pemberdayaan-masyarakat-id.pdf").unlink()
    assert main(["pdf"], Project(build=site.parent)) == 0
    assert (site / "downloads" / "pemberdayaan-masyarakat-id.pdf").is_file()
    assert (site / "downloads" / "pemberdayaan-masyarakat-id.epub").is_file()


def test_pages_link_only_published_books_and_a_later_epub_build_adds_its_links(
    published, tmp_path
):
    """``make html`` with only PDFs published links no EPUB; ``make epub`` then
    rewrites the published site's pages so that every page links to the new files,
    byte for byte the site a clean build makes."""
    import shutil

    from textbook_build import Project
    from textbook_build.cli import main

    shutil.copytree(published[0] / "pdf", tmp_path / "_build" / "pdf")
    site = tmp_path / "_build" / "html"
    project = Project(build=tmp_path / "_build")
    assert main(["html"], project) == 0
    for lang in LANGS:
        for page in sorted((site / lang).rglob("*.html")):
            targets = [(page.parent / href).resolve() for href in download_links(page)]
            assert targets == [
                site.resolve() / "downloads" / f"pemberdayaan-masyarakat-{lang}{end}"
                for end in (".pdf", "-accessible.pdf")
            ], page
            assert all(target.is_file() for target in targets)
    assert main(["epub"], project) == 0
    for lang in LANGS:
        page = site / lang / "pemberdayaan.html"
        assert sorted(download_links(page)) == [
            f"../downloads/pemberdayaan-masyarakat-{lang}-accessible.pdf",
            f"../downloads/pemberdayaan-masyarakat-{lang}.epub",
            f"../downloads/pemberdayaan-masyarakat-{lang}.pdf",
        ]
        for href in download_links(page):
            assert (page.parent / href).is_file()
    clean = Project(build=tmp_path / "clean" / "_build")
    for fmt in ("pdf", "epub"):
        shutil.copytree(site.parent / fmt, clean.build / fmt)
    assert main(["html"], clean) == 0

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert files(site) == files(clean.build / "html")
