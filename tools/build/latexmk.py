"""PDF from LaTeX with latexmk, and the rules that read its log."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .project import source_date_epoch

TEX_PACKAGES = ("texlive-xetex texlive-fonts-recommended texlive-lang-other latexmk xindy "
                "fonts-freefont-otf")
# kpathsea settings (texmf.cnf names, read from the environment): TeX opens no
# file outside the build folder and its TeX trees (no absolute or ../ paths, no
# dotfiles) and runs no shell command.
TEX_LOCKDOWN = {"openin_any": "p", "openout_any": "p", "shell_escape": "f"}


def latexmk(texdir: Path, tex: str, label: str) -> int:
    """PDF from ``texdir/tex`` with latexmk (xelatex, set in Sphinx's latexmkrc).

    Fails on LaTeX errors and on any ``Overfull \\vbox``: that is how rows of a
    table that does not fit the page silently disappear.
    """
    if shutil.which("latexmk") is None or shutil.which("xelatex") is None:
        print(f"[{label}] FAILED: latexmk/xelatex not found; install TeX with\n"
              f"  sudo apt-get install --no-install-recommends {TEX_PACKAGES}",
              file=sys.stderr)
        return 1
    env = dict(os.environ, SOURCE_DATE_EPOCH=source_date_epoch(), FORCE_SOURCE_DATE="1",
               LATEXOPTS="-interaction=nonstopmode -halt-on-error -file-line-error "
                         "-no-shell-escape", **TEX_LOCKDOWN)
    print(f"[{label}] latexmk {tex}", flush=True)
    proc = subprocess.run(["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", "-no-shell-escape",
                           tex], cwd=texdir,
                          env=env, capture_output=True, text=True)
    log_path = texdir / Path(tex).with_suffix(".log")
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
    if proc.returncode != 0:
        errors = [line for line in log.splitlines() if line.startswith(("!", "./"))]
        print(f"[{label}] FAILED: LaTeX error, see {log_path}\n  "
              + "\n  ".join(errors[:10] or proc.stdout.splitlines()[-10:]), file=sys.stderr)
        return 1
    overfull = [line for line in log.splitlines() if line.startswith("Overfull \\vbox")]
    if overfull:
        print(f"[{label}] FAILED: content does not fit the page (rows of a table may be "
              f"lost), see {log_path}:\n  " + "\n  ".join(overfull), file=sys.stderr)
        return 1
    return 0
