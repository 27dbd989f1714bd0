"""Byte-identical e-books: the EPUB zip without file times and modes.

Sphinx's EPUB builder zips its files with ``ZipFile.write``, which stores each
file's modification time and permission bits, so two builds of the same
sources differ. After the build the archive is rewritten with every entry
dated ``SOURCE_DATE_EPOCH`` (zip cannot store dates before 1980), mode 0644,
in the same order and with the same compression (``mimetype`` stays first and
stored, as EPUB requires).
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from ..edition import book_epoch

ZIP_EPOCH_MIN = 315532800  # 1980-01-01T00:00:00Z


def normalize_zip(path: Path, epoch: int) -> None:
    date_time = time.gmtime(max(epoch, ZIP_EPOCH_MIN))[:6]
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as dst:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time)
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o100644 << 16
            fixed.create_system = 3  # Unix, so the mode above is read
            dst.writestr(fixed, data)
    tmp.replace(path)


def _normalize_epub(app, exception) -> None:
    if exception is not None or app.builder.name not in ("epub", "epub3"):
        return
    epub = Path(app.outdir) / f"{app.config.epub_basename}.epub"
    if epub.is_file():
        normalize_zip(epub, book_epoch())


def setup_reproducible(app) -> None:
    app.connect("build-finished", _normalize_epub, priority=900)  # after the zip is written
