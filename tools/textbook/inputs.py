"""Reading untrusted input files: UTF-8, no control characters, plain YAML.

Every refusal is an :class:`InputError` naming the file and the line. No Sphinx
import here: ``tools/i18n`` uses this module too.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

MAX_DEPTH = 8  # nested lists/mappings; the data file needs 4
# Characters YAML cannot hold or that would shift its line numbers (C0 and C1 controls,
# a carriage return without a line feed, Unicode line and paragraph separators).
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|\r(?!\n)")


class InputError(Exception):
    """A problem in an input file, located by file and line."""

    def __init__(self, path: str | Path, line: int | None, message: str):
        """``line`` is None only when the file cannot be read at all."""
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


def decode(raw: bytes, path: str | Path, encoding: str = "utf-8-sig") -> str:
    """``raw`` as text; invalid bytes are an error at their line and column."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[start:exc.start].decode(encoding, "replace")) + 1
        raise InputError(path, raw.count(b"\n", 0, exc.start) + 1,
                         f"not valid {_codec(encoding)} (byte {raw[exc.start]:#04x} at "
                         f"column {column}); save the file as {_codec(encoding)}") from None


def read_text(path: str | Path, encoding: str = "utf-8-sig") -> str:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read the file: {exc.strerror}") from None
    return decode(raw, path, encoding)


def _codec(encoding: str) -> str:
    return "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8") \
        else encoding


def refuse_controls(text: str, path: str | Path) -> None:
    match = CONTROL.search(text)
    if match:
        char, at = match.group()[0], match.start()
        name = unicodedata.name(char, "")
        raise InputError(path, text.count("\n", 0, at) + 1,
                         f"control character U+{ord(char):04X}{f' ({name})' if name else ''} "
                         f"at column {at - text.rfind(chr(10), 0, at)} is not allowed")


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
            self._refuse(event, f"YAML alias '*{event.anchor}' is not allowed: write the "
                                "value out")
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
    refuse_controls(text, path)
    loader = _StrictLoader(text, path, max_depth)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(path, mark.line + 1 if mark else 1,
                         f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:  # e.g. ReaderError: has a position, no mark
        at = getattr(exc, "position", 0) or 0
        raise InputError(path, text.count("\n", 0, at) + 1, f"YAML error: {exc}") from None
    finally:
        loader.dispose()


_SCALARS = yaml.SafeLoader("")
_TYPED = {f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float", "null", "timestamp")}


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
            return [build(item, here + (i,), item.start_mark.line + 1)
                    for i, item in enumerate(node.value)]
        if node.tag not in _TYPED:  # str, and the merge ('<<') and value ('=') keys
            return node.value
        try:
            value = _SCALARS.yaml_constructors[node.tag](_SCALARS, node)
            if isinstance(value, int) and abs(value) > 10 ** 100:
                raise ValueError("number too large")
            return value
        except (ValueError, OverflowError) as exc:  # 2024-02-30, a 5,000-digit number
            raise InputError(path, node.start_mark.line + 1,
                             f"cannot read the value '{short(node.value)}': {exc}") from None

    return build(node, (), node.start_mark.line + 1), lines


def one_line(text: str) -> str:
    """``text`` with line breaks and other unprintable characters escaped (``\\n``)."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def short(text: str, limit: int = 60) -> str:
    """``text`` for a one-line message: shortened and escaped."""
    return one_line(text if len(text) <= limit else text[:limit - 3] + "...")
