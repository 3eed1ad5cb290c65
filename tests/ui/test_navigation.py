"""The navigation registry: the apps add their sections to it."""

import pytest
from django.test import RequestFactory, override_settings

from tests.factories import UserFactory
from ui import navigation


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(navigation, "_sections", {})
    monkeypatch.setattr(navigation, "_area_resolver", None)


def _always(*args) -> bool:
    return True


def test_the_installed_apps_register_their_sections_in_order():
    assert [section.text for section in navigation.sections()] == [
        "My actions",
        "Dashboard",
        "Actions",
        "Update round",
        "Board papers",
        "Manage plan",
        "Publishing",
        "People",
    ]


def test_sections_show_in_their_order_not_the_order_they_were_registered(empty_registry):
    navigation.register("Second", "second", allowed=_always, order=20)
    navigation.register("First", "first", allowed=_always, order=10)
    assert [section.text for section in navigation.sections()] == ["First", "Second"]


def test_registering_a_url_name_again_replaces_its_section(empty_registry):
    navigation.register("Old", "same", allowed=_always, order=10)
    navigation.register("New", "same", allowed=_always, order=10)
    assert [section.text for section in navigation.sections()] == ["New"]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_with_screens")
def test_an_area_section_is_left_out_when_no_area_is_found(empty_registry):
    navigation.register("Everywhere", "my_actions", allowed=_always, per_area=False, order=10)
    navigation.register("In an area", "action_list", allowed=_always, order=20)
    request = RequestFactory().get("/")
    request.user = UserFactory()
    assert [item.text for item in navigation.navigation_for(request)] == ["Everywhere"]
