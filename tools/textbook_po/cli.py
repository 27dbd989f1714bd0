"""The translator's commands (see the package docstring)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

from textbook import messages
from textbook.edition import book_epoch
from textbook.editions import DECLARATION, EditionsError
from textbook.editions import load as load_editions
from textbook.i18n.po import catalog_text
from textbook.inputs import InputError, tree_problems
from textbook.languages import CODE
from textbook_build.project import SPHINX_FLAGS, BuildError, source_date_epoch  # one copy

from . import checks, interface, status
from . import templates as templates_mod
from .catalogs import (
    LOCALES,
    POT_DIR,
    ROOT,
    SOURCE_LANGUAGE,
    catalog_names,
    display,
    languages,
    with_source,
)
from .templates import TEMPLATES


def extract(pot_dir: Path = POT_DIR) -> int:
    """``sphinx-build -b gettext`` into ``pot_dir`` (one .pot per chapter).

    Old .pot files are removed first, so a deleted chapter leaves none behind.
    """
    for old in pot_dir.glob("*.pot"):
        old.unlink()
    cmd = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "gettext",
        *SPHINX_FLAGS,
        "-d",
        str(ROOT / "_build" / "doctrees" / "gettext"),
        "-c",
        str(ROOT),
        str(ROOT / "source"),
        str(pot_dir),
    ]
    env = dict(os.environ)
    try:
        env["SOURCE_DATE_EPOCH"] = source_date_epoch(ROOT)
    except BuildError as exc:
        if "SOURCE_DATE_EPOCH" in os.environ:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        # a copy without git: the .pot files are scratch, dated as any such build
        env["SOURCE_DATE_EPOCH"] = str(book_epoch(ROOT))
    code = subprocess.run(cmd, env=env).returncode
    if code == 0:
        interface.write_pot(pot_dir, int(env["SOURCE_DATE_EPOCH"]))
    return code


def sphinx_intl_update(
    langs: list[str], templates: Path = TEMPLATES, no_obsolete: bool = False
) -> int:
    """``sphinx-intl update`` as its library does it, from the committed templates,
    plus what its command lacks: fuzzy entries keep their previous msgid (``#|``),
    obsolete entries that were never translated are dropped, and a file is written
    (in the canonical layout) only when its content changed: a catalog a platform
    or another editor wrapped its own way stays as it is."""
    from sphinx_intl import catalog

    for pot in sorted(templates.glob("*.pot")):
        template = catalog.load_po(str(pot))
        for lang in [lang for lang in with_source(langs) if catalog_names(lang, [pot.stem])]:
            po = LOCALES / lang / "LC_MESSAGES" / f"{pot.stem}.po"
            if po.exists():
                cat = checks.read_catalog(po)
                previous = {m.id: m.previous_id for m in cat if m.previous_id}
                catalog.update_with_fuzzy(cat, template)
                for message in cat:  # still fuzzy, same msgid: Babel forgets what it was
                    if message.fuzzy and not message.previous_id and message.id in previous:
                        message.previous_id = previous[message.id]
            else:
                cat = new_catalog(pot, lang)
            for key, message in list(cat.obsolete.items()):
                if not any(
                    message.string if isinstance(message.string, tuple) else [message.string]
                ):
                    del cat.obsolete[key]
            if no_obsolete:
                cat.obsolete.clear()
            data = checks.canonical(cat, markup=pot.stem != messages.DOMAIN)
            if not po.exists() or templates_mod.layout(po) != data:
                po.parent.mkdir(parents=True, exist_ok=True)
                po.write_bytes(data)
                state = "written"
            else:
                state = "unchanged"
            print(
                f"{display(po)}: {state}, "
                f"{sum(1 for m in cat if m.id and m.fuzzy)} fuzzy, "
                f"{sum(1 for m in cat if m.id and not m.string)} untranslated"
            )
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
        where = display(exc.path) + exc.where[len(str(exc.path)) :]
        print(f"{where}: {exc.message}", file=sys.stderr)
    return 1 if errors else 0


def new_catalog(pot: Path, lang: str):
    """A new language's catalog from its template, with a complete header (as
    ``msginit --no-translator`` writes it), so msgfmt --check has nothing to warn."""
    from textbook.languages import language_name

    cat = checks.read_catalog(pot)
    cat.locale = lang
    cat.fuzzy = False
    cat.header_comment = cat.header_comment.replace(
        "SOME DESCRIPTIVE TITLE.", f"{language_name(lang)} ({lang}) translation."
    )
    cat.revision_date = cat.creation_date
    cat.last_translator = "Automatically generated"
    cat.language_team = "none"
    return cat


def cmd_update(args) -> int:
    langs = args.langs or languages()
    if not langs:
        print(
            "error: no languages in locales/ (run 'make add-language NEW_LANG=xx')",
            file=sys.stderr,
        )
        return 2
    code = refused(unreadable(langs)) or extract()
    if code:
        return code
    for path in templates_mod.sync(POT_DIR):
        print(f"{display(path)}: {'written' if path.exists() else 'removed'}")
    return sphinx_intl_update(langs, no_obsolete=args.no_obsolete)


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
    glossary = Path(args.glossary) if args.glossary else None
    try:
        problems = checks.check_all(Path(args.locales), args.langs, glossary)
        notes = checks.draft_notes(Path(args.locales), args.langs, glossary)
        notes += checks.wordlist_notes(Path(args.locales))
    except (checks.GlossaryError, EditionsError) as exc:
        print(exc)
        return 1
    if Path(args.locales) == LOCALES:  # the committed templates against the sources
        if extract() != 0:
            return 2
        problems += templates_mod.problems(POT_DIR)
    for note in notes:
        print(note)
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message)):
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in the translations", file=sys.stderr)
        return 1
    print("translations keep their markup and the glossary; msgfmt --check passes")
    return 0


def cmd_lint(args) -> int:
    from . import lint

    findings = lint.lint(Path(args.locales), args.langs)
    for finding in findings:
        print(finding)
    if findings:
        print(
            f"{len(findings)} finding(s) from pofilter and dennis (accept one with the "
            "translator comment '# po-lint: <test> (why)')",
            file=sys.stderr,
        )
        return 1
    print("pofilter and dennis: no findings")
    return 0


def cmd_glossary_tbx(args) -> int:
    from . import glossary

    try:
        glossary.write_all()
    except checks.GlossaryError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def cmd_add_language(args) -> int:
    lang = args.lang
    if not CODE.fullmatch(lang or ""):
        print(
            f"error: '{lang}' is not a language code such as 'fr' or 'pt_BR' "
            "(usage: make add-language NEW_LANG=xx)",
            file=sys.stderr,
        )
        return 2
    if lang == SOURCE_LANGUAGE:
        print(f"error: '{lang}' is the source language; it has no catalogs", file=sys.stderr)
        return 2
    if (LOCALES / lang / "LC_MESSAGES").is_dir():
        print(
            f"error: {display(LOCALES / lang)} exists already (use 'make update-po')",
            file=sys.stderr,
        )
        return 2
    if refused(unreadable(languages())):
        return 1
    if not any(TEMPLATES.glob("*.pot")):
        print(
            f"error: no templates in {display(TEMPLATES)} (run 'make update-po')", file=sys.stderr
        )
        return 2
    try:
        declare_draft(lang)
        declare_profile(lang)
    except EditionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for pot in sorted(TEMPLATES.glob("*.pot")):  # the committed templates, as a platform would
        po = LOCALES / lang / "LC_MESSAGES" / f"{pot.stem}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        po.write_bytes(
            checks.canonical(new_catalog(pot, lang), markup=pot.stem != messages.DOMAIN)
        )
    print(
        f"created {display(LOCALES / lang / 'LC_MESSAGES')}/*.po from "
        f"{display(TEMPLATES)}/*.pot and listed '{lang}' as a draft, with a profile to "
        f'complete, in {display(DECLARATION)}; translate them, then: make html LANGS="id en {lang}" '
        f"(before release: '{lang}:' terms in locales/glossary.yaml, CONTRIBUTING.md)"
    )
    return 0


def declare_draft(lang: str, path: Path = DECLARATION) -> None:
    """Add ``lang`` to the ``draft:`` list of ``locales/languages.yaml``, one line changed."""
    editions = load_editions(path)
    if lang in editions.released or lang in editions.draft:
        return
    text = path.read_text(encoding="utf-8")
    line = re.search(r"^draft:[ \t]*\[([^\]\n]*)\][ \t]*$", text, re.M)
    if not line:
        raise EditionsError(
            f"{display(path)}: no one-line 'draft: [..]' list to add '{lang}' to; add it by hand"
        )
    draft = ", ".join([*editions.draft, lang])
    path.write_text(
        text[: line.start()] + f"draft: [{draft}]" + text[line.end() :], encoding="utf-8"
    )


def declare_profile(lang: str, path: Path = DECLARATION) -> None:
    """Append a profile skeleton for ``lang`` to the ``profiles:`` of ``locales/languages.yaml``
    (the file's last block): its name and polyglossia name as Babel knows them."""
    from babel import Locale

    from textbook.editions import FIELDS
    from textbook.languages import language_name

    if lang in load_editions(path).profiles:
        return
    name = FIELDS["name"][0].match(language_name(lang)) or FIELDS["name"][0].match(lang)
    poly = Locale.parse(lang).english_name.lower() if language_name(lang) != lang else ""
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.rstrip("\n") + f"\n  {lang}:  # a skeleton: check it, add quotes and "
        f'dictionaries (see above)\n    name: "{name[0]}"\n'
        + (f"    polyglossia: {poly}\n" if FIELDS["polyglossia"][0].fullmatch(poly) else "")
        + '    date_format: "%-d %B %Y"\n',
        encoding="utf-8",
    )
    if lang not in load_editions(path).profiles:
        path.write_text(text, encoding="utf-8")
        raise EditionsError(
            f"{display(path)}: 'profiles:' is not the last block; add the "
            f"profile of '{lang}' by hand"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="textbook-po", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("update", help="extract .pot files, then update the .po files")
    p.add_argument("--langs", nargs="+")
    p.add_argument("--no-obsolete", action="store_true", help="drop #~ entries")
    p.set_defaults(func=cmd_update)
    for name, func, help_ in [
        ("status", cmd_status, "per file and language report"),
        ("check", cmd_check, "markup, glossary and msgfmt checks"),
        ("lint", cmd_lint, "pofilter and dennis, the project's settings"),
    ]:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--langs", nargs="+")
        p.add_argument("--locales", default=str(LOCALES))
        if name == "status":
            p.add_argument(
                "--pot-dir", default=None, help="existing .pot files (default: extract fresh ones)"
            )
        elif name == "check":
            p.add_argument("--glossary", default=None)
        p.set_defaults(func=func)
    p = sub.add_parser("glossary-tbx", help="locales/glossary.yaml as TBX (_build/glossary/)")
    p.set_defaults(func=cmd_glossary_tbx)
    p = sub.add_parser("add-language", help="scaffold locales/<lang>/LC_MESSAGES/*.po")
    p.add_argument("lang")
    p.set_defaults(func=cmd_add_language)
    args = parser.parse_args(argv)
    locales = Path(getattr(args, "locales", LOCALES)).absolute()
    inside = locales.is_relative_to(ROOT)  # tests check catalogs elsewhere
    files = tree_problems(
        ROOT,
        [ROOT / "source", ROOT / "coursepacks", ROOT / "bibliography.bib", *[locales][:inside]],
    )
    files += [] if inside else tree_problems(locales.parent, [locales])
    try:  # checked before anything reads a language's profile
        load_editions(DECLARATION)
    except EditionsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return refused(files) or args.func(args)
