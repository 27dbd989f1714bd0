"""Outputs are what they claim to be: every XHTML, OPF and NCX file in an EPUB the
build wrote parses as XML. Otherwise an error names the file, line and column, the
build fails and ``textbook-build`` publishes nothing (an e-book reader would refuse
the book, or show a broken page, where a browser guesses)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from sphinx.util import logging

logger = logging.getLogger(__name__)
XML_MEMBERS = (".xhtml", ".opf", ".ncx")


def xml_errors(epub: Path) -> list[tuple[str, int, int, str]]:
    """``(member, line, column, reason)`` for each XML member of ``epub`` that does not parse."""
    found = []
    with zipfile.ZipFile(epub) as book:
        for member in book.namelist():
            if member.endswith(XML_MEMBERS):
                try:
                    ElementTree.fromstring(book.read(member))
                except ElementTree.ParseError as exc:
                    line, column = exc.position
                    found.append((member, line, column + 1, str(exc).split(":")[0]))
    return found


def check_epub_xml(app, exception) -> None:
    if exception or app.builder.name != "epub":
        return
    for epub in sorted(Path(app.outdir).glob("*.epub")):
        for member, line, column, reason in xml_errors(epub):
            logger.error(
                "%s: %s is not well-formed XML (%s); nothing is published",
                epub.name,
                member,
                reason,
                location=f"{Path(app.outdir, member)}:{line}:{column}",
                type="textbook",
                subtype="epub",
            )
            app.statuscode = 1


def setup_output_check(app) -> None:
    app.connect("build-finished", check_epub_xml, priority=990)  # after the zip is final
