"""GOV.UK components rendered by the govuk template tags."""

import datetime as dt
import re

import django_tables2 as tables
import pytest
from django import forms
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory

from ui.tables import GovUKTable
from ui.widgets import DateInput


def render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


class ExampleForm(forms.Form):
    title = forms.CharField(help_text="A short name for the action.")
    narrative = forms.CharField(widget=forms.Textarea)
    status = forms.ChoiceField(choices=[("green", "Green"), ("red", "Red")])
    kind = forms.ChoiceField(
        choices=[("a", "Alpha"), ("b", "Beta")], widget=forms.RadioSelect, label="Kind"
    )
    due = forms.DateField(widget=DateInput(), label="Due date", help_text="For example, 27 3 2025")
    published = forms.BooleanField(required=False, label="Publish this action")
    themes = forms.MultipleChoiceField(
        choices=[("1", "One"), ("2", "Two")], widget=forms.CheckboxSelectMultiple, required=False
    )


def bound(**data):
    form = ExampleForm(data=data)
    form.is_valid()
    return form


# --- text input, textarea, select ---------------------------------------------------------


def test_text_input_has_label_hint_and_describedby():
    html = render("{% form_field form.title %}", form=ExampleForm())
    assert '<label class="govuk-label" for="id_title">Title</label>' in html
    assert '<div id="id_title-hint" class="govuk-hint">A short name for the action.</div>' in html
    assert 'class="govuk-input"' in html
    assert 'aria-describedby="id_title-hint"' in html


def test_field_with_an_error_shows_it_beside_the_field_and_points_at_it():
    html = render("{% form_field form.title %}", form=bound(title=""))
    assert "govuk-form-group--error" in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert (
        '<p id="id_title-error" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>'
    ) in html
    assert 'aria-describedby="id_title-hint id_title-error"' in html
    assert 'aria-invalid="true"' in html


def test_options_add_classes_and_make_the_label_the_page_heading():
    html = render(
        '{% form_field form.title label="What is it called?" label_class="govuk-label--l" '
        'page_heading=True classes="govuk-input--width-20" %}',
        form=ExampleForm(),
    )
    assert (
        '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" '
        'for="id_title">What is it called?</label></h1>'
    ) in html
    assert 'class="govuk-input govuk-input--width-20"' in html


def test_textarea_and_select_get_their_govuk_classes():
    form = bound(narrative="", status="nope")
    assert 'class="govuk-textarea govuk-textarea--error"' in render(
        "{% form_field form.narrative %}", form=form
    )
    select = render("{% form_field form.status %}", form=form)
    assert 'class="govuk-select govuk-select--error"' in select
    assert '<option value="green">Green</option>' in select


def test_entered_text_comes_back_after_an_error():
    html = render("{% form_field form.narrative %}", form=bound(narrative="Delayed <b>again</b>"))
    assert "Delayed &lt;b&gt;again&lt;/b&gt;</textarea>" in html


# --- radios, checkboxes -------------------------------------------------------------------


def test_radios_are_a_fieldset_with_a_legend_and_one_input_per_choice():
    html = render("{% form_field form.kind inline=True %}", form=bound(kind="b"))
    assert '<fieldset class="govuk-fieldset">' in html
    assert '<legend class="govuk-fieldset__legend">Kind</legend>' in html
    assert 'class="govuk-radios govuk-radios--inline"' in html
    assert re.search(r'id="id_kind_0" name="kind" type="radio" value="a">', html)
    assert re.search(r'id="id_kind_1" name="kind" type="radio" value="b" checked>', html)
    assert '<label class="govuk-label govuk-radios__label" for="id_kind_1">Beta</label>' in html


def test_radios_error_is_described_on_the_fieldset():
    html = render("{% form_field form.kind %}", form=bound())
    assert '<fieldset class="govuk-fieldset" aria-describedby="id_kind-error">' in html


def test_single_checkbox_keeps_its_state():
    html = render("{% form_field form.published %}", form=bound(published="on"))
    assert 'class="govuk-checkboxes__input"' in html
    assert "checked" in html
    assert 'for="id_published">Publish this action</label>' in html


def test_checkbox_list_ticks_the_chosen_values():
    html = render("{% form_field form.themes small=True %}", form=bound(themes=["2"]))
    assert "govuk-checkboxes--small" in html
    assert re.search(r'id="id_themes_1" name="themes" type="checkbox" value="2" checked>', html)
    assert not re.search(r'value="1" checked', html)


# --- date input ---------------------------------------------------------------------------


def test_date_input_shows_day_month_and_year_boxes():
    form = ExampleForm(initial={"due": dt.date(2025, 3, 27)})
    html = render("{% form_field form.due %}", form=form)
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_due-hint">' in html
    for part, value in (("day", "27"), ("month", "3"), ("year", "2025")):
        assert (
            f'id="id_due_{part}" name="due_{part}" type="text" inputmode="numeric" value="{value}"'
            in html
        )
    assert "govuk-input--width-4" in html


def test_date_input_parses_the_three_boxes():
    form = bound(due_day="27", due_month="3", due_year="2025")
    assert form.cleaned_data["due"] == dt.date(2025, 3, 27)


def test_date_input_keeps_what_was_typed_when_it_is_not_a_real_date():
    form = bound(due_day="31", due_month="2", due_year="2025")
    assert "due" in form.errors
    html = render("{% form_field form.due %}", form=form)
    assert 'name="due_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="due_month" type="text" inputmode="numeric" value="2"' in html
    assert "govuk-input--error" in html


def test_empty_date_input_is_a_missing_value():
    assert "This field is required." in bound(due_day="", due_month="", due_year="").errors["due"]


# --- error summary ---------------------------------------------------------------------------


def test_error_summary_links_each_error_to_its_first_box():
    form = bound(title="", kind="", due_day="x")
    html = render("{% error_summary form %}", form=form)
    assert "There is a problem" in html
    assert '<a href="#id_title">This field is required.</a>' in html
    assert '<a href="#id_kind_0">' in html
    assert '<a href="#id_due_day">' in html


def test_error_summary_of_a_valid_form_is_empty():
    form = bound(
        title="x",
        narrative="y",
        status="green",
        kind="a",
        due_day="1",
        due_month="1",
        due_year="2025",
    )
    assert form.is_valid(), form.errors
    assert render("{% error_summary form %}", form=form) == ""


# --- other components ---------------------------------------------------------------------


def test_summary_list_rows_with_and_without_a_change_link():
    html = render(
        "{% load brag %}{% summary_list %}"
        '{% summary_row "Status" href="/edit/" hidden_text="the status" %}{% brag_tag "red" %}{% endsummary_row %}'
        '{% summary_row "Lead" %}{{ lead }}{% endsummary_row %}'
        "{% endsummary_list %}",
        lead="Olu <Officer>",
    )
    assert html.startswith('<dl class="govuk-summary-list">')
    assert '<dt class="govuk-summary-list__key">Status</dt>' in html
    assert "app-brag--red" in html
    assert (
        '<a class="govuk-link" href="/edit/">Change<span class="govuk-visually-hidden"> the status</span></a>'
    ) in html
    assert "govuk-summary-list__row--no-actions" in html
    assert "Olu &lt;Officer&gt;" in html


def test_back_link_breadcrumbs_and_button():
    assert render('{% back_link "/x/" %}') == '<a href="/x/" class="govuk-back-link">Back</a>'
    crumbs = render('{% breadcrumbs "Home" "/" "Actions" "/a/" %}')
    assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in crumbs
    assert '<a class="govuk-breadcrumbs__link" href="/a/">Actions</a>' in crumbs
    assert 'class="govuk-button govuk-button--secondary"' in render(
        '{% button "Cancel" secondary=True %}'
    )


def test_notification_banner_for_success_is_an_alert():
    html = render('{% notification_banner "Status updated" success=True %}')
    assert "govuk-notification-banner--success" in html
    assert 'role="alert"' in html
    assert "Status updated" in html


def test_simple_table_has_a_caption_and_header_cells():
    html = render(
        "{% govuk_table 'BRAG counts' head rows %}", head=["Theme", "Red"], rows=[["EHC plans", 2]]
    )
    assert (
        '<caption id="table-brag-counts" class="govuk-table__caption govuk-table__caption--m">'
        "BRAG counts</caption>" in html
    )
    assert '<th scope="col" class="govuk-table__header">Theme</th>' in html
    assert '<td class="govuk-table__cell">2</td>' in html


def test_a_simple_table_scrolls_in_a_keyboard_region_named_by_its_caption():
    html = render("{% govuk_table 'BRAG counts' head rows %}", head=["Theme"], rows=[["EHC"]])
    assert (
        '<div class="app-table-scroll" role="region" aria-labelledby="table-brag-counts"'
        ' tabindex="0">\n<table class="govuk-table">' in html
    )


def test_pagination_keeps_the_other_query_parameters():
    page = Paginator(list(range(100)), 10).page(5)
    request = RequestFactory().get("/actions/", {"status": "red", "page": "5"})
    html = Template("{% load govuk %}{% pagination page %}").render(
        Context({"page": page, "request": request})
    )
    assert '<nav class="govuk-pagination" aria-label="Pagination">' in html
    assert 'href="?status=red&amp;page=4" rel="prev"' in html
    assert 'href="?status=red&amp;page=6" rel="next"' in html
    assert 'aria-current="page">5</a>' in html
    assert "govuk-pagination__item--ellipses" in html


def test_messages_show_as_notification_banners_with_distinct_titles():
    html = Template('{% include "partials/messages.html" %}').render(
        Context(
            {"messages": [Message(constants.SUCCESS, "Saved"), Message(constants.INFO, "Note")]}
        )
    )
    assert "govuk-notification-banner--success" in html
    assert 'id="govuk-notification-banner-title-1"' in html
    assert 'id="govuk-notification-banner-title-2"' in html
    assert "Saved" in html and "Note" in html


# --- django-tables2 ---------------------------------------------------------------------------


class ActionTable(GovUKTable):
    reference = tables.Column()
    title = tables.Column(orderable=False)
    count = tables.Column(
        attrs={
            "th": {"class": "govuk-table__header--numeric"},
            "td": {"class": "govuk-table__cell--numeric"},
        }
    )


ROWS = [
    {"reference": "1.1", "title": "Fix <it>", "count": 3},
    {"reference": "1.2", "title": "B", "count": 1},
]


def render_table(query=None, **kwargs):
    request = RequestFactory().get("/actions/", query or {})
    table = ActionTable(ROWS, caption="Actions of WS2", **kwargs)
    tables.RequestConfig(request, paginate={"per_page": 1}).configure(table)
    return Template("{% load django_tables2 %}{% render_table table %}").render(
        Context({"table": table, "request": request})
    )


def test_tables_render_with_govuk_classes_and_a_caption():
    html = render_table()
    assert '<table class="govuk-table">' in html
    assert (
        '<caption id="table-caption" class="govuk-table__caption govuk-table__caption--m">'
        "Actions of WS2</caption>" in html
    )
    assert 'class="govuk-table__header' in html
    assert 'class="govuk-table__cell">Fix &lt;it&gt;</td>' in html


def test_sortable_headers_say_how_they_are_sorted():
    html = render_table({"sort": "-reference"})
    assert re.search(
        r'<th scope="col" class="govuk-table__header[^"]*"[^>]* aria-sort="descending">', html
    )
    assert re.search(r'class="app-table__sort-link" data-sort href="\?sort=reference"', html)
    unsorted = render_table()
    assert 'aria-sort="none"' in unsorted
    title_th = re.search(r"<th[^>]*>\s*Title\s*</th>", unsorted)
    assert title_th and "aria-sort" not in title_th.group(0)


def test_numeric_columns_keep_their_own_class_beside_the_govuk_one():
    html = render_table()
    assert 'class="govuk-table__header govuk-table__header--numeric' in html
    assert 'class="govuk-table__cell govuk-table__cell--numeric"' in html


def test_paginated_table_uses_govuk_pagination():
    html = render_table({"sort": "reference"})
    assert "govuk-pagination" in html
    assert "sort=reference" in re.search(r'href="([^"]*)" rel="next"', html).group(1)


def test_a_table_scrolls_in_a_keyboard_region_named_by_its_caption():
    html = render_table()
    assert (
        '<div class="app-table-scroll" role="region" aria-labelledby="table-caption"'
        ' tabindex="0">\n<table class="govuk-table">' in html
    )


def test_a_table_without_a_caption_is_refused():
    with pytest.raises(ValueError, match="caption"):
        ActionTable(ROWS)


def test_tables2_uses_the_govuk_template(settings):
    assert settings.DJANGO_TABLES2_TEMPLATE == "django_tables2/govuk.html"
