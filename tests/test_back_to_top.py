"""Back to top" never covers text (issue 19, item 2): at every width from 320 to 1440 px
and at several scroll positions, the control's box intersects no visible text, and it
is not shown on the first screen."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = [320, 360, 390, 768, 1024, 1280, 1440]
PAGES = ["id/model-intervensi.html", "en/pemberdayaan.html", "id/parallel/model-intervensi.html"]

# Text under the control: every text node's boxes, clipped by the scrolling or clipping
# boxes around it (a navigation list scrolled under the control is hidden by its box),
# that intersect the control's box. Returns the words found there.
TEXT_UNDER = """() => {
  const link = document.querySelector('a.to-top');
  if (!link || getComputedStyle(link).visibility !== 'visible') return null;
  const c = link.getBoundingClientRect();
  if (c.width === 0 || c.bottom <= 0 || c.top >= innerHeight) return null;
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || link.contains(node)) continue;
    const el = node.parentElement;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || el.closest('[hidden]')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      let [l, t, rr, b] = [r.left, r.top, r.right, r.bottom];
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible'
            || s.clipPath === 'inset(50%)') {
          const box = a.getBoundingClientRect();
          l = Math.max(l, box.left); t = Math.max(t, box.top);
          rr = Math.min(rr, box.right); b = Math.min(b, box.bottom);
        }
      }
      if (rr - l < 1 || b - t < 1) continue;
      if (l < c.right && rr > c.left && t < c.bottom && b > c.top)
        found.push(node.textContent.trim().slice(0, 40));
    }
  }
  return found;
}"""

SCROLL_ON = """() => {
  const before = scrollY;
  scrollBy(0, 600);
  return scrollY > before;
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_back_to_top_hides_no_text_at_any_scroll_position(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for rel in PAGES:
        page.goto(site_server + rel)
        assert page.locator("a.to-top").count() == 1, rel
        # the first screen, as the page opens: no control to be seen over it
        assert page.evaluate(TEXT_UNDER) is None, (rel, width)
        shown = 0
        # down to the very end (the parallel view's rows are laid out as they come near)
        while page.evaluate(SCROLL_ON):
            page.wait_for_timeout(30)
            under = page.evaluate(TEXT_UNDER)
            y = page.evaluate("scrollY")
            if under is not None:
                shown += 1
                assert under == [], (rel, width, y, under)
        # the reader reaches it: below 1024 px at the end of the text, wider once a
        # screen's height is scrolled
        if width < 1024 or page.evaluate("scrollY") >= 800:
            assert shown >= 1, (rel, width)
    context.close()


def test_on_a_wide_screen_it_follows_the_reader_once_past_the_first_screen(browser, site_server):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{site_server}id/model-intervensi.html")
    link = page.get_by_role("link", name="Ke atas")
    assert not link.is_visible()  # first screen: hidden, also to assistive technology
    page.evaluate("window.scrollTo(0, 950)")
    page.wait_for_timeout(50)
    assert link.is_visible()
    box = link.bounding_box()
    assert box["y"] + box["height"] <= 900 and box["x"] + box["width"] <= 16 * 17 + 24
    link.click()
    page.wait_for_function("window.scrollY === 0")
    context.close()


def test_on_a_phone_it_ends_the_text_and_works_without_javascript(browser, site_server):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{site_server}id/model-intervensi.html")
    link = page.get_by_role("link", name="Ke atas")
    main = page.locator("main").bounding_box()
    box = link.bounding_box()
    assert box["y"] > 640  # not on the first screen
    assert box["y"] + box["height"] <= main["y"] + main["height"]  # the end of the text
    assert box["height"] >= 44 and box["width"] >= 44  # a target a thumb can hit
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_function("window.scrollY === 0")
    context.close()
