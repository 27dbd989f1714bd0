"""Spelling: hunspell (Debian ``hunspell-id``, ``hunspell-en-us``) over the Indonesian
sources, the data file and the English translations, with the project's word lists
``locales/spelling/<lang>.txt`` (one word a line: names, terms the dictionaries lack).

Indonesian text is checked with both dictionaries (the source quotes English
terms); English msgstrs with the English one. Markup (code, roles, links, footnote
labels, attributes, fences, front matter) is blanked first, so only prose is
checked. Not checked: lines between ``% spelling: off`` and ``% spelling: on`` in a
chapter (the editorial notes' table of the original's typos), a msgstr that copies
its msgid (language marks aside), and a quotation in a msgstr of text from its msgid.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

from ..inputs import InputError, character_problems, read_text
from ..languages import profile, profiles
from .langparts import without_lang_marks
from .po import Lines, load

DEBIAN = {"id_ID": "hunspell-id", "en_US": "hunspell-en-us"}  # dictionary: its package
MARKUP = [
    (re.compile(r"^\s*(```|~~~|:::|\(.*\)=\s*$|%).*$"), ""),  # fences, targets, comments
    (re.compile(r"^\s*:[\w-]+:.*$"), ""),  # directive options
    (re.compile(r"`[^`]*`"), " "),  # code, role bodies
    (re.compile(r"\{[^{}]*\}"), " "),  # role names, attributes
    (re.compile(r"\]\([^)]*\)"), "] "),  # link targets
    (re.compile(r"\[\^[^\]]*\]:?"), " "),  # footnote labels
    (re.compile(r"<?https?://\S+"), " "),
]
YAML_KEY = re.compile(r"^\s*(?:-\s+)?(?P<key>[\w-]+):\s?")


def dictionaries(lang: str) -> str:
    """hunspell's ``-d`` for ``lang`` (its profile's; empty: not checked)."""
    return ",".join(p.dictionaries) if (p := profile(lang)) else ""


def prose(line: str) -> str:
    for pattern, repl in MARKUP:
        line = pattern.sub(repl, line)
    return line


def yaml_prose(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    m = YAML_KEY.match(line)
    if m and m.group("key") in ("id", "no", "model"):
        return ""  # identifiers
    return prose(line[m.end() :] if m else line)


def missing() -> str | None:
    """Why the check cannot run here (None: it can)."""
    if shutil.which("hunspell") is None:
        return (
            "hunspell not found (install the Debian packages hunspell, hunspell-id, "
            "hunspell-en-us)"
        )
    have = _available()
    lacking = [DEBIAN.get(name, name) for name in _used() if name not in have]
    return f"hunspell dictionaries missing: install {' '.join(lacking)}" if lacking else None


def _used() -> list[str]:
    return list(dict.fromkeys(d for p in profiles().values() for d in p.dictionaries))


@functools.cache
def _available() -> dict[str, str]:
    """hunspell's dictionaries: name -> path without extension (``hunspell -D``)."""
    proc = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True)
    return {
        Path(line).name: line
        for line in (proc.stdout + proc.stderr).splitlines()
        if line.startswith("/")
    }


def dictionaries_stamp() -> str:
    """Which dictionary files the check would use, and their size and age."""
    have, stamp = _available(), []
    for name in _used():
        for ext in (".aff", ".dic"):
            path = Path(have.get(name, name) + ext)
            st = path.stat() if path.is_file() else None
            stamp.append(f"{path}:{st.st_size}:{st.st_mtime_ns}" if st else f"{path}:-")
    return " ".join(stamp)


CHUNK = 2000  # characters a line: hunspell splits a line over 8 KB (UTF-8) into several


def unknown_words(lines: list[str], lang: str, wordlist: Path | None) -> list[list[str]]:
    """For each line, the words hunspell does not know (a long line is sent in pieces
    cut at spaces, so that each answer still belongs to its line)."""
    cmd = ["hunspell", "-a", "-i", "utf-8", "-d", dictionaries(lang)]
    if wordlist and wordlist.is_file():
        cmd += ["-p", str(wordlist)]
    pieces: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        line = line.replace("\n", " ")
        while len(line) > CHUNK:
            cut = line.rfind(" ", 0, CHUNK)
            cut = cut if cut > 0 else CHUNK
            pieces.append((index, line[:cut]))
            line = line[cut:]
        pieces.append((index, line))
    text = "".join("^" + piece + "\n" for _, piece in pieces)
    out = subprocess.run(cmd, input=text, capture_output=True, text=True, check=True).stdout
    results: list[list[str]] = [[] for _ in lines]
    at = 0
    for row in out.splitlines()[1:]:  # after the version banner
        if not row:
            at += 1
        elif row[0] in "&#" and at < len(pieces) and re.search(r"[^\W\d_]", row.split()[1]):
            results[pieces[at][0]].append(row.split()[1])
    return results


WORD = re.compile(r"^[^\W\d_](?:[\w'’-]{0,58}[^\W_])?$")  # one word a line: letters, digits,
# apostrophes and hyphens; so no entry can let markup or an address through the check


def wordlist_problems(locales: Path) -> list[InputError]:
    """The word lists' entries that are not one plain word (the one character rule too)."""
    found = []
    for path in sorted((locales / "spelling").glob("*.txt")):
        try:
            text = read_text(path, "utf-8")
        except InputError as exc:
            found.append(exc)
            continue
        found += character_problems(text, path)
        for number, line in enumerate(text.split("\n"), 1):
            if line and not WORD.match(line):
                found.append(
                    InputError(
                        path,
                        number,
                        f"'{line[:40]}' is not one word: a word "
                        "list holds one word a line (letters, "
                        "digits, ' and -)",
                    )
                )
    return found


def _found(words: list[str], lang: str) -> list[str]:
    return [
        f"spelling: unknown word '{word}' (hunspell {dictionaries(lang)}): correct it, "
        f"or add it to locales/spelling/{lang}.txt"
        for word in dict.fromkeys(words)
    ]


# raw output (LaTeX, HTML) is no prose; a passage for another edition is not Indonesian
RAW_FENCE = re.compile(r"^(`{3,}|:{3,})(\{raw\}|\{lang-only\}\s+(?!id\b))")


def markdown_prose(lines: list[str]) -> list[str]:
    out, on, front = [], True, bool(lines) and lines[0].strip() == "---"
    raw_fence = None
    for number, line in enumerate(lines):
        if front:
            front = not (number > 0 and line.strip() == "---")
            out.append("")
            continue
        if raw_fence is not None or RAW_FENCE.match(line.strip()):
            if raw_fence is None:
                raw_fence = RAW_FENCE.match(line.strip()).group(1)
            elif line.strip() == raw_fence:
                raw_fence = None
            out.append("")
            continue
        marker = re.match(r"^% spelling: (on|off)\b", line.strip())
        if marker:
            on = marker.group(1) == "on"
        out.append(prose(line) if on else "")
    return out


def source_lines(path: Path) -> list[tuple[int, str]]:
    """An Indonesian chapter (``.md``) or the data file (``.yaml``): (line, prose)."""
    raw = read_text(path, "utf-8").splitlines()
    clean = [yaml_prose(line) for line in raw] if path.suffix == ".yaml" else markdown_prose(raw)
    return list(enumerate(clean, 1))


QUOTED = re.compile(r"[\"“](?P<text>[^\"“”]{2,})[\"”]")  # not ' (apostrophes)


def msgstr_prose(entry) -> str:
    """The msgstr without the passages it quotes from its msgid."""
    text = QUOTED.sub(
        lambda m: " " if m.group("text") in entry.msgid else m.group(0), entry.msgstr
    )
    return prose(text)


def catalog_lines(path: Path) -> list[tuple[int, str]]:
    """A catalog's msgstrs that are no copy of their msgid: (msgstr line, prose)."""
    at = Lines(path).of_msgstr
    return [
        (at(e), msgstr_prose(e))
        for e in load(path)
        if e.msgstr and not e.obsolete and e.msgstr not in (e.msgid, without_lang_marks(e.msgid))
    ]


def check_files(paths: list[Path], lang: str, locales: Path) -> dict[Path, list[tuple[int, str]]]:
    """Catalogs' msgstrs (``.po``, in ``lang``) and Indonesian sources, all in one
    hunspell process: ``{path: [(line, message), ...]}``."""
    if not dictionaries(lang):
        return {path: [] for path in paths}
    lines = {
        path: catalog_lines(path) if path.suffix == ".po" else source_lines(path) for path in paths
    }
    flat = [text for found in lines.values() for _, text in found]
    unknown = iter(unknown_words(flat, lang, locales / "spelling" / f"{lang}.txt") if flat else [])
    return {
        path: [(number, message) for number, _ in found for message in _found(next(unknown), lang)]
        for path, found in lines.items()
    }
