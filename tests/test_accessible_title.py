"""The accessible PDF's course-pack title lines come from a pack file (untrusted):
they reach the page as text, never as markup (tools/textbook_build/accessible)."""

from __future__ import annotations

from textbook_build.accessible import title_block, unlink_missing


def test_pack_title_lines_are_escaped():
    block = title_block(
        {
            "title": "<img src=x onerror=alert(1)> & Co",
            "course": "</main><a>",
            "lecturer": 'Dr. "A"',
        }
    )
    assert "<img" not in block and "</main>" not in block and "<a>" not in block
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; Co" in block
    assert title_block({"course": "no title"}) == ""


def test_links_into_left_out_chapters_become_text():
    page = '<p id="here">x</p><a href="#here">in</a><a class="r" href="#gone">out</a>'
    assert unlink_missing(page) == '<p id="here">x</p><a href="#here">in</a><a class="r">out</a>'
