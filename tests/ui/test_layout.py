"""The page layout every screen stands on."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import resolve
from django.views.defaults import permission_denied

from actions.models import Membership
from tests.factories import UserFactory


@pytest.mark.django_db
def test_every_page_starts_with_a_skip_link_to_the_main_content(client):
    html = client.get("/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html


@pytest.mark.django_db
def test_body_is_marked_for_govuk_frontend_scripts(client):
    html = client.get("/").content.decode()
    assert 'class="govuk-template"' in html
    assert '<body class="govuk-template__body">' in html
    assert "govuk-frontend-supported" in html
    assert "initAll()" in html


@pytest.mark.django_db
def test_header_shows_the_product_name_without_the_crown(client):
    html = client.get("/").content.decode()
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    assert "WSoA tracker" in header
    assert "<svg" not in header
    assert "crown" not in header.lower()
    assert "GOV.UK" not in header


@pytest.mark.django_db
def test_pages_load_only_our_own_assets(client):
    html = client.get("/").content.decode()
    assert '<link rel="stylesheet" href="/static/dist/app.css">' in html
    assert "/static/dist/govuk-frontend.min.js" in html
    assert "govuk-icon" not in html  # the GOV.UK favicons carry the crown


@pytest.mark.django_db
def test_signed_in_layout_names_the_person(client):
    client.force_login(UserFactory(first_name="Olu", last_name="Adeyemi"))
    html = client.get("/", follow=True).content.decode()
    assert "Olu Adeyemi" in html


@pytest.mark.django_db
def test_sign_out_is_a_post_form_not_a_link(client):
    client.force_login(UserFactory())
    html = client.get("/", follow=True).content.decode()
    form = re.search(r'<form method="post" action="/accounts/logout/".*?</form>', html, re.S)
    assert form, "no sign-out form"
    assert "csrfmiddlewaretoken" in form.group(0)
    assert 'type="submit"' in form.group(0) and "Sign out" in form.group(0)
    assert 'href="/accounts/logout/"' not in html


@pytest.mark.django_db
def test_signing_out_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_out_by_following_a_link_is_refused(client):
    client.force_login(UserFactory())
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_signed_out_layout_has_no_account_details_or_navigation(client):
    html = client.get("/").content.decode()
    assert "Sign out" not in html
    assert "govuk-service-navigation" not in html


@pytest.mark.django_db
def test_footer_links_to_the_accessibility_statement(client):
    html = client.get("/").content.decode()
    assert 'href="/accessibility/"' in html
    page = client.get("/accessibility/")
    assert page.status_code == 200
    assert "Accessibility statement" in page.content.decode()


# --- home page -------------------------------------------------------------------------


@pytest.mark.django_db
def test_signed_out_home_offers_sign_in_and_the_public_progress_pages(client):
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in html
    assert 'href="/progress/"' in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_with_screens")
def test_signed_in_home_goes_to_my_actions(client):
    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/my-actions/"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_without_screens")
def test_signed_in_home_lists_the_persons_areas_until_my_actions_exists(client, people, area):
    client.force_login(people["board"])
    response = client.get("/")
    assert response.status_code == 200
    assert "Sutton" in response.content.decode()
    assert "Kingston" not in response.content.decode()


# --- navigation --------------------------------------------------------------------------


def _nav(html: str) -> list[str]:
    nav = re.search(r'<ul class="govuk-service-navigation__list".*?</ul>', html, re.S)
    if not nav:
        return []
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(r"<a [^>]*>(.*?)</a>", nav.group(0), re.S)
    ]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_with_screens")
@pytest.mark.parametrize(
    "person, sections",
    [
        ("officer", ["My actions", "Dashboard", "Actions", "Board papers"]),
        ("lead", ["My actions", "Dashboard", "Actions", "Update round", "Board papers"]),
        ("board", ["Dashboard", "Actions", "Board papers"]),
        (
            "manager",
            [
                "My actions",
                "Dashboard",
                "Actions",
                "Update round",
                "Board papers",
                "Manage plan",
                "Publishing",
                "People",
            ],
        ),
        (
            "superuser",
            [
                "My actions",
                "Dashboard",
                "Actions",
                "Update round",
                "Board papers",
                "Manage plan",
                "Publishing",
                "People",
                "Admin",
            ],
        ),
    ],
)
def test_navigation_shows_the_sections_of_the_persons_role(client, people, person, sections):
    client.force_login(people[person])
    html = client.get("/accessibility/").content.decode()
    assert _nav(html) == sections


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_with_screens")
def test_navigation_links_to_the_area_being_looked_at_and_marks_the_current_section(people, area):
    kingston = Membership.objects.get(user=people["outsider"]).local_area
    Membership.objects.create(user=people["manager"], local_area=kingston, role="board_member")
    # A screen rendering the layout under the Kingston dashboard address.
    request = RequestFactory().get("/areas/kingston/")
    request.user = people["manager"]
    request.resolver_match = resolve("/areas/kingston/")
    html = render_to_string("base.html", request=request)
    assert 'href="/areas/kingston/actions/"' in html
    assert 'href="/areas/kingston/plan/"' not in html  # only a Board member in Kingston
    assert re.search(r'href="/areas/kingston/"\s+aria-current="page"', html)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_with_screens")
def test_an_area_page_below_the_dashboard_marks_only_its_own_section(people, area):
    request = RequestFactory().get("/areas/kingston/actions/")
    request.user = people["outsider"]
    request.resolver_match = resolve("/areas/kingston/actions/")
    html = render_to_string("base.html", request=request)
    assert re.search(r'href="/areas/kingston/actions/"\s+aria-current="page"', html)
    assert html.count('aria-current="page"') == 1


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_without_screens")
def test_navigation_leaves_out_screens_not_built_yet(client, people):
    client.force_login(people["manager"])
    assert _nav(client.get("/accessibility/").content.decode()) == []


# --- error pages -------------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_address_gives_the_styled_not_found_page(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "govuk-template__body" in html
    assert "Skip to main content" in html


@pytest.mark.django_db
def test_permission_denied_gives_the_styled_forbidden_page(people):
    request = RequestFactory().get("/")
    request.user = people["board"]
    response = permission_denied(request, exception=None)
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot do this" in html
    assert "govuk-template__body" in html


def test_server_error_page_renders_without_a_request_or_database():
    # Django renders 500.html with no context; the database may be what failed.
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-template__body" in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.ui.urls_with_screens")
@pytest.mark.parametrize("person, queries", [("board", 3), ("lead", 4)])
def test_signed_in_layout_costs_a_fixed_number_of_queries(
    client, people, person, queries, django_assert_num_queries
):
    # Session, user, memberships with their areas (and a lead's workstreams).
    client.force_login(people[person])
    with django_assert_num_queries(queries):
        html = client.get("/accessibility/").content.decode()
    assert "Dashboard" in html
