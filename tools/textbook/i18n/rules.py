"""What a translation may contain: the one rule, used by the build and by ``make po-check``.

A msgstr is plain text plus the inline markup of its msgid: the same roles with
the same targets, the same footnote references and links, balanced emphasis.
No directive, no raw HTML, no block markup, no image, math or attribute that the
msgid lacks (the build parses a msgstr as MyST, so these would run). Every check
reads what MyST's own parser (markdown-it with MyST's plugins) makes of msgid and
msgstr, so it sees markup exactly where the build would. Each check returns
messages; ``catalog.check_po`` places them at the entry's ``msgstr`` line (with the
glossary, ``glossary.py``, and the file's format, ``po_format.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .langparts import LANG_CLASS

VERBATIM = "verbatim"  # translator comment: msgstr deliberately equals msgid

ROLE_RE = re.compile(r"\{(?P<role>[A-Za-z][\w:+.-]*)\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)")
REF_LINK_RE = re.compile(r"!?\[(?P<text>[^\]^][^\]]*)\]\[(?P<label>[^\]]*)\]")
CITE_TARGET_RE = re.compile(r"^(?:\{[^}]*\})?(?P<key>[^{}\s]+)(?:\{[^}]*\})?$")
EXPLICIT_TARGET_RE = re.compile(r"^(?P<title>.*?)\s*<(?P<target>[^<>]+)>$", re.S)


@dataclass(frozen=True)
class Markup:
    """The markup of one message that a translation must keep."""

    roles: Counter
    code: Counter
    footnotes: Counter
    links: Counter
    ref_links: list[str]
    stars: tuple[int, int]  # counts of '**' and of lone '*' outside code and roles


def _role_tokens(role: str, body: str) -> list[str]:
    if role.startswith("cite") or role == "footcite":
        keys = []
        for target in body.split(","):
            m = CITE_TARGET_RE.match(target.strip())
            keys.append(m.group("key") if m else target.strip())
        return [f"{{{role}}}`{key}`" for key in keys]
    explicit = EXPLICIT_TARGET_RE.match(body)
    target = explicit.group("target") if explicit else body
    return [f"{{{role}}}`{target.strip()}`"]


@lru_cache(maxsize=4096)
def markup(text: str) -> Markup:
    """What MyST makes of ``text`` (its tokens): roles, code, footnote references, link
    targets, and in the text it leaves literal, reference-style links and stars."""
    roles, code, footnotes, links, literal = Counter(), Counter(), Counter(), Counter(), []
    for token in _tokens(text, extensions=COUNTED, join=False):
        if token.type == "myst_role":
            roles.update(_role_tokens(token.meta.get("name", ""), token.content))
        elif token.type == "code_inline":
            code[token.content] += 1
        elif token.type == "footnote_ref":
            footnotes[token.meta["label"]] += 1
        elif token.type in ("link_open", "image"):
            links[
                str((token.attrs or {}).get("href" if token.type == "link_open" else "src"))
            ] += 1
        elif token.type == "text":
            literal.append(token.content)
    rest = "\0".join(literal)  # (no pattern spans two pieces)
    ref_links = [m.group(0) for m in REF_LINK_RE.finditer(rest)]
    bold = rest.count("**")
    single = rest.replace("**", "").count("*")
    return Markup(roles, code, footnotes, links, ref_links, (bold, single))


def _diff(kind: str, source: Counter, target: Counter, show) -> list[str]:
    out = []
    for item in sorted((source - target).elements()):
        out.append(f"{kind} {show(item)} missing from translation")
    for item in sorted((target - source).elements()):
        out.append(f"{kind} {show(item)} added in translation (not in msgid)")
    return out


def _show_role(token: str) -> str:
    role, key = token.split("`")[0], token.split("`")[1]
    if role.startswith("{cite") or role == "{footcite}":
        return f"key '{key}' ({role})"
    return token


def markup_messages(msgid: str, msgstr: str) -> list[str]:
    """Why ``msgstr`` breaks the markup of ``msgid`` (empty list: it does not)."""
    src, dst = markup(msgid), markup(msgstr)
    errors: list[str] = []
    cites_src = Counter(
        {k: v for k, v in src.roles.items() if k.startswith("{cite") or k.startswith("{footcite")}
    )
    cites_dst = Counter(
        {k: v for k, v in dst.roles.items() if k.startswith("{cite") or k.startswith("{footcite")}
    )
    errors += _diff("citation", cites_src, cites_dst, _show_role)
    errors += _diff("role", src.roles - cites_src, dst.roles - cites_dst, _show_role)
    errors += _diff("footnote reference", src.footnotes, dst.footnotes, lambda x: f"[^{x}]")
    links = _diff("link target", src.links, dst.links, repr)
    if src.ref_links:  # the msgid's reference-style links may become inline ones
        links = (
            [e for e in links if "added" not in e]
            if sum((dst.links - src.links).values()) <= len(src.ref_links)
            else links
        )
    errors += links
    errors += _diff("inline code", src.code, dst.code, lambda x: f"`{x}`")
    for link in dst.ref_links:
        errors.append(
            f"reference-style link {link} is not resolved in a translated paragraph "
            "(MyST-Parser#690): use an inline link [text](url)"
        )
    bold, single = dst.stars
    if bold % 2:
        errors.append("unbalanced strong emphasis: odd number of '**'")
    if single % 2:
        errors.append("unbalanced emphasis: odd number of '*'")
    return errors


# --- what MyST would make of it ---

# Every MyST syntax extension that changes inline or block parsing, so that the
# rule sees markup wherever a build with any of them would.
EXTENSIONS = [
    "attrs_inline",
    "attrs_block",
    "colon_fence",
    "deflist",
    "dollarmath",
    "amsmath",
    "html_image",
    "substitution",
    "strikethrough",
    "fieldlist",
]
TEXT_TOKENS = {
    "text",
    "text_special",
    "softbreak",
    "hardbreak",
    "em_open",
    "em_close",
    "strong_open",
    "strong_close",
    "code_inline",
    "link_close",
}
NAMES = {
    "html_inline": "raw HTML",
    "html_block": "raw HTML",
    "image": "an image",
    "math_inline": "math",
    "math_inline_double": "math",
    "math_block": "math",
    "amsmath": "math",
    "substitution_inline": "a substitution",
    "substitution_block": "a substitution",
    "span_open": "an attribute span",
    "myst_target": "a target label",
    "myst_line_comment": "a comment",
    "myst_block_break": "a block break",
    "footnote_block_open": "a footnote definition",
    "heading_open": "a heading",
    "bullet_list_open": "a list",
    "ordered_list_open": "a list",
    "blockquote_open": "a block quote",
    "table_open": "a table",
    "hr": "a rule",
    "code_block": "a code block",
    "dl_open": "a definition list",
    "field_list_open": "a field list",
    "s_open": "strikethrough (~~)",
    "footnote_reference_open": "a footnote definition",
    "footnote_anchor": "a footnote reference",
    "hardbreak": "a line break",
}
# any other parser token: named by what the contributor wrote, never by the token's name
OTHER_MARKUP = "markup the msgid does not have"
SAFE_CELL_ROLES = {"abbr", "sub", "sup", "term", "ref", "doc", "numref", "code"}


# What the build renders at the least: MyST's own syntax and {...} attributes, no
# extension that reads text as math or a substitution (markup cannot hide in one);
# escapes stay apart from the text (no text_join), so "\\*" or "\\[" is no markup.
COUNTED = ("attrs_inline",)


@lru_cache(maxsize=4)
def _parser(extensions: tuple[str, ...] = tuple(EXTENSIONS), join: bool = True):
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    md = create_md_parser(MdParserConfig(enable_extensions=list(extensions)), RendererHTML)
    return md if join else md.disable("text_join")


@lru_cache(maxsize=4096)  # each message is parsed once, whatever the checks ask of it
def _tokens(
    text: str, inline: bool = False, extensions: tuple[str, ...] = tuple(EXTENSIONS), join=True
) -> tuple:
    md = _parser(extensions, join)
    flat = []
    for token in md.parseInline(text, {}) if inline else md.parse(text, {}):
        flat.append(token)
        flat += token.children or []
    return tuple(flat)


def _key(token) -> tuple:
    if token.type == "myst_role":
        return token.type, token.meta.get("name"), token.content
    if token.type in ("fence", "colon_fence"):
        return token.type, token.info.strip()
    return token.type, token.content, tuple(sorted((token.attrs or {}).items()))


def _describe(token, other: str = OTHER_MARKUP) -> str:
    if token.type in ("fence", "colon_fence"):
        info = token.info.strip()
        if info.startswith("{"):
            return f"directive {info.split()[0]}"
        return "a code block"
    name = NAMES.get(token.type, other)
    shown = token.content if token.type.startswith("html") else ""
    return f"{name} {shown.strip()[:40]!r}" if shown else name


# what the parser itself puts on a token (a link's target); the rest came from {...}
INTRINSIC = {"link_open": ("href", "title"), "image": ("src", "alt", "title")}


def _attributes(
    token, text: str, inline: bool = False, extensions: tuple[str, ...] = tuple(EXTENSIONS)
) -> list[tuple[str, str, str]]:
    """The attributes written on ``token`` with ``{...}`` (``text`` is its message):
    the ones the parser kept, those it dropped (``on*``), a link target replaced."""
    attrs = {
        k: str(v) for k, v in (token.attrs or {}).items() if k not in INTRINSIC.get(token.type, ())
    }
    attrs.update((k, str(v)) for k, v in (token.meta or {}).get("insecure_attrs", {}).items())
    if token.type == "link_open" and "href" in (token.attrs or {}):
        # the targets as written: the same parse without {...} attributes
        written = {
            str(t.attrs.get("href"))
            for t in _tokens(text, inline, tuple(e for e in extensions if e != "attrs_inline"))
            if t.type == "link_open"
        }
        if str(token.attrs["href"]) not in written:
            attrs["href"] = str(token.attrs["href"])
    return [(token.type, key, value) for key, value in attrs.items()]


def _show_attribute(key: str, value: str) -> str:
    return {"id": f"#{value}", "class": f".{value}"}.get(key, f"{key}={value}")


def attribute_messages(msgid: str, msgstr: str) -> list[str]:
    """Attributes (``{.lang-en}``, ``{#id}``, ``{.class}``, ``{onclick=…}``) that
    ``msgstr`` adds: a translation may keep or drop its msgid's, never add one."""
    both = (tuple(EXTENSIONS), COUNTED)  # an attribute span may hide in "math" of one
    allowed = Counter(
        a
        for e in both
        for t in _tokens(msgid, extensions=e)
        for a in _attributes(t, msgid, False, e)
    )
    errors = []
    for e in both:
        for attribute in (
            a for t in _tokens(msgstr, extensions=e) for a in _attributes(t, msgstr, False, e)
        ):
            if allowed[attribute] > 0:
                allowed[attribute] -= 1
                continue
            errors.append(
                f"attribute {{{_show_attribute(*attribute[1:])}}} is not in the "
                "msgid: a translation may keep or drop the msgid's attributes, "
                "never add one"
            )
    return list(dict.fromkeys(errors))  # (one attribute seen by both parses: said once)


def safety_messages(msgid: str, msgstr: str) -> list[str]:
    """Markup in ``msgstr`` that its ``msgid`` lacks and that no translation may add."""
    allowed = Counter(_key(t) for t in _tokens(msgid))
    errors, roles = [], {t.meta.get("name") for t in _tokens(msgid) if t.type == "myst_role"}
    paragraphs = sum(1 for t in _tokens(msgid) if t.type == "paragraph_open")
    if sum(1 for t in _tokens(msgstr) if t.type == "paragraph_open") > max(paragraphs, 1):
        errors.append("more than one paragraph: a translation is one paragraph of inline text")
    for token in _tokens(msgstr):
        if (
            token.type in TEXT_TOKENS
            or token.type.endswith("_close")
            or token.type in ("paragraph_open", "inline")
        ):
            continue
        if token.type == "myst_role":
            if token.meta.get("name") not in roles:
                errors.append(
                    f"role {{{token.meta.get('name')}}} is not in the msgid: a "
                    "translation may only use the msgid's roles"
                )
            continue
        if token.type == "link_open" or token.type == "footnote_ref":
            continue  # compared by target below (markup_messages)
        if token.type == "span_open":
            continue  # judged by its attributes (attribute_messages)
        if allowed[_key(token)] > 0:
            allowed[_key(token)] -= 1
            continue
        what = _describe(token)
        hint = " (write < as \\< to show it as text)" if token.type.startswith("html") else ""
        errors.append(f"{what} is not allowed in a translation{hint}")
    return errors


def translation_messages(msgid: str, msgstr: str) -> list[str]:
    """Everything that makes ``msgstr`` an unacceptable translation of ``msgid``."""
    markup = markup_messages(msgid, msgstr)
    safety = [
        m
        for m in safety_messages(msgid, msgstr)
        if not (m.startswith("role {") and any(m[5 : m.index("}") + 1] in x for x in markup))
    ]
    return safety + attribute_messages(msgid, msgstr) + markup


def cell_messages(text: str) -> list[str]:
    """Why a data cell's text may not be rendered: inline markup only, nothing that
    reads a file or embeds raw content (raw HTML is shown as text, elsewhere)."""
    errors = []
    for token in _tokens(text, inline=True):
        for _, key, value in _attributes(token, text, inline=True):
            if token.type == "span_open" and key == "class" and LANG_CLASS.match(value):
                continue
            errors.append(
                f"attribute {{{_show_attribute(key, value)}}} is not allowed in a "
                "data cell (only a language mark: [*term*]{.lang-en})"
            )
        if (
            token.type in TEXT_TOKENS
            or token.type in ("inline", "html_inline", "span_open")
            or token.type.endswith("_close")
        ):
            continue
        if token.type == "myst_role":
            name = token.meta.get("name", "")
            if name not in SAFE_CELL_ROLES and not name.startswith("cite"):
                errors.append(
                    f"role {{{name}}} is not allowed in a data cell "
                    f"(allowed: *emphasis*, **strong**, `code`, links, citations)"
                )
            continue
        if token.type == "link_open":
            href = (token.attrs or {}).get("href", "")
            if not re.match(r"^(https?:|mailto:|#)", str(href)):
                errors.append(
                    f"link target {href!r} is not allowed in a data cell "
                    "(only http(s), mailto and #anchors)"
                )
            continue
        errors.append(
            f"{_describe(token, 'markup other than text')} is not allowed in a data "
            "cell (allowed: *emphasis*, **strong**, `code`, links, citations)"
        )
    return errors
