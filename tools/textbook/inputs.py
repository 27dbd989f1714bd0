"""Reading untrusted input files: regular files only, UTF-8, one character rule, plain YAML.

Every refusal is an :class:`InputError` naming the file, the line and, for a
character, the column. No Sphinx import here: ``textbook-po`` uses this module too.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

import yaml

MAX_DEPTH = 8  # nested lists/mappings; the data file needs 4


class InputError(Exception):
    """A problem in an input file, located by file, line and (for a character) column."""

    def __init__(self, path: str | Path, line: int | None, message: str, column: int = 0):
        """``line`` is None only when the file cannot be read at all."""
        self.path, self.line, self.message, self.column = Path(path), line, message, column
        super().__init__(f"{self.where}: {message}")

    @property
    def where(self) -> str:
        if not self.line:
            return str(self.path)
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")


# --- files: regular files inside the repository, never a link ----------------

# What a contributed folder may hold: text. A compiled catalog is the build's to make.
COMPILED = {".mo": "a compiled catalog", ".gmo": "a compiled catalog"}
# Sphinx compiles and loads a sphinx.po (its own words) before any extension runs
FORBIDDEN_NAMES = {
    "sphinx.po": "a catalog of Sphinx's own words, which Sphinx would use "
    "unchecked: delete it (the book's interface words are in "
    "textbook.po)"
}
TEXT_SUFFIXES = {".po", ".pot", ".md", ".yaml", ".yml", ".txt", ".bib", ".py", ".rst"}
SKIPPED_FOLDERS = {"_build", "__pycache__"}  # build output inside a test project
# The largest file a contributor may send, by kind (the book's largest catalog holds
# 13 KB, its data file 5 KB): no file fills a page, a log or the builder's memory.
MAX_BYTES = {
    ".po": ("a catalog", 1_000_000),
    ".yaml": ("a data file", 200_000),
    ".txt": ("a word list", 200_000),
    ".bib": ("a bibliography", 1_000_000),
    ".md": ("a chapter", 1_000_000),
}


def _too_big(path: Path, size: int) -> str | None:
    kind, limit = MAX_BYTES.get(path.suffix, ("a file", 2_000_000))
    if size > limit:
        return (
            f"is {size:,} bytes, more than the {limit:,} {kind} may have: "
            "split it, or remove what does not belong in it"
        )
    return None


def _kind(mode: int) -> str | None:
    """What is wrong with a file of this ``lstat`` mode (None: a regular file)."""
    if stat.S_ISLNK(mode):
        return (
            "a symbolic link: contributed files must be regular files in the "
            "repository, so the build never reads what a link points to; replace the "
            "link with the file itself"
        )
    if not stat.S_ISREG(mode):
        return "not a regular file; only regular files are read"
    return None


def _inside(path: Path, root: Path) -> bool:
    return os.path.abspath(path) == os.path.abspath(root) or os.path.abspath(path).startswith(
        os.path.abspath(root) + os.sep
    )


def check_file(path: str | Path, root: str | Path | None = None) -> Path:
    """``path`` when it is a regular file (inside ``root`` with no link on the way
    there); otherwise an :class:`InputError` at its path, the file left unread."""
    path = Path(path)
    if root is not None:
        if not _inside(path, Path(root)):
            raise InputError(
                path, None, "is outside the repository; only files inside it are read"
            )
        here = Path(os.path.abspath(root))
        for part in Path(os.path.relpath(os.path.abspath(path), here)).parts[:-1]:
            here = here / part
            if here.is_symlink():
                raise InputError(here, None, _kind(stat.S_IFLNK))
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file: {exc.strerror}") from None
    problem = _kind(info.st_mode) or _too_big(path, info.st_size)
    if problem:
        raise InputError(path, None, problem)
    return path


def read_bytes(path: str | Path, root: str | Path | None = None) -> bytes:
    """The bytes of a regular file (never through a link: ``O_NOFOLLOW``)."""
    path = check_file(path, root)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise InputError(path, None, _kind(stat.S_IFIFO))
        return f.read()


def tree_problems(root: str | Path, folders: list[str | Path]) -> list[InputError]:  # noqa: C901 (one rule per kind of file)
    """Links, special files, compiled catalogs and binaries in contributed ``folders``
    (or files) under ``root``; none of them is opened but to look for a NUL byte."""
    root, found, seen = Path(root), [], set()
    for top in folders:
        top = Path(root, top)
        if not os.path.lexists(top):
            continue
        if not _inside(top, root):
            found.append(
                InputError(top, None, "is outside the repository; only files inside it are read")
            )
            continue
        entries = [top]
        if top.is_dir() and not top.is_symlink():
            for folder, dirs, files in os.walk(top):
                dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
                entries += [Path(folder, name) for name in [*dirs, *sorted(files)]]
        for entry in entries:
            if entry in seen:
                continue
            seen.add(entry)
            info = os.lstat(entry)
            if stat.S_ISDIR(info.st_mode):
                continue
            problem = _kind(info.st_mode) or _too_big(entry, info.st_size)
            if problem is None and entry.name in FORBIDDEN_NAMES:
                problem = FORBIDDEN_NAMES[entry.name]
            if problem is None and entry.suffix in COMPILED:
                problem = (
                    f"{COMPILED[entry.suffix]}: the build compiles catalogs itself "
                    "and never uses this one; delete it (git rm if it is committed)"
                )
            if problem is None and entry.suffix not in TEXT_SUFFIXES:
                with open(entry, "rb") as f:
                    if b"\0" in f.read(8192):
                        problem = "a binary file: contributions are text; delete it (git rm)"
            if problem:
                found.append(InputError(entry, None, problem))
    return found


def decode(raw: bytes, path: str | Path, encoding: str = "utf-8-sig") -> str:
    """``raw`` as text; invalid bytes are an error at their line and column."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[start : exc.start].decode(encoding, "replace")) + 1
        raise InputError(
            path,
            raw.count(b"\n", 0, exc.start) + 1,
            f"not valid {_codec(encoding)} (byte {raw[exc.start]:#04x} at "
            f"column {column}); save the file as {_codec(encoding)}",
        ) from None


def read_text(
    path: str | Path, encoding: str = "utf-8-sig", root: str | Path | None = None
) -> str:
    return decode(read_bytes(path, root), path, encoding)


def _codec(encoding: str) -> str:
    return (
        "UTF-8"
        if encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8")
        else encoding
    )


# --- characters: one rule for all contributed text ---------------------------

C0_NAMES = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# General category -> what the character is, in the message (every Cf is invisible)
REFUSED_CATEGORIES = {
    "Cc": "control character",
    "Cf": "invisible format character",
    "Zl": "line separator",
    "Zp": "paragraph separator",
    "Cs": "surrogate",
    "Co": "private-use character",
    "Cn": "unassigned code point",
}
SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")  # a word may use one of these, never two
_SUSPECT = re.compile("[^\x20-\x7e\n\t]")  # the only characters that need a look
_WORD = re.compile(r"\w+")


def char_name(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its Unicode name."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        name = (
            C0_NAMES[code]
            if code < 32
            else "DELETE"
            if code == 0x7F
            else "C1 CONTROL"
            if code < 0xA0
            else "NO NAME"
        )
    return f"U+{code:04X} {name}"


def _refusal(char: str) -> str | None:
    if char in "\n\t":
        return None
    if ord(char) in BIDI:
        return "bidirectional control"
    category = unicodedata.category(char)
    if category == "Cf" and ord(char) in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):
        return "zero-width character"
    return REFUSED_CATEGORIES.get(category)


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "") if char.isalpha() else ""
    return next((script for script in SCRIPTS if name.startswith(script)), None)


def character_problems(
    text: str, path: str | Path, first_line: int = 1, crlf: bool = True
) -> list[InputError]:
    """Every character ``text`` may not hold, at line and column: C0/C1 controls (a tab
    and a line feed allowed, and CR LF line ends with ``crlf``), bidirectional controls,
    zero-width and other invisible characters, text not in NFC, and words mixing
    Latin, Cyrillic or Greek letters. ``text`` is a file's, or a value decoded from one
    (an escape such as ``\\e`` or ``\\r`` gives the character itself)."""
    found = []
    for number, line in enumerate(text.split("\n"), first_line):
        line = line[:-1] if crlf and line.endswith("\r") else line
        if line.isascii() and not _SUSPECT.search(line):
            continue
        for m in _SUSPECT.finditer(line):
            what = _refusal(m.group())
            if what:
                found.append(
                    InputError(
                        path,
                        number,
                        f"{what} {char_name(m.group())} is not allowed: delete it "
                        "(it is invisible or moves the text around it)",
                        m.start() + 1,
                    )
                )
        if not unicodedata.is_normalized("NFC", line):
            at = _first_unnormalized(line)
            parts = " + ".join(char_name(c) for c in line[at : at + 2])
            found.append(
                InputError(
                    path,
                    number,
                    f"text is not in Unicode normal form NFC ({parts}): write the "
                    "letter as one character (save the file in NFC)",
                    at + 1,
                )
            )
        for m in _WORD.finditer(line):
            scripts = {}
            for offset, char in enumerate(m.group()):
                script = _script(char)
                if script:
                    scripts.setdefault(script, offset)
            if len(scripts) > 1:
                odd = sorted(scripts, key=lambda s: (s == "LATIN", scripts[s]))[0]
                at = m.start() + scripts[odd]
                found.append(
                    InputError(
                        path,
                        number,
                        f"the word '{short(m.group(), 40)}' mixes "
                        f"{' and '.join(s.title() for s in sorted(scripts))} letters "
                        f"({char_name(line[at])}): type it in one script",
                        at + 1,
                    )
                )
    return found


def _first_unnormalized(line: str) -> int:
    """The start of the first stretch (a starter and what combines with it) of ``line``
    that NFC would change."""
    start = 0
    for i in range(1, len(line) + 1):
        if i == len(line) or unicodedata.combining(line[i]) == 0:
            if not unicodedata.is_normalized("NFC", line[start:i]):
                return start
            start = i
    return 0


def refuse_characters(text: str, path: str | Path) -> None:
    """The first of :func:`character_problems`, raised."""
    found = character_problems(text, path)
    if found:
        raise found[0]


class _StrictLoader(yaml.SafeLoader):
    """Composes plain YAML only: anchors, aliases, tags, complex keys and deep
    nesting are refused at the event that starts them, before any node is built."""

    def __init__(self, text: str, path: Path, max_depth: int):
        super().__init__(text)
        self.path, self.max_depth, self.depth = path, max_depth, 0

    def _refuse(self, event, message: str):
        raise InputError(self.path, event.start_mark.line + 1, message)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._refuse(
                event, f"YAML alias '*{event.anchor}' is not allowed: write the value out"
            )
        if event.anchor is not None:
            self._refuse(event, f"YAML anchor '&{event.anchor}' is not allowed")
        if event.tag is not None:
            self._refuse(event, f"YAML tag '{event.tag}' is not allowed")
        if not isinstance(event, yaml.CollectionStartEvent):
            return super().compose_node(parent, index)
        if isinstance(parent, yaml.MappingNode) and index is None:
            self._refuse(event, "a list or mapping as a key is not allowed: keys are plain text")
        if self.depth >= self.max_depth:
            self._refuse(event, f"nested deeper than {self.max_depth} levels")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def compose_yaml(text: str, path: str | Path, max_depth: int = MAX_DEPTH) -> yaml.Node | None:
    """The node tree of one plain YAML document (``None`` when it is empty)."""
    path = Path(path)
    refuse_characters(text, path)
    loader = _StrictLoader(text, path, max_depth)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            path, mark.line + 1 if mark else 1, f"YAML syntax error: {exc.problem or exc.context}"
        ) from None
    except yaml.YAMLError as exc:  # e.g. ReaderError: has a position, no mark
        at = getattr(exc, "position", 0) or 0
        raise InputError(path, text.count("\n", 0, at) + 1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


_SCALARS = yaml.SafeLoader("")
_KINDS = {
    f"tag:yaml.org,2002:{t}": kind
    for t, kind in [
        ("bool", "true/false value"),
        ("int", "number"),
        ("float", "number"),
        ("null", "empty value"),
        ("timestamp", "date"),
    ]
}
_TYPED = set(_KINDS)


def plain_data(node: yaml.Node, path: str | Path) -> tuple[object, dict[tuple, int]]:
    """``(data, lines)``: plain Python data, and the line of every key or item by its
    path (``("indicators", 0, "cells")``). Repeated keys are an error."""
    path, lines = Path(path), {}

    def build(node, here: tuple, line: int):
        lines[here] = line
        if isinstance(node, yaml.MappingNode):
            result = {}
            for key_node, value_node in node.value:
                key, key_line = key_node.value, key_node.start_mark.line + 1
                if key in result:
                    raise InputError(path, key_line, f"duplicate key '{short(key)}'")
                result[key] = build(value_node, here + (key,), key_line)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [
                build(item, here + (i,), item.start_mark.line + 1)
                for i, item in enumerate(node.value)
            ]
        if node.tag not in _TYPED:  # str, and the merge ('<<') and value ('=') keys
            # escapes ("\\e", "\\u202e") give characters the file itself does not show
            decoded = character_problems(node.value, path, crlf=False)
            if decoded:
                raise InputError(
                    path,
                    node.start_mark.line + decoded[0].line,
                    decoded[0].message + " (written as an escape)",
                )
            return node.value
        if node.tag.endswith(("int", "float")) and sum(c.isdigit() for c in node.value) > 100:
            raise InputError(
                path,
                node.start_mark.line + 1,
                f"the number '{short(node.value)}' "
                "is longer than 100 digits; put it in quotes if it is text",
            )
        try:
            return _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
        except (ValueError, OverflowError):  # 2024-02-30
            raise InputError(
                path,
                node.start_mark.line + 1,
                f"'{short(node.value)}' is not a valid {_KINDS[node.tag]}; put it "
                "in quotes if it is text",
            ) from None

    return build(node, (), node.start_mark.line + 1), lines


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped (``\\n``)."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def short(text: str, limit: int = 60) -> str:
    """``text`` for a one-line message: shortened and escaped."""
    return one_line(text if len(text) <= limit else text[: limit - 3] + "...")
