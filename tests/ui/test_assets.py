"""The front end is compiled from GOV.UK Frontend at install time (make builds it first)."""

import re
from pathlib import Path

from django.conf import settings

DIST = Path(settings.BASE_DIR) / "static" / "dist"


def test_stylesheet_is_built():
    assert (DIST / "app.css").stat().st_size > 10_000


def test_stylesheet_uses_arial_and_never_gds_transport():
    css = (DIST / "app.css").read_text()
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert "arial" in css.lower()


def test_stylesheet_points_at_our_static_assets_not_the_root():
    css = (DIST / "app.css").read_text()
    urls = re.findall(r"url\(([^)]*)\)", css)
    assert urls
    for url in urls:
        url = url.strip("\"'")
        assert not url.startswith("/assets/"), url
        if url.startswith("/"):
            assert url.startswith("/static/dist/assets/"), url
            assert (DIST / url.removeprefix("/static/dist/")).exists(), url


def test_stylesheet_has_the_brag_classes():
    css = (DIST / "app.css").read_text()
    for name in ("green", "amber", "red", "blue", "white"):
        assert f".app-brag--{name}" in css


def test_govuk_frontend_script_and_images_are_copied_but_not_the_fonts():
    assert (DIST / "govuk-frontend.min.js").exists()
    assert (DIST / "assets" / "images" / "favicon.ico").exists()
    assert not (DIST / "assets" / "fonts").exists()
