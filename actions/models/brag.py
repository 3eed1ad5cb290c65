from django.db import models


class BRAG(models.TextChoices):
    """The BRAG scale, in the order councils print it in Board tables."""

    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"
    BLUE = "blue", "Blue"
    WHITE = "white", "White"

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]

    @property
    def colour(self) -> str:
        """Background colour of the status tag; every pair meets WCAG AA contrast with its text."""
        return _COLOURS[self][0]

    @property
    def text_colour(self) -> str:
        return _COLOURS[self][1]

    @classmethod
    def ordered(cls) -> list["BRAG"]:
        return list(cls)


_MEANINGS = {
    BRAG.GREEN: "On track",
    BRAG.AMBER: "Minor issue",
    BRAG.RED: "Significant issue, delivery concern",
    BRAG.BLUE: "Complete",
    BRAG.WHITE: "Not started",
}

# GOV.UK Frontend tag palette (tint background, shade text): contrast 6:1 or better, above
# the 4.5:1 of WCAG AA (tests/actions/test_brag_tag.py checks).
_COLOURS = {
    BRAG.GREEN: ("#cce2d8", "#005a30"),
    BRAG.AMBER: ("#fcd6c3", "#6e3619"),
    BRAG.RED: ("#f4cdc6", "#2a0b06"),
    BRAG.BLUE: ("#bbd4ea", "#0c2d4a"),
    BRAG.WHITE: ("#ffffff", "#0b0c0c"),
}
