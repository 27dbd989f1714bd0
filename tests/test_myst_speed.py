"""The MyST speed-up changes no parse result and skips only the unused default."""
from __future__ import annotations

import pytest
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils import base
from myst_parser.parsers.docutils_ import Parser

from textbook.upstream import myst_speed

TEXTS = [
    "Kalimat *miring* dengan catatan kaki[^a].\n\n[^a]: Isi catatan.\n",
    "# Judul\n\nParagraf dengan `kode`, **tebal** dan [tautan](https://example.org).\n",
    "> kutipan\n\n- satu\n- dua\n",
]


def parse(text: str) -> str:
    document = base.make_document(parser_cls=Parser)
    Parser().parse(text, document)
    return document.pformat()


@pytest.fixture
def upstream(monkeypatch):
    monkeypatch.setattr(base.DocutilsRenderer, "setup_render", myst_speed._upstream_setup_render)


@pytest.fixture
def patched(monkeypatch):
    monkeypatch.setattr(base.DocutilsRenderer, "setup_render", myst_speed.setup_render)


@pytest.mark.parametrize("text", TEXTS)
def test_same_doctree_with_and_without_the_speed_up(text, monkeypatch):
    monkeypatch.setattr(base.DocutilsRenderer, "setup_render", myst_speed._upstream_setup_render)
    expected = parse(text)
    monkeypatch.setattr(base.DocutilsRenderer, "setup_render", myst_speed.setup_render)
    assert parse(text) == expected
    assert "footnote" in expected or "section" in expected or "block_quote" in expected


def count_default_documents(monkeypatch, options: dict) -> int:
    calls = []
    real = base.make_document
    monkeypatch.setattr(base, "make_document",
                        lambda *a, **k: calls.append(1) or real(*a, **k))
    renderer = base.DocutilsRenderer(parser=None)
    renderer.setup_render(options, {})
    return len(calls)


def test_upstream_builds_a_throwaway_document(upstream, monkeypatch):
    # When this fails, MyST-Parser no longer wastes the document: drop myst_speed.
    document = base.make_document(parser_cls=Parser)
    options = {"myst_config": MdParserConfig(), "document": document}
    assert count_default_documents(monkeypatch, options) == 1


def test_speed_up_skips_it_only_when_a_document_is_given(patched, monkeypatch):
    config = MdParserConfig()
    document = base.make_document(parser_cls=Parser)
    assert count_default_documents(monkeypatch, {"myst_config": config, "document": document}) == 0
    assert count_default_documents(monkeypatch, {"myst_config": config}) == 1
