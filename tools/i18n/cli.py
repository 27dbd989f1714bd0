"""The translator's commands (see the package docstring)."""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from .catalogs import (LOCALES, POT_DIR, ROOT, SOURCE_LANGUAGE, catalog_names, display,
                       languages, with_source)
from . import checks, interface, status
from textbook import messages

from build.project import SPHINX_FLAGS, BuildError, source_date_epoch  # tools/build: the one copy
from textbook.i18n.po import catalog_text
from textbook.inputs import InputError, tree_problems
LANG_RE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def extract(pot_dir: Path = POT_DIR) -> int:
    """``sphinx-build -b gettext`` into ``pot_dir`` (one .pot per chapter).

    Old .pot files are removed first, so a deleted chapter leaves none behind.
    """
    for old in pot_dir.glob("*.pot"):
        old.unlink()
    cmd = [sys.executable, "-m", "sphinx", "-b", "gettext", *SPHINX_FLAGS,
           "-d", str(ROOT / "_build" / "doctrees" / "gettext"), "-c", str(ROOT),
           str(ROOT / "source"), str(pot_dir)]
    try:
        epoch = source_date_epoch(ROOT)
    except BuildError:  # a copy without git: the .pot files are scratch, not the book
        epoch = "0"
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    code = subprocess.run(cmd, env=env).returncode
    if code == 0:
        interface.write_pot(pot_dir, int(env["SOURCE_DATE_EPOCH"]))
    return code


def sphinx_intl_update(langs: list[str], pot_dir: Path = POT_DIR,
                       no_obsolete: bool = False) -> int:
    """``sphinx-intl update`` as its library does it, plus what its command lacks:
    fuzzy entries keep their previous msgid (``#|``), obsolete entries that were
    never translated are dropped, and every file is written in the canonical
    format (Babel's, 76 columns) even when no message changed."""
    from sphinx_intl import catalog

    for pot in sorted(pot_dir.glob("*.pot")):
        template = catalog.load_po(str(pot))
        for lang in [lang for lang in with_source(langs) if catalog_names(lang, [pot.stem])]:
            po = LOCALES / lang / "LC_MESSAGES" / f"{pot.stem}.po"
            if po.exists():
                cat = checks.read_catalog(po)
                before, created = {m.id for m in cat if m.id}, cat.creation_date
                previous = {m.id: m.previous_id for m in cat if m.previous_id}
                catalog.update_with_fuzzy(cat, template)
                for message in cat:  # still fuzzy, same msgid: Babel forgets what it was
                    if message.fuzzy and not message.previous_id and message.id in previous:
                        message.previous_id = previous[message.id]
                if {m.id for m in cat if m.id} == before:
                    cat.creation_date = created  # no new message: no new date
            else:
                cat = catalog.load_po(str(pot))
                cat.locale = lang
            for key, message in list(cat.obsolete.items()):
                if not any(message.string if isinstance(message.string, tuple)
                           else [message.string]):
                    del cat.obsolete[key]
            if no_obsolete:
                cat.obsolete.clear()
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_bytes(checks.canonical(cat, markup=pot.stem != messages.DOMAIN))
            print(f"{display(po)}: {sum(1 for m in cat if m.id and m.fuzzy)} fuzzy, "
                  f"{sum(1 for m in cat if m.id and not m.string)} untranslated")
    return 0


def unreadable(langs: list[str]) -> list[InputError]:
    """The catalogs of ``langs`` that cannot be read as UTF-8 (``po.catalog_text``)."""
    errors = []
    for lang in with_source(langs):
        for po in sorted((LOCALES / lang / "LC_MESSAGES").glob("*.po")):
            try:
                catalog_text(po)
            except InputError as exc:
                errors.append(exc)
    return errors


def refused(errors: list[InputError]) -> int:
    """Print each error at its place (relative to the project); 1 when there was one."""
    for exc in errors:
        where = display(exc.path) + exc.where[len(str(exc.path)):]
        print(f"{where}: {exc.message}", file=sys.stderr)
    return 1 if errors else 0


def cmd_update(args) -> int:
    langs = args.langs or languages()
    if not langs:
        print("error: no languages in locales/ (run 'make add-language NEW_LANG=xx')",
              file=sys.stderr)
        return 2
    return refused(unreadable(langs)) or extract() or sphinx_intl_update(langs, no_obsolete=args.no_obsolete)


def cmd_status(args) -> int:
    if args.pot_dir is None:
        args.pot_dir = str(POT_DIR)
        if extract() != 0:
            return 2
    try:
        rows = status.collect(Path(args.pot_dir), Path(args.locales), args.langs)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(status.report(rows))
    problems = sorted(p for r in rows for p in r.problems)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s): the catalogs are not complete", file=sys.stderr)
    return 1 if problems else 0


def cmd_check(args) -> int:
    try:
        problems = checks.check_all(Path(args.locales), args.langs,
                                    Path(args.glossary) if args.glossary else None)
    except checks.GlossaryError as exc:
        print(exc)
        return 1
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message)):
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the translations", file=sys.stderr)
        return 1
    print("translations keep their markup and the glossary; msgfmt --check passes")
    return 0


def cmd_add_language(args) -> int:
    lang = args.lang
    if not LANG_RE.match(lang or ""):
        print(f"error: '{lang}' is not a language code such as 'fr' or 'pt_BR' "
              "(usage: make add-language NEW_LANG=xx)", file=sys.stderr)
        return 2
    if lang == SOURCE_LANGUAGE:
        print(f"error: '{lang}' is the source language; it has no catalogs", file=sys.stderr)
        return 2
    if (LOCALES / lang / "LC_MESSAGES").is_dir():
        print(f"error: {display(LOCALES / lang)} exists already (use 'make update-po')",
              file=sys.stderr)
        return 2
    code = refused(unreadable(languages())) or extract() or sphinx_intl_update([lang])
    if code == 0:
        print(f"created {display(LOCALES / lang / 'LC_MESSAGES')}/*.po; translate them, fill "
              f"Last-Translator and PO-Revision-Date in their headers, add '{lang}:' to "
              f"locales/glossary.yaml (CONTRIBUTING.md: interface words), then: "
              f"make html LANGS=\"id en {lang}\"")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="i18n", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("update", help="extract .pot files, then update the .po files")
    p.add_argument("--langs", nargs="+")
    p.add_argument("--no-obsolete", action="store_true", help="drop #~ entries")
    p.set_defaults(func=cmd_update)
    for name, func, help_ in [("status", cmd_status, "per file and language report"),
                              ("check", cmd_check, "markup, glossary and msgfmt checks")]:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--langs", nargs="+")
        p.add_argument("--locales", default=str(LOCALES))
        if name == "status":
            p.add_argument("--pot-dir", default=None,
                           help="existing .pot files (default: extract fresh ones)")
        else:
            p.add_argument("--glossary", default=None)
        p.set_defaults(func=func)
    p = sub.add_parser("add-language", help="scaffold locales/<lang>/LC_MESSAGES/*.po")
    p.add_argument("lang")
    p.set_defaults(func=cmd_add_language)
    args = parser.parse_args(argv)
    locales = Path(getattr(args, "locales", LOCALES)).absolute()
    inside = locales.is_relative_to(ROOT)  # tests check catalogs elsewhere
    files = tree_problems(ROOT, [ROOT / "source", ROOT / "coursepacks", ROOT / "bibliography.bib",
                                 *[locales][:inside]])
    files += [] if inside else tree_problems(locales.parent, [locales])
    return refused(files) or args.func(args)
