"""The BRAG status tag: a word and a colour, with enough contrast to read."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from actions.models import BRAG

SCSS = Path(settings.BASE_DIR) / "static" / "scss" / "_brag.scss"


def render(source: str, **context) -> str:
    return Template("{% load brag %}" + source).render(Context(context))


@pytest.mark.parametrize("status", list(BRAG))
def test_brag_tag_shows_the_word_and_the_colour_class(status):
    assert render("{% brag_tag s %}", s=status) == (
        f'<strong class="govuk-tag app-brag app-brag--{status.value}">{status.label}</strong>'
    )


def test_brag_tag_accepts_the_stored_value():
    assert ">Amber</strong>" in render("{% brag_tag 'amber' %}")


def test_brag_tag_of_no_status_is_empty():
    assert render("{% brag_tag s %}", s=None) == ""


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    # #767676 is the lightest grey that passes AA on white: 4.54:1.
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("status", list(BRAG))
def test_every_brag_colour_pair_meets_wcag_aa_contrast(status):
    assert contrast(status.colour, status.text_colour) >= 4.5


@pytest.mark.parametrize("status", list(BRAG))
def test_stylesheet_uses_the_brag_colours_of_the_model(status):
    scss = SCSS.read_text()
    match = re.search(rf'"{status.value}": \((#[0-9a-f]{{6}}), (#[0-9a-f]{{6}})\)', scss)
    assert match, f"{status.value} missing from {SCSS.name}"
    assert match.groups() == (status.colour, status.text_colour)


def test_white_tag_has_a_visible_border():
    scss = SCSS.read_text()
    rule = re.search(r"\.app-brag--white \{(.*?)\}", scss, re.S).group(1)
    border = re.search(r"border: 1px solid (\$[\w-]+|#[0-9a-f]+)", rule)
    assert border
    # $govuk-secondary-text-colour is #505a5f: a component edge needs 3:1 against the page.
    colour = "#505a5f" if border.group(1) == "$govuk-secondary-text-colour" else border.group(1)
    assert contrast(colour, "#ffffff") >= 3
