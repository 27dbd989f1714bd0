"""Per file and language: translated, fuzzy, untranslated, missing and stale messages.

``sphinx-intl stat`` counts fuzzy entries as translated; this report does not.
Missing = in the fresh .pot but not in the .po; stale = in the .po (active or
``#~`` obsolete) but no longer in the .pot.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from textbook.inputs import InputError

from .catalogs import (
    LOCALES,
    POT_DIR,
    Lines,
    Problem,
    active,
    catalog_names,
    display,
    languages,
    load,
    with_source,
)


@dataclass
class FileStatus:
    lang: str
    name: str
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    missing: int = 0
    stale: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.problems


def _short(msgid: str, width: int = 60) -> str:
    text = " ".join(msgid.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def word_diff(old: str, new: str) -> str:
    """``new`` with the words it dropped as ``[-…-]`` and added as ``{+…+}`` (wdiff)."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += a[i1:i2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def file_status(lang: str, pot_path: Path | None, po_path: Path) -> FileStatus:
    name = (pot_path or po_path).stem
    st = FileStatus(lang, name)
    where = display(po_path)
    if not po_path.exists():
        pot = load(pot_path)
        st.total = st.missing = len(active(pot))
        st.problems.append(
            Problem(where, 0, f"catalog missing ({st.missing} messages; run 'make update-po')")
        )
        return st
    try:
        po = load(po_path)  # a regular UTF-8 file (po.catalog_text)
    except (InputError, OSError) as exc:  # polib: "Syntax error in po file (line 12)"
        line = getattr(exc, "line", None) or int((re.findall(r"line (\d+)", str(exc)) or [1])[0])
        message = exc.message if isinstance(exc, InputError) else "PO syntax error"
        st.problems.append(Problem(where, line, f"{message} (nothing counted)"))
        return st
    at = Lines(po_path)
    pot_ids = {(e.msgctxt, e.msgid): e for e in active(load(pot_path))} if pot_path else {}
    pot_at = Lines(pot_path) if pot_path else None
    seen = set()
    for entry in po:
        if not entry.msgid:
            continue
        line = at.of_msgid(entry)
        if entry.obsolete:
            st.stale += 1
            st.problems.append(
                Problem(
                    where,
                    line,
                    f"obsolete entry (#~) {_short(entry.msgid)}: "
                    "reuse its translation, then delete it",
                )
            )
            continue
        key = (entry.msgctxt, entry.msgid)
        seen.add(key)
        if key not in pot_ids:
            st.stale += 1
            st.problems.append(
                Problem(
                    where,
                    line,
                    f"stale message, no longer in the sources: "
                    f"{_short(entry.msgid)} (run 'make update-po')",
                )
            )
            continue
        st.total += 1
        if "fuzzy" in entry.flags:
            st.fuzzy += 1
            change = (
                f"\n    source changed: {word_diff(entry.previous_msgid, entry.msgid)}"
                if entry.previous_msgid
                else ""
            )
            st.problems.append(
                Problem(
                    where,
                    line,
                    f"fuzzy translation {_short(entry.msgid)}: "
                    "check it, then remove the 'fuzzy' flag" + change,
                )
            )
        elif not entry.translated():
            st.untranslated += 1
            st.problems.append(Problem(where, line, f"untranslated {_short(entry.msgid)}"))
        else:
            st.translated += 1
    for key, entry in pot_ids.items():
        if key not in seen:
            st.total += 1
            st.missing += 1
            st.problems.append(
                Problem(
                    display(pot_path),
                    pot_at.of_msgid(entry),
                    f"message missing from {where}: {_short(entry.msgid)} (run 'make update-po')",
                )
            )
    return st


def collect(
    pot_dir: Path = POT_DIR, locales: Path = LOCALES, langs: list[str] | None = None
) -> list[FileStatus]:
    if not pot_dir.is_dir() or not any(pot_dir.glob("*.pot")):
        raise FileNotFoundError(f"no .pot files in {display(pot_dir)} (run 'make gettext')")
    pots = {p.stem: p for p in sorted(pot_dir.glob("*.pot"))}
    result = []
    for lang in langs or with_source(languages(locales)):
        folder = locales / lang / "LC_MESSAGES"
        pos = {p.stem: p for p in sorted(folder.glob("*.po"))}
        for name in catalog_names(lang, sorted(set(pots) | set(pos))):
            result.append(file_status(lang, pots.get(name), pos.get(name, folder / f"{name}.po")))
    return result


def report(rows: list[FileStatus]) -> str:
    head = (
        f"{'lang':<5} {'catalog':<20} {'total':>5} {'done':>5} {'fuzzy':>5} "
        f"{'untr.':>5} {'miss.':>5} {'stale':>5}  %"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        pct = 100.0 * r.translated / r.total if r.total else 100.0
        lines.append(
            f"{r.lang:<5} {r.name:<20} {r.total:>5} {r.translated:>5} {r.fuzzy:>5} "
            f"{r.untranslated:>5} {r.missing:>5} {r.stale:>5}  {pct:5.1f}"
        )
    by_lang: dict[str, list[FileStatus]] = {}
    for r in rows:
        by_lang.setdefault(r.lang, []).append(r)
    for lang, group in by_lang.items():
        total = sum(r.total for r in group)
        done = sum(r.translated for r in group)
        lines.append(
            f"{lang:<5} {'(all)':<20} {total:>5} {done:>5} "
            f"{sum(r.fuzzy for r in group):>5} {sum(r.untranslated for r in group):>5} "
            f"{sum(r.missing for r in group):>5} {sum(r.stale for r in group):>5}  "
            f"{100.0 * done / total if total else 100.0:5.1f}"
        )
    return "\n".join(lines)
