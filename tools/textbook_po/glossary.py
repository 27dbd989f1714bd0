"""``make glossary-tbx``: ``locales/glossary.yaml`` as TBX files a translation
platform imports (Weblate's glossary), one per language, written with
translate-toolkit into ``_build/glossary/glossary-<lang>.tbx``."""

from __future__ import annotations

from pathlib import Path

from textbook.languages import SOURCE_LANGUAGE

from .catalogs import ROOT, display
from .checks import GLOSSARY, load_glossary

OUT = ROOT / "_build" / "glossary"


def tbx(lang: str, glossary: Path = GLOSSARY) -> bytes:
    from translate.storage.tbx import tbxfile

    store = tbxfile(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=lang)
    for term in sorted(load_glossary(glossary), key=lambda t: t.source.casefold()):
        if lang not in term.translations:
            continue
        first, *others = term.translations[lang]
        unit = store.addsourceunit(term.source)
        unit.target = first
        if others:
            unit.addnote(f"also accepted: {', '.join(others)}", origin="translator")
    return bytes(store)


def write_all(out: Path = OUT, glossary: Path = GLOSSARY) -> list[Path]:
    langs = sorted({lang for term in load_glossary(glossary) for lang in term.translations})
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        path = out / f"glossary-{lang}.tbx"
        path.write_bytes(tbx(lang, glossary))
        written.append(path)
        print(f"{display(path)}: {lang} terms of {display(glossary)}")
    return written
