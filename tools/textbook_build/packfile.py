"""Pack files (``coursepacks/<name>.yaml``): what a teacher keeps from term to term.

Read as plain YAML (``textbook.inputs``: no anchors, tags or control characters),
checked against :data:`SCHEMA` with jsonschema; every error names the file, the
line and the key, with the nearest chapter, language or key when one is close.
Messages are in the teacher's language (:func:`message_language`), from the
``textbook`` catalogs (``make update-po`` extracts this file's ``N_()`` too).
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

from textbook.inputs import InputError, compose_yaml, plain_data, read_text
from textbook.languages import CODE
from textbook.messages import MSGID_LANGUAGE, N_, gettext, po_path

from .coursepack import PAPER, references_only

TEXT = {"type": "string", "minLength": 1, "maxLength": 200}
SCHEMA = {
    "type": "object",
    "required": ["title", "chapters"],
    "additionalProperties": False,
    "properties": {
        "title": TEXT,
        "course": TEXT,
        "institution": TEXT,
        "lecturer": TEXT,
        "term": TEXT,
        "chapters": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "languages": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "paper": {"enum": list(PAPER)},
        "sides": {"enum": ["one", "two"]},
        "layout": {"enum": ["sequential", "parallel"]},
        "handout": {"type": "boolean"},
        "edition": {"type": "string", "pattern": r"^\d+\.\d+$"},  # the book's it was made for
    },
}
TITLE_FIELDS = ("title", "course", "institution", "lecturer", "term", "edition")
PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass
class Pack:
    chapters: list[str]
    languages: list[str]
    name: str = "pack"  # the pack file's name: the PDF is <name>.pdf
    paper: str = "a4"
    sides: str = "two"
    layout: str = "sequential"
    handout: bool = False
    title_page: dict[str, str] = field(default_factory=dict)

    def write_title_page(self, path: Path) -> Path:
        path.write_text(json.dumps(self.title_page, ensure_ascii=False), encoding="utf-8")
        return path


MESSAGES = {  # the words of make coursepack PACK=...
    # Translators: pack-file messages follow "file:line: "; keep each {name} as it is
    "nearest": N_(" (did you mean '{match}'?)"),
    "maxLength": N_("at most {limit} characters; this one has {length}"),
    "minLength": N_("is empty; write the text, or leave the key out"),
    "minItems": N_("lists nothing; name at least {limit}"),
    "edition": N_('an edition number X.Y in quotes, e.g. edition: "1.0" (not {value})'),
    "type": N_("{value} must be {kind}"),
    "array": N_("a list, e.g. [pemberdayaan, model-intervensi]"),
    "string": N_("text"),
    "boolean": N_("true or false"),
    "object": N_("keys with values (title: ..., chapters: ...)"),
    "enum": N_("{value} is not one of {choices}"),
    "required": N_("'{key}' is a required property"),
    "kept": N_(" (YAML reads only '{kept}')"),
    "quote": N_(
        "{key}: a value with an unquoted {char}{kept}: put the value in quotes: "
        "{key}: {quoted} (a comment goes on a line of its own)"
    ),
    "name": N_(
        "the pack's PDF is named after its file: '{name}' may hold only letters, digits and . _ -"
    ),
    "empty": N_("empty pack file (keys: title, chapters, ...)"),
    "unknown_key": N_("unknown key '{key}'{nearest}; keys: {keys}"),
    "unknown_chapter": N_(
        "chapters: unknown chapter '{name}'{nearest}; 'make chapters' lists them"
    ),
    "twice": N_("chapters: '{name}' is named twice"),
    "references_only": N_(
        "chapters: {chapters} holds only the references, which every pack "
        "prints after its chapters; choose at least one chapter "
        "('make chapters' lists them)"
    ),
    "unknown_language": N_("languages: unknown language '{code}'{nearest}; the book has {langs}"),
    "parallel": N_(
        "layout: parallel sets two languages on facing pages (the first on the "
        "left); languages has {count}: {langs}"
    ),
}
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def message_language(environ=os.environ) -> str:
    """The teacher's language, as gettext reads it from the environment (``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): the first that has interface words
    (``LANG=id_ID.UTF-8`` gives Indonesian); else English."""
    for variable in LOCALE_VARIABLES:
        for item in (environ.get(variable) or "").split(":"):
            code = re.split(r"[_.@]", item, maxsplit=1)[0]
            if CODE.fullmatch(code) and po_path(code).is_file():
                return code
    return MSGID_LANGUAGE


FIELD = re.compile(r"\{(\w+)\}")


def say(key: str, lang: str, /, **values) -> str:
    """``MESSAGES[key]`` in ``lang`` with ``values`` filled in (plain ``{name}`` fields
    only: the catalog is untrusted); a translation whose fields differ gives English."""
    text = gettext(MESSAGES[key], lang)
    if sorted(FIELD.findall(text)) != sorted(FIELD.findall(MESSAGES[key])):
        text = MESSAGES[key]
    return FIELD.sub(lambda m: str(values[m[1]]), text)


def _nearest(word: str, choices: list[str], lang: str) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.5)
    return say("nearest", lang, match=match[0]) if match else ""


def _message(error: jsonschema.ValidationError, lang: str) -> str:
    """A schema error in a teacher's words, naming the limit."""
    value = error.instance
    shown = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if error.validator == "maxLength":
        return say("maxLength", lang, limit=error.validator_value, length=len(value))
    if error.validator in ("minLength", "minItems"):
        return say(error.validator, lang, limit=error.validator_value)
    if tuple(error.absolute_path) == ("edition",):
        return say("edition", lang, value=shown)
    if error.validator == "type" and error.validator_value in MESSAGES:
        return say("type", lang, value=shown, kind=say(error.validator_value, lang))
    if error.validator == "enum":
        return say("enum", lang, value=shown, choices=error.validator_value)
    if error.validator == "required":
        return say(
            "required", lang, key=next(k for k in error.validator_value if k not in error.instance)
        )
    return error.message


def _quote_hint(line: str, char: str, lang: str, kept: str | None = None) -> str:
    """'put the value in quotes', with the line as it should be written."""
    key, _, value = line.partition(":")
    escaped = value.strip().replace("\\", "\\\\").replace('"', '\\"')
    quoted = f'"{escaped}"'
    read = say("kept", lang, kept=kept) if kept is not None else ""
    return say("quote", lang, key=key.strip(), char=char, kept=read, quoted=quoted)


def load_pack(  # noqa: C901 (one check per field)
    path: Path,
    chapters: list[str],
    languages: list[str],
    source: Path | None = None,
    lang: str | None = None,
) -> Pack:
    """The pack in ``path``; ``chapters`` and ``languages`` are the book's (its chapter
    files in ``source``: a pack of references alone is refused). Messages in ``lang``
    (default: :func:`message_language`)."""
    lang = lang or message_language()
    if not PACK_NAME.fullmatch(path.stem):
        raise InputError(path, 1, say("name", lang, name=path.stem))
    text = read_text(path)
    try:
        node = compose_yaml(text, path)
    except InputError as exc:  # "Kelas: Minggu 1" unquoted: a second key on one line
        if exc.line and "mapping values are not allowed" in exc.message:
            raise InputError(
                path, exc.line, _quote_hint(text.splitlines()[exc.line - 1], "':'", lang)
            ) from None
        raise
    if node is None:
        raise InputError(path, 1, say("empty", lang))
    for key_node, value_node in getattr(node, "value", []):
        # "Kelas #2" unquoted: YAML reads " #2" as a comment and keeps "Kelas"
        if (
            key_node.value in TITLE_FIELDS
            and getattr(value_node, "style", "") is None
            and isinstance(value_node.value, str)
        ):
            line = text.splitlines()[value_node.end_mark.line]
            if re.match(r"\s+#", line[value_node.end_mark.column :]):
                raise InputError(
                    path,
                    value_node.end_mark.line + 1,
                    _quote_hint(line, "'#'", lang, value_node.value),
                )
    data, lines = plain_data(node, path)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            extra = sorted(set(data) - set(SCHEMA["properties"]))
            raise InputError(
                path,
                lines.get((extra[0],), 1),
                say(
                    "unknown_key",
                    lang,
                    key=extra[0],
                    keys=", ".join(SCHEMA["properties"]),
                    nearest=_nearest(extra[0], list(SCHEMA["properties"]), lang),
                ),
            )
        prefix = ".".join(map(str, where)) + ": " if where else ""
        raise InputError(path, lines.get(where, 1), prefix + _message(error, lang))
    for i, name in enumerate(data["chapters"]):
        if name not in chapters:
            raise InputError(
                path,
                lines[("chapters", i)],
                say("unknown_chapter", lang, name=name, nearest=_nearest(name, chapters, lang)),
            )
        if data["chapters"].index(name) != i:
            raise InputError(path, lines[("chapters", i)], say("twice", lang, name=name))
    if source is not None and references_only(source, data["chapters"]):
        raise InputError(
            path,
            lines[("chapters",)],
            say("references_only", lang, chapters=" ".join(data["chapters"])),
        )
    langs = data.get("languages", languages[:1])
    for i, code in enumerate(langs):
        if code not in languages:
            raise InputError(
                path,
                lines.get(("languages", i), lines[("languages",)]),
                say(
                    "unknown_language",
                    lang,
                    code=code,
                    langs=" ".join(languages),
                    nearest=_nearest(code, languages, lang),
                ),
            )
    layout = data.get("layout", "sequential")
    if layout == "parallel" and len(langs) != 2:
        raise InputError(
            path,
            lines[("layout",)],
            say("parallel", lang, count=len(langs), langs=" ".join(langs)),
        )
    return Pack(
        chapters=data["chapters"],
        languages=langs,
        name=path.stem,
        paper=data.get("paper", "a4"),
        sides=data.get("sides", "two"),
        layout=layout,
        handout=data.get("handout", False),
        title_page={k: data[k] for k in TITLE_FIELDS if k in data},
    )
