"""The extension's interface words (gettext domain ``textbook``): extraction."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

from babel.messages import Catalog, extract, pofile

from textbook.messages import DOMAIN

from .catalogs import ROOT

EXTENSION = ROOT / "tools" / "textbook"
KEYWORDS = {**extract.DEFAULT_KEYWORDS, "NP_": ((1, "c"), 2)}
METHODS = [("**.py", "python"), ("**/theme/**.html", "jinja2.ext:babel_extract")]
PACK_FILE_MESSAGES = (
    ROOT / "tools" / "textbook_build" / "packfile.py"
)  # a teacher's command's words


def template(epoch: int = 0) -> Catalog:
    """Every msgid marked in the extension's code and theme templates."""
    catalog = Catalog(
        project=f"{DOMAIN} (the book's interface words)",
        msgid_bugs_address="",
        fuzzy=False,
        creation_date=datetime.datetime.fromtimestamp(epoch, datetime.UTC),
    )
    options = dict(keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True)
    found = [
        (f"tools/textbook/{name}", *rest)
        for name, *rest in extract.extract_from_dir(EXTENSION, METHODS, **options)
    ]
    with PACK_FILE_MESSAGES.open("rb") as code:
        found += [
            (PACK_FILE_MESSAGES.relative_to(ROOT).as_posix(), *rest)
            for rest in extract.extract("python", code, **options)
        ]
    for name, _line, message, comments, context in found:
        catalog.add(
            message,
            locations=[(name, None)],  # no line: no churn
            auto_comments=comments,
            context=context,
        )
    return catalog


def write_pot(pot_dir: Path, epoch: int = 0) -> Path:
    pot_dir.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    pofile.write_po(out, template(epoch), width=76, omit_header=False)
    path = pot_dir / f"{DOMAIN}.pot"
    path.write_bytes(out.getvalue())
    return path
