"""Checks that a translation keeps the MyST markup and the glossary.

Each check compares an entry's ``msgid`` with its ``msgstr`` and returns
:class:`~i18n.catalogs.Problem` items located at the entry's ``msgstr`` line.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
import yaml

from .catalogs import LOCALES, Lines, Problem, display, load

GLOSSARY = LOCALES / "glossary.yaml"
VERBATIM = "verbatim"  # translator comment: msgstr deliberately equals msgid

ROLE_RE = re.compile(r"\{(?P<role>[A-Za-z][\w:+.-]*)\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)")
CODE_RE = re.compile(r"(?<!`)(?P<ticks>`+)(?P<body>[^`].*?)(?P=ticks)(?!`)")
FOOTREF_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
INLINE_LINK_RE = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
REF_LINK_RE = re.compile(r"!?\[(?P<text>[^\]^][^\]]*)\]\[(?P<label>[^\]]*)\]")
AUTOLINK_RE = re.compile(r"<(?P<url>(?:https?|mailto|ftp):[^>\s]+)>")
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


def markup(text: str) -> Markup:
    roles: Counter = Counter()
    for m in ROLE_RE.finditer(text):
        roles.update(_role_tokens(m.group("role"), m.group("body")))
    rest = ROLE_RE.sub(" ", text)
    code = Counter(m.group("body") for m in CODE_RE.finditer(rest))
    rest = CODE_RE.sub(" ", rest)
    footnotes = Counter(m.group("label") for m in FOOTREF_RE.finditer(rest))
    links = Counter(m.group("url") for m in INLINE_LINK_RE.finditer(rest))
    links.update(m.group("url") for m in AUTOLINK_RE.finditer(rest))
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
    cites_src = Counter({k: v for k, v in src.roles.items() if k.startswith("{cite") or k.startswith("{footcite")})
    cites_dst = Counter({k: v for k, v in dst.roles.items() if k.startswith("{cite") or k.startswith("{footcite")})
    errors += _diff("citation", cites_src, cites_dst, _show_role)
    errors += _diff("role", src.roles - cites_src, dst.roles - cites_dst, _show_role)
    errors += _diff("footnote reference", src.footnotes, dst.footnotes, lambda x: f"[^{x}]")
    links = _diff("link target", src.links, dst.links, lambda x: f"({x})")
    if src.ref_links:  # the msgid's reference-style links may become inline ones
        links = [e for e in links if "added" not in e] if \
            sum((dst.links - src.links).values()) <= len(src.ref_links) else links
    errors += links
    errors += _diff("inline code", src.code, dst.code, lambda x: f"`{x}`")
    for link in dst.ref_links:
        errors.append(f"reference-style link {link} is not resolved in a translated paragraph "
                      "(MyST-Parser#690): use an inline link [text](url)")
    bold, single = dst.stars
    if bold % 2:
        errors.append("unbalanced strong emphasis: odd number of '**'")
    if single % 2:
        errors.append("unbalanced emphasis: odd number of '*'")
    return errors


# --- glossary -------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    source: str
    translations: dict[str, list[str]]
    line: int

    def pattern(self) -> re.Pattern:
        words = r"\s+".join(map(re.escape, self.source.split()))
        return re.compile(rf"(?<![\w-]){words}(?![\w-])", re.I)


class GlossaryError(Exception):
    pass


def load_glossary(path: Path = GLOSSARY) -> list[Term]:
    if not path.is_file():
        raise GlossaryError(f"{display(path)}:0: glossary file not found")
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 0
        raise GlossaryError(f"{display(path)}:{line}: YAML syntax error: {exc.problem}") from None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{display(path)}:1: expected a mapping with a 'terms' list")
    items = dict((k.value, v) for k, v in node.value)["terms"].value
    terms, seen = [], {}
    for raw, item_node in zip(data["terms"], items):
        line = item_node.start_mark.line + 1
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise GlossaryError(f"{display(path)}:{line}: a term needs an 'id' (Indonesian) string")
        key = raw["id"].casefold()
        if key in seen:
            raise GlossaryError(f"{display(path)}:{line}: duplicate term '{raw['id']}' "
                                f"(first at line {seen[key]})")
        seen[key] = line
        translations = {}
        for lang, value in raw.items():
            if lang in ("id", "note"):
                continue
            values = value if isinstance(value, list) else [value]
            if not values or not all(isinstance(v, str) and v.strip() for v in values):
                raise GlossaryError(f"{display(path)}:{line}: term '{raw['id']}': "
                                    f"'{lang}' needs a non-empty string or list of strings")
            translations[lang] = values
        terms.append(Term(raw["id"], translations, line))
    # Longest source terms first, so "Pengembangan Masyarakat Lokal" wins over
    # "pengembangan masyarakat" inside it.
    return sorted(terms, key=lambda t: -len(t.source))


def glossary_messages(msgid: str, msgstr: str, lang: str, terms: list[Term]) -> list[str]:
    errors = []
    text = ROLE_RE.sub(" ", msgid)
    for term in terms:
        wanted = term.translations.get(lang)
        if not wanted:
            continue
        pattern = term.pattern()
        if not pattern.search(text):
            continue
        text = pattern.sub(" ", text)
        if not any(re.search(rf"(?<!\w){re.escape(w)}", msgstr, re.I) for w in wanted):
            agreed = " or ".join(f"'{w}'" for w in wanted)
            errors.append(f"glossary: '{term.source}' should be translated as {agreed}")
    return errors


# --- whole catalogs -------------------------------------------------------

def check_po(path: Path, lang: str, terms: list[Term] | None = None) -> list[Problem]:
    """Markup and glossary problems of one catalog's translated entries."""
    po: polib.POFile = load(path)
    where = display(path)
    at = Lines(path)
    problems = []
    for entry in po:
        if entry.obsolete or not entry.msgid or not entry.msgstr:
            continue
        line = at.of_msgstr(entry)
        for message in markup_messages(entry.msgid, entry.msgstr):
            problems.append(Problem(where, line, message))
        verbatim = VERBATIM in (entry.tcomment or "")
        if entry.msgstr == entry.msgid and not verbatim and re.search(r"[^\W\d_]{2}", ROLE_RE.sub("", entry.msgid)):
            problems.append(Problem(where, line, "msgstr is a copy of msgid: translate it, or add "
                                                 f"the translator comment '# {VERBATIM}'"))
        if terms and not verbatim:
            for message in glossary_messages(entry.msgid, entry.msgstr, lang, terms):
                problems.append(Problem(where, line, message))
    return problems


def msgfmt_check(path: Path) -> list[Problem]:
    """GNU ``msgfmt --check`` (format strings, header); errors as problems."""
    exe = shutil.which("msgfmt")
    if exe is None:
        return [Problem(display(path), 0, "msgfmt not found (install the Debian package 'gettext')")]
    proc = subprocess.run([exe, "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True)
    problems = []
    for line in proc.stderr.splitlines():
        m = re.match(r"^(?P<path>.+?):(?P<line>\d+): (?P<msg>.*)$", line)
        if m:
            problems.append(Problem(display(Path(m.group("path"))), int(m.group("line")),
                                    f"msgfmt: {m.group('msg')}"))
        elif proc.returncode and "fatal error" not in line:
            problems.append(Problem(display(path), 0, f"msgfmt: {line}"))
    if proc.returncode and not problems:
        problems.append(Problem(display(path), 0, f"msgfmt --check failed: {proc.stderr.strip()}"))
    return problems


def check_all(locales: Path = LOCALES, langs: list[str] | None = None,
              glossary: Path | None = None) -> list[Problem]:
    from .catalogs import languages, po_files
    terms = load_glossary(glossary or (locales / "glossary.yaml"))
    problems = []
    glossary_path = glossary or (locales / "glossary.yaml")
    for lang in langs or languages(locales):
        if not any(lang in t.translations for t in terms):
            problems.append(Problem(display(glossary_path), 1,
                                    f"the glossary has no '{lang}:' translations yet"))
        for path in po_files(lang, locales):
            problems += check_po(path, lang, terms)
            problems += msgfmt_check(path)
    return problems
