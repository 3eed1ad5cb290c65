"""The measures' partial templates that other pages include pass axe-core, the Nu HTML Checker
and reflow at 390 and 320 px: measures/_public_measures.html (the public pages, by phone) and
measures/_finding_measures.html (internal pages). Each is put in place of the main content of a
real page, so the site's styles and layout apply."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from measures.selectors import finding_measures, public_measures
from tests.browser.checks import (
    axe_violations,
    describe_html_errors,
    describe_violations,
    html_errors,
    sideways_scrolling,
)
from tests.browser.test_every_page import open_as

pytestmark = pytest.mark.browser

MAIN = re.compile(r'(<main class="govuk-main-wrapper" id="main-content">).*?(</main>)', re.DOTALL)


def partials(people) -> dict[str, str]:
    from actions.models import Plan

    plan = Plan.objects.get(local_area__slug="sutton")
    finding = plan.weaknesses().get(number=1)
    area = plan.local_area
    public = render_to_string(
        "measures/_public_measures.html",
        {"measures": public_measures(plan=plan), "id_prefix": "public-f1"},
    )
    internal = render_to_string(
        "measures/_finding_measures.html",
        {
            "measures": finding_measures(finding=finding, as_at=timezone.localdate()),
            "area": area,
            "id_prefix": "f1",
        },
    )
    heading = '<h1 class="govuk-heading-l">Measures</h1><h2 class="govuk-heading-m">Finding 1</h2>'
    return {"public measures": heading + public, "finding measures": heading + internal}


@pytest.mark.parametrize("name", ["public measures", "finding measures"])
def test_the_measures_partials_pass_the_checks_at_phone_widths(page, live_server, people, name):
    answer = open_as(page, live_server, people, "anonymous", "/progress/sutton/")
    content = partials(people)[name]
    assert "<svg" in content and "figures as a table" in content
    document = MAIN.sub(lambda m: m.group(1) + content + m.group(2), answer.text(), count=1)
    page.set_viewport_size({"width": 390, "height": 800})
    # In place on the served page, so its styles (and its Content-Security-Policy) apply.
    page.evaluate("(html) => { document.querySelector('main').innerHTML = html; }", content)
    assert page.locator("main svg").count() >= 1
    assert (
        page.evaluate("() => getComputedStyle(document.querySelector('main svg')).display")
        == "block"
    )

    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    for width in (390, 320):
        assert not sideways_scrolling(page, width=width), f"{name} scrolls sideways at {width}px"
    errors = html_errors({name: document})
    assert not errors, describe_html_errors(errors)
