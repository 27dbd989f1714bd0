"""Hostile input: a catalog (``locales/``) or the data file that tries to read a file,
run a directive or put raw HTML into the book; a chapter including a file from
outside the project. Each root under ``tests/roots/test-hostile-*`` holds one kind;
its build must fail at ``file:line`` and its output must hold none of it."""
from __future__ import annotations

import re

import pytest

from helpers.roots import copy_root, sphinx_build

PO = "locales/en/LC_MESSAGES/index.po"
REFUSED_HTML = r"ERROR: raw HTML '<script>' is not allowed in a translation"
CASES = {
    "po-include": (PO, 7, r"ERROR: directive \{include\} is not allowed in a translation"),
    "po-literalinclude": (PO, 7, r"ERROR: directive \{literalinclude\} is not allowed"),
    "po-eval-rst": (PO, 7, r"ERROR: directive \{eval-rst\} is not allowed in a translation"),
    "po-img-onerror": (PO, 7, r"ERROR: raw HTML '<img src=x onerror=alert\(1\)>' is not allowed"),
    "po-script-paragraph": (PO, 7, REFUSED_HTML),
    "po-script-cell": (PO, 7, REFUSED_HTML),
    "po-script-title": (PO, 7, REFUSED_HTML),
    "po-download-role": (PO, 7, r"ERROR: role \{download\}`\.\./.*passwd` added in translation"),
    "data-download": ("tabel.yaml", 12, r"ERROR: role \{download\} is not allowed in a data cell"),
    "data-image": ("tabel.yaml", 12, r"ERROR: an image is not allowed in a data cell"),
    "data-math": ("tabel.yaml", 12, r"ERROR: role \{math\} is not allowed in a data cell"),
    "data-attribute": ("tabel.yaml", 12, r"ERROR: attribute \{onclick=alert\(1\)\} is not "
                                         r"allowed in a data cell"),
    "chapter-include": ("index.md", 3, r"ERROR: include of /etc/passwd refused: chapters may "
                                       r"include files only from inside the project"),
}
# What would show that the hostile input got through: the password file's first
# line, the injected script or handler, a copied file.
LEAKS = re.compile(r"root:x?:0:0|<script>alert|onerror=|<img src=\"?x|<[^>]+\sonclick=")


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_fails_the_build_and_reaches_no_page(name, tmp_path):
    file, line, message = CASES[name]
    project = copy_root(f"hostile-{name}", tmp_path)
    proc, out = sphinx_build(project, "en" if name.startswith("po-") else "")
    assert proc.returncode != 0, proc.stderr
    assert re.search(re.escape(str(project / file)) + f":{line}: " + message, proc.stderr), \
        proc.stderr
    assert "Traceback" not in proc.stderr
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        assert not LEAKS.search(page.read_text(encoding="utf-8")), page
    assert not list(out.glob("_downloads/*/*")) and not list(out.glob("_images/*"))


def test_a_chapter_still_includes_its_own_files(tmp_path):
    project = copy_root("hostile-chapter-include", tmp_path)
    proc, out = sphinx_build(project)
    assert "dalam.md" not in proc.stderr
    assert "Teks dari dalam proyek." in (out / "index.html").read_text(encoding="utf-8")


def test_a_refused_translation_leaves_the_source_text_on_the_page(tmp_path):
    project = copy_root("hostile-po-script-title", tmp_path)
    proc, out = sphinx_build(project, "en")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<h1 class="pending-translation" lang="id">Judul' in html and "alert(1)" not in html


def test_a_refused_data_cell_reaches_latex_as_text(tmp_path):
    project = copy_root("hostile-data-math", tmp_path)
    proc, out = sphinx_build(project, builder="latex")
    assert proc.returncode != 0
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\input{/etc/passwd}" not in tex
    assert r"\textbackslash{}input\{/etc/passwd\}" in tex


def test_a_translated_title_reaches_latex_escaped(tmp_path):
    project = copy_root("hostile-po-latex-title", tmp_path)
    proc, out = sphinx_build(project, "en", builder="latex")
    assert proc.returncode == 0, proc.stderr  # plain text: allowed, and escaped
    tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
    title = re.search(r"^\\title\{(.*)\}$", tex, re.M).group(1)
    assert title == r"Book \textbackslash{}input\{/etc/passwd\} \textbackslash{}write18\{touch pwned\}"


@pytest.mark.print
def test_tex_reads_no_file_outside_the_build_and_runs_no_shell(tmp_path):
    """The book's latexmk call (textbook-build) on a file that tries both."""
    from textbook_build.latexmk import latexmk
    (tmp_path / "t.tex").write_text("\\documentclass{article}\\begin{document}\n"
                                    "\\immediate\\write18{touch pwned}\n"
                                    "A \\input{/etc/passwd}\n\\end{document}\n")
    assert latexmk(tmp_path, "t.tex", "hostile") != 0
    log = (tmp_path / "t.log").read_text(encoding="utf-8", errors="replace")
    assert "runsystem(touch pwned)...disabled." in log
    assert "! LaTeX Error: File `/etc/passwd.tex' not found." in log
    assert not (tmp_path / "pwned").exists() and "(/etc/passwd" not in log
