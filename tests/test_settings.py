"""Settings declared once: every ``textbook_*`` value in tools/textbook/config.py."""

from __future__ import annotations

import re
from pathlib import Path

from textbook.config import SETTINGS

TOOLS = Path(__file__).resolve().parent.parent / "tools"
ROOT = TOOLS.parent


def test_every_setting_is_registered_once_with_type_default_and_help():
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    for s in SETTINGS:
        assert s.name.startswith("textbook_") and s.types and s.rebuild in ("env", "html")
        assert isinstance(s.default, s.types), s.name
        assert s.help and "\n" not in s.help, s.name
    registering = [
        p
        for p in (TOOLS / "textbook").rglob("*.py")
        if "add_config_value" in p.read_text(encoding="utf-8")
    ]
    assert registering == [TOOLS / "textbook" / "config.py"]


def test_every_setting_the_code_reads_is_declared():
    read = re.compile(r"config(?:\.|\[\"|\.get\(\")(textbook_[a-z_]+)|-D\W*(textbook_[a-z_]+)=")
    used = set()
    for path in TOOLS.rglob("*.py"):
        used |= {a or b for a, b in read.findall(path.read_text(encoding="utf-8"))}
    used |= set(re.findall(r"^(textbook_[a-z_]+) =", (ROOT / "conf.py").read_text("utf-8"), re.M))
    assert "textbook_site_url" in used and "textbook_print_chapters" in used
    assert used <= {s.name for s in SETTINGS}, used - {s.name for s in SETTINGS}


def test_conf_py_states_no_placeholder_the_extension_replaces():
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    for owned in ("latex_documents", "epub_title", "epub_description", "epub_language"):
        assert not re.search(rf"^{owned}\s*=", conf, re.M), owned
    assert re.search(r'^bibtex_default_style = "textbook"', conf, re.M)
    assert "textbook_description" not in conf
    site = (TOOLS / "textbook" / "html" / "site.py").read_text(encoding="utf-8")
    assert "TEXTBOOK_SITE_URL" not in site  # the URL rule is conf.py's alone
