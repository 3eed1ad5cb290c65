"""At 320 CSS px (WCAG 1.4.10) wide tables scroll in their own region and form fields keep
the screen's width; tests/browser/test_every_page.py measures the page of every URL."""

import pytest
from playwright.sync_api import expect

from tests.browser.checks import add_text_spacing
from tests.browser.test_every_page import open_as

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("text_spacing", [False, True], ids=["plain", "text spacing"])
def test_the_public_summary_boxes_keep_the_width_of_a_phone_screen(
    page, live_server, people, text_spacing
):
    page.set_viewport_size({"width": 320, "height": 640})
    open_as(page, live_server, people, "programme_manager", "/areas/sutton/publishing/")
    if text_spacing:
        add_text_spacing(page)

    boxes = page.locator("textarea").evaluate_all(
        "(els) => els.map((el) => [el.getBoundingClientRect().left,"
        " el.getBoundingClientRect().right])"
    )

    assert len(boxes) == 4
    for left, right in boxes:
        assert left >= 0 and right <= 320, (left, right)
        assert right - left >= 250, right - left


def test_a_wide_table_scrolls_in_a_region_named_by_its_caption_and_reached_by_tab(
    page, live_server, people
):
    page.set_viewport_size({"width": 320, "height": 640})
    open_as(page, live_server, people, "board_member", "/areas/sutton/")

    region = page.get_by_role("region", name="BRAG status by theme")

    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
    region.focus()
    page.keyboard.press("ArrowRight")
    # Arrow-key scrolling may be animated: wait for it rather than read it at once.
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=region.element_handle())
