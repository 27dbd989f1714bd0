"""weblate.yaml, the book's Weblate setup, against the tree: every catalog is
matched by exactly one component, every template is present, each component has
its catalog's source language; the glossary exports as TBX that translate-toolkit
reads back."""

from __future__ import annotations

import fnmatch
import os
import subprocess
from pathlib import Path

import yaml

from textbook.languages import SOURCE_LANGUAGE
from textbook.messages import DOMAIN, MSGID_LANGUAGE

ROOT = Path(__file__).resolve().parent.parent
SETUP = yaml.safe_load((ROOT / "weblate.yaml").read_text("utf-8"))
COMPONENTS = SETUP["components"]


def test_every_catalog_is_matched_by_exactly_one_component():
    catalogs = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("locales/*/LC_MESSAGES/*.po"))
    assert len(catalogs) >= 9
    for catalog in catalogs:
        matching = [c["slug"] for c in COMPONENTS if fnmatch.fnmatchcase(catalog, c["filemask"])]
        assert len(matching) == 1, (catalog, matching)


def test_each_mask_has_one_star_for_the_language_and_its_template_exists():
    templates = sorted(p.stem for p in (ROOT / "locales" / "templates").glob("*.pot"))
    assert sorted(c["slug"] for c in COMPONENTS) == templates
    for component in COMPONENTS:
        name = component["slug"]
        assert component["filemask"] == f"locales/*/LC_MESSAGES/{name}.po"
        assert (ROOT / component["new_base"]).is_file(), component["new_base"]
        assert component["new_base"] == f"locales/templates/{name}.pot"
        wanted = MSGID_LANGUAGE if name == DOMAIN else SOURCE_LANGUAGE
        assert component["source_language"] == wanted, name


def test_the_glossary_exports_as_tbx_that_translate_toolkit_reads(tmp_path):
    from translate.storage.tbx import tbxfile

    proc = subprocess.run(
        ["make", "--no-print-directory", "glossary-tbx"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, LANG="C.UTF-8"),
    )
    assert proc.returncode == 0, proc.stderr
    assert "_build/glossary/glossary-en.tbx: en terms of locales/glossary.yaml" in proc.stdout
    store = tbxfile.parsefile(str(ROOT / "_build" / "glossary" / "glossary-en.tbx"))
    terms = {unit.source: unit.target for unit in store.units}
    assert terms["pemberdayaan"] == "empowerment"
    assert terms["intervensi komunitas"] == "community intervention"
    assert terms["rekreasi nasional"] == "national recreation"
    glossary = yaml.safe_load((ROOT / "locales" / "glossary.yaml").read_text("utf-8"))
    assert len(terms) == len(glossary["terms"])
