"""Which PDF the e-book takes its print pages from (tools/textbook_build/editions.py): the
published PDF of the same language, only when its build had the inputs a build would
have now (its fingerprint) and it is still the file that build wrote."""

from __future__ import annotations

from textbook_build import Project
from textbook_build.editions import current_pdf, sphinx_key


def test_the_epub_numbers_its_pages_by_a_pdf_of_the_same_inputs_only(tmp_path):
    project = Project(build=tmp_path / "_build")
    assert current_pdf(project, "id") is None  # no PDF built
    base, stage = project.download_basename(), project.stage("pdf") / "id"
    stage.mkdir(parents=True)
    (stage / f"{base}.pdf").write_bytes(b"%PDF-1.7 the stage's")
    published = project.published("pdf") / f"{base}-id.pdf"
    published.parent.mkdir(parents=True)
    published.write_bytes(b"%PDF-1.7 the stage's")
    stamp = project.stamp("latex", "id")
    stamp.parent.mkdir(parents=True)
    stamp.write_text("other code\nother sources\ndigest\n")
    assert current_pdf(project, "id") is None  # built from other sources or code
    stamp.write_text(sphinx_key(project, "latex", "id", stage)[2] + "digest\n")
    assert current_pdf(project, "id") == published
    assert current_pdf(project, "en") is None  # each language its own
    published.write_bytes(b"%PDF-1.7 replaced since")
    assert current_pdf(project, "id") is None
