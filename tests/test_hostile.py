"""Hostile input: a catalog (``locales/``) or the data file that tries to read a file,
run a directive or put raw HTML into the book; a chapter including a file from
outside the project. Each catalog case is one msgstr (MSGSTRS) written into the root
``tests/roots/test-hostile-po``; each other root under ``tests/roots/test-hostile-*``
holds one kind. The build must fail at ``file:line`` and its output hold none of it."""

from __future__ import annotations

import re

import polib
import pytest

from helpers.roots import copy_root, sphinx_build

PO = "locales/en/LC_MESSAGES/index.po"
REFUSED_HTML = r"ERROR: raw HTML '<script>' is not allowed in a translation"
PARAGRAPH, CELL, TITLE = "Paragraf satu.", "teks sel", "Judul"  # msgids of the root's index.md
# case -> (msgid, hostile msgstr, the message at the msgstr's line, 7)
MSGSTRS = {
    "po-include": (
        PARAGRAPH,
        "```{include} ../../../../../../../../etc/passwd\n```",
        r"ERROR: directive \{include\} is not allowed in a translation",
    ),
    "po-literalinclude": (
        PARAGRAPH,
        "```{literalinclude} /../../../../../../../etc/passwd\n```",
        r"ERROR: directive \{literalinclude\} is not allowed",
    ),
    "po-eval-rst": (
        PARAGRAPH,
        "```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```",
        r"ERROR: directive \{eval-rst\} is not allowed in a translation",
    ),
    "po-img-onerror": (
        PARAGRAPH,
        "Paragraph <img src=x onerror=alert(1)> one.",
        r"ERROR: raw HTML '<img src=x onerror=alert\(1\)>' is not allowed",
    ),
    "po-script-paragraph": (PARAGRAPH, "Paragraph <script>alert(1)</script> one.", REFUSED_HTML),
    "po-script-cell": (CELL, "cell <script>alert(1)</script> text", REFUSED_HTML),
    "po-script-title": (TITLE, "Title<script>alert(1)</script>", REFUSED_HTML),
    "po-download-role": (
        PARAGRAPH,
        "Paragraph {download}`../../../../../../../etc/passwd` one.",
        r"ERROR: role \{download\}`\.\./.*passwd` added in translation",
    ),
}
CASES = {
    **{name: (PO, 7, message) for name, (_, _, message) in MSGSTRS.items()},
    "data-download": ("tabel.yaml", 12, r"ERROR: role \{download\} is not allowed in a data cell"),
    "data-image": ("tabel.yaml", 12, r"ERROR: an image is not allowed in a data cell"),
    "data-math": ("tabel.yaml", 12, r"ERROR: role \{math\} is not allowed in a data cell"),
    "data-attribute": (
        "tabel.yaml",
        12,
        r"ERROR: attribute \{onclick=alert\(1\)\} is not "
        r"allowed in a data cell",
    ),
    "chapter-include": (
        "index.md",
        3,
        r"ERROR: include of /etc/passwd refused: chapters may "
        r"include files only from inside the project",
    ),
}
# What would show that the hostile input got through: the password file's first
# line, the injected script or handler, a copied file.
LEAKS = re.compile(r"root:x?:0:0|<script>alert|onerror=|<img src=\"?x|<[^>]+\sonclick=")


def po_text(text: str) -> str:
    """``text`` as a PO string, one quoted line per line of it (as an editor writes it)."""
    lines = text.splitlines(keepends=True)
    quoted = [f'"{polib.escape(line)}"' for line in lines]
    return quoted[0] if len(quoted) == 1 else "\n".join(['""', *quoted])


def hostile_project(name: str, tmp_path):
    """The case's root; a catalog case gets its one-entry catalog (msgstr on line 7)."""
    if name not in MSGSTRS:
        return copy_root(f"hostile-{name}", tmp_path)
    project = copy_root("hostile-po", tmp_path)
    msgid, msgstr, _ = MSGSTRS[name]
    catalog = project / PO
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f"msgid {po_text(msgid)}\nmsgstr {po_text(msgstr)}\n",
        encoding="utf-8",
    )
    return project


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_fails_the_build_and_reaches_no_page(name, tmp_path):
    file, line, message = CASES[name]
    project = hostile_project(name, tmp_path)
    proc, out = sphinx_build(project, "en" if name.startswith("po-") else "")
    assert proc.returncode != 0, proc.stderr
    assert re.search(re.escape(str(project / file)) + f":{line}: " + message, proc.stderr), (
        proc.stderr
    )
    assert "Traceback" not in proc.stderr
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        assert not LEAKS.search(page.read_text(encoding="utf-8")), page
    assert not list(out.glob("_downloads/*/*")) and not list(out.glob("_images/*"))


SWAP = """
def setup(app):
    from pathlib import Path

    def swap(app):  # a pull or a platform's sync, after staging, before the checks
        Path(app.confdir, "{po}").write_text({text!r}, encoding="utf-8")

    app.connect("builder-inited", swap, priority=100)
"""


@pytest.mark.parametrize("first", ["hostile", "clean"])
def test_a_catalog_replaced_during_the_build_publishes_only_what_was_checked(first, tmp_path):
    project = hostile_project("po-img-onerror", tmp_path)
    catalog = project / PO
    hostile = catalog.read_text(encoding="utf-8")
    clean = hostile.replace("<img src=x onerror=alert(1)>", "clean")
    catalog.write_text(hostile if first == "hostile" else clean, encoding="utf-8")
    with (project / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(SWAP.format(po=PO, text=clean if first == "hostile" else hostile))
    proc, out = sphinx_build(project, "en")
    html = (out / "index.html").read_text(encoding="utf-8")
    assert not LEAKS.search(html)
    if first == "hostile":  # the copy Sphinx compiles is the one checked: refused
        assert proc.returncode != 0
        assert f"{catalog}:7: ERROR: raw HTML" in proc.stderr, proc.stderr
        assert "Paragraf satu." in html
    else:  # the clean copy was checked and published; the new file waits for the next build
        assert proc.returncode == 0, proc.stderr
        assert "Paragraph clean one." in html


def test_a_chapter_still_includes_its_own_files(tmp_path):
    project = copy_root("hostile-chapter-include", tmp_path)
    proc, out = sphinx_build(project)
    assert "dalam.md" not in proc.stderr
    assert "Teks dari dalam proyek." in (out / "index.html").read_text(encoding="utf-8")


def test_a_refused_translation_leaves_the_source_text_on_the_page(tmp_path):
    project = hostile_project("po-script-title", tmp_path)
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
    assert (
        title
        == r"Book \textbackslash{}input\{/etc/passwd\} \textbackslash{}write18\{touch pwned\}"
    )


@pytest.mark.print
def test_tex_reads_no_file_outside_the_build_and_runs_no_shell(tmp_path):
    """The book's latexmk call (textbook-build) on a file that tries both."""
    from textbook_build.latexmk import latexmk

    (tmp_path / "t.tex").write_text(
        "\\documentclass{article}\\begin{document}\n"
        "\\immediate\\write18{touch pwned}\n"
        "A \\input{/etc/passwd}\n\\end{document}\n"
    )
    assert latexmk(tmp_path, "t.tex", "hostile") != 0
    log = (tmp_path / "t.log").read_text(encoding="utf-8", errors="replace")
    assert "runsystem(touch pwned)...disabled." in log
    assert "! LaTeX Error: File `/etc/passwd.tex' not found." in log
    assert not (tmp_path / "pwned").exists() and "(/etc/passwd" not in log
