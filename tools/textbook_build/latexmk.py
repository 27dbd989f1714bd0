"""PDF from LaTeX with latexmk, and the rules that read its log."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from .project import source_date_epoch
from .runner import run_command

TEX_PACKAGES = (
    "texlive-xetex texlive-fonts-recommended texlive-lang-other latexmk xindy fonts-freefont-otf"
)
# kpathsea settings (texmf.cnf names, read from the environment): TeX opens no
# file outside the build folder and its TeX trees (no absolute or ../ paths, no
# dotfiles) and runs no shell command.
TEX_LOCKDOWN = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}
# A TeX error anywhere in a line (TeX does not always start one on a new line):
# "! message" or, with -file-line-error, "./file.tex:12: message".
TEX_ERROR = re.compile(r"(?:^|(?<=[\s)]))(! .+|\.?/?[\w./-]+\.(?:tex|sty|cls):\d+: .+)$", re.M)
OVERFULL_VBOX = re.compile(r"^Overfull \\vbox.*$", re.M)


def tex_errors(log: str) -> list[str]:
    """The TeX error lines of ``log`` (each cut to 300 characters)."""
    return [m.group(1)[:300] for m in TEX_ERROR.finditer(log)]


XINDYOPTS = re.compile(r"^export XINDYOPTS = (.*)$", re.M)


def xindy_options(texdir: Path) -> str:
    """The index's xindy options, as Sphinx wrote them into its Makefile (latexmkrc reads
    them from the environment): for Indonesian ``-L general``, plain a-z order, as the
    Indonesian alphabet has no letters of its own; ``-M sphinx.xdy``, Sphinx's rules."""
    makefile = texdir / "Makefile"
    found = XINDYOPTS.search(makefile.read_text("utf-8")) if makefile.is_file() else None
    return found.group(1).strip() if found else "-L general -C utf8 -M sphinx.xdy"


def latexmk(texdir: Path, tex: str, label: str, epoch: str | None = None) -> int:
    """PDF from ``texdir/tex`` with latexmk (xelatex, set in Sphinx's latexmkrc).

    Fails on LaTeX errors and on any ``Overfull \\vbox``: that is how rows of a
    table that does not fit the page silently disappear.
    """
    if shutil.which("latexmk") is None or shutil.which("xelatex") is None:
        print(
            f"[{label}] FAILED: latexmk/xelatex not found; install TeX with\n"
            f"  sudo apt-get install --no-install-recommends {TEX_PACKAGES}",
            file=sys.stderr,
        )
        return 1
    env = dict(
        os.environ,
        SOURCE_DATE_EPOCH=epoch or source_date_epoch(),
        XINDYOPTS=xindy_options(texdir),
        FORCE_SOURCE_DATE="1",
        LATEXOPTS="-interaction=nonstopmode -halt-on-error -file-line-error -no-shell-escape",
        **TEX_LOCKDOWN,
    )
    print(f"[{label}] latexmk {tex}", flush=True)
    output = texdir / "latexmk.out"  # latexmk's own chatter, read only when TeX says nothing
    with output.open("wb") as out:
        code = run_command(
            ["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", "-no-shell-escape", tex],
            cwd=texdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    log_path = texdir / Path(tex).with_suffix(".log")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
    if code != 0:
        errors = tex_errors(log)
        if not errors:
            said = output.read_text(encoding="utf-8", errors="replace").splitlines()
            errors = [line for line in said if "rror" in line][-5:] or said[-5:]
        print(
            f"[{label}] FAILED: LaTeX error, see {log_path}\n  " + "\n  ".join(errors[:10]),
            file=sys.stderr,
        )
        return 1
    overfull = OVERFULL_VBOX.findall(log)
    if overfull:
        print(
            f"[{label}] FAILED: content does not fit the page (rows of a table may be "
            f"lost), see {log_path}:\n  " + "\n  ".join(overfull),
            file=sys.stderr,
        )
        return 1
    write_xmp(texdir / Path(tex).with_suffix(".pdf"), env["SOURCE_DATE_EPOCH"])
    return 0


# the PDF Info entries the LaTeX preamble adds for the XMP (textbook/latex/layout.py)
XMP_INFO = {
    "rights": "/TextbookRights",
    "licence_url": "/TextbookLicence",
    "version": "/TextbookVersion",
    "languages": "/TextbookLanguages",
}


def write_xmp(pdf_path: Path, epoch: str) -> None:
    """The PDF's XMP metadata (templates/xmp.xml) from its Info, written once after
    latexmk (hyperxmp cost seconds on every xelatex pass)."""
    import jinja2
    import pikepdf

    with pikepdf.open(pdf_path, allow_overwriting_input=True) as pdf:
        info = pdf.docinfo
        fields = {key: str(info.get(name, "")) for key, name in XMP_INFO.items()}
        langs = fields["languages"].split(",") if fields["languages"] else [str(pdf.Root.Lang)]
        date = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(epoch)))
        document = uuid.uuid5(uuid.NAMESPACE_URL, f"textbook:{','.join(langs)}")
        templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
            autoescape=True,
            trim_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        xmp = templates.get_template("xmp.xml").render(
            fields,
            languages=[lang.strip() for lang in langs],
            date=date,
            title=str(info.get("/Title", "")),
            author=str(info.get("/Author", "")),
            creator=str(info.get("/Creator", "")),
            producer=str(info.get("/Producer", "")),
            document_id=document,
            instance_id=uuid.uuid5(document, date),
        )
        for name in XMP_INFO.values():
            if name in info:
                del info[name]
        pdf.Root.Metadata = pdf.make_stream(
            xmp.encode("utf-8"), Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML
        )
        pdf.save(pdf_path, deterministic_id=True)
