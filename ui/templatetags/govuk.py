"""GOV.UK Design System components as template tags: `{% load govuk %}`.

Each tag renders a template under templates/partials/govuk/, so the markup of a component
lives in one place.

    {% error_summary form other_form_or_formset %}
    {% form_field form.field label="..." label_class="govuk-label--m" page_heading=True
                  hint="..." classes="govuk-input--width-10" inline=True small=True %}
    {% error_message errors id="x-error" %}
    {% button "Save" secondary=True warning=True name="..." value="..." href="..." %}
    {% back_link url "Back" %}
    {% breadcrumbs "Home" home_url "Actions" list_url %}
    {% notification_banner "Saved" title="..." success=True %}
    {% pagination page_obj page_field="page" %}
    {% govuk_table "Caption" head rows caption_class="govuk-table__caption--s" %}
    {% summary_list no_border=True %}
      {% summary_row "Status" href=url action_text="Change" hidden_text="status" %}
        {{ status }}
      {% endsummary_row %}
    {% endsummary_list %}
    {{ attrs|with_class:"govuk-table__cell" }}

Dates: use `forms.DateField(widget=ui.widgets.DateInput())` for the Day / Month / Year boxes.
Tables: subclass ui.tables.GovUKTable (needs a caption).
"""

from django import forms, template
from django.forms.utils import ErrorList
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.text import slugify
from django_tables2.utils import AttributeDict

from ui.widgets import DateInput

register = template.Library()


# --- forms -----------------------------------------------------------------------------


def _kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.FileInput):
        return "file_upload"
    if isinstance(widget, DateInput):
        return "date_input"
    # CheckboxSelectMultiple is a subclass of RadioSelect.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if widget.is_hidden:
        return "hidden"
    return "input"


def first_input_id(bound: forms.BoundField) -> str:
    """The id of the first box of a field: where an error summary link takes the person."""
    kind = _kind(bound.field.widget)
    if kind in ("radios", "checkboxes"):
        return f"{bound.auto_id}_0"
    if kind == "date_input":
        return f"{bound.auto_id}_day"
    return bound.auto_id


_ERROR_CLASS = {
    "input": "govuk-input--error",
    "textarea": "govuk-textarea--error",
    "select": "govuk-select--error",
    "date_input": "govuk-input--error",
    "file_upload": "govuk-file-upload--error",
}
_BASE_CLASS = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file_upload": "govuk-file-upload",
}


@register.simple_tag
def form_field(
    bound: forms.BoundField,
    *,
    label: str | None = None,
    label_class: str = "",
    page_heading: bool = False,
    hint: str | Promise | None = None,
    classes: str = "",
    inline: bool = False,
    small: bool = False,
) -> str:
    """A Django form field as the GOV.UK component its widget calls for.

    `{% form_field form.title %}`; options: label="...", label_class="govuk-label--m"
    (or govuk-fieldset__legend--m), page_heading=True (label or legend is the page's h1),
    hint="..." (default: the field's help_text), classes="govuk-input--width-10" (added to
    the input, textarea or select), inline=True / small=True (radios and checkboxes).
    Errors show above the box with `aria-describedby` pointing at them and at the hint.
    """
    kind = _kind(bound.field.widget)
    if kind == "hidden":
        return bound.as_widget()
    field_id = bound.auto_id
    hint = bound.help_text if hint is None else hint
    hint_id = f"{field_id}-hint" if hint else ""
    error_id = f"{field_id}-error" if bound.errors else ""
    describedby = " ".join(i for i in (hint_id, error_id) if i)
    context = {
        "field": bound,
        "kind": kind,
        "id": field_id,
        "label": bound.label if label is None else label,
        "label_class": label_class,
        "page_heading": page_heading,
        "hint": hint,
        "hint_id": hint_id,
        "error_id": error_id,
        "describedby": describedby,
        "inline": inline,
        "small": small,
        "widget_html": "",
    }
    if kind in _BASE_CLASS:
        css = [_BASE_CLASS[kind], classes, bound.field.widget.attrs.get("class", "")]
        if bound.errors:
            css.append(_ERROR_CLASS[kind])
        attrs: dict[str, str | bool] = {"class": " ".join(c for c in css if c)}
        if describedby:
            attrs["aria-describedby"] = describedby
        context["widget_html"] = bound.as_widget(attrs=attrs)
    elif kind == "checkbox":
        attrs = {"class": "govuk-checkboxes__input"}
        if describedby:
            attrs["aria-describedby"] = describedby
        context["widget_html"] = bound.as_widget(attrs=attrs)
    elif kind == "date_input":
        widget_context = bound.field.widget.get_context(
            bound.html_name, bound.value(), {"id": field_id}
        )
        error_class = " govuk-input--error" if bound.errors else ""
        context["parts"] = [
            {
                "label": part.capitalize(),
                "name": sub["name"],
                "id": f"{field_id}_{part}",
                "value": sub["value"] or "",
                "width": 4 if part == "year" else 2,
                "error_class": error_class,
            }
            for part, sub in zip(
                DateInput.parts, widget_context["widget"]["subwidgets"], strict=True
            )
        ]
    elif kind in ("radios", "checkboxes"):
        context["options"] = [
            {
                "id": option.data["attrs"]["id"],
                "name": option.data["name"],
                "value": option.data["value"],
                "label": option.choice_label,
                "checked": option.data["selected"],
            }
            for option in bound.subwidgets
        ]
    return render_to_string(f"partials/govuk/{kind}.html", context)


@register.simple_tag
def error_summary(*forms_) -> str:
    """The "There is a problem" box listing every error of one or more forms or formsets.

    Each entry links to its field. Put it at the top of `{% block content %}`.
    """
    errors: list[dict[str, object]] = []
    for form in forms_:
        if form is None:
            continue
        sub_forms = list(form) if isinstance(form, forms.BaseFormSet) else [form]
        if isinstance(form, forms.BaseFormSet):
            errors.extend({"text": e, "href": ""} for e in form.non_form_errors())
        for sub in sub_forms:
            visible = sub.visible_fields()
            first = f"#{first_input_id(visible[0])}" if visible else ""
            errors.extend({"text": e, "href": first} for e in sub.non_field_errors())
            for bound in sub:
                for error in bound.errors:
                    href = f"#{first_input_id(bound)}" if not bound.is_hidden else ""
                    errors.append({"text": error, "href": href})
    if not errors:
        return ""
    return render_to_string("partials/govuk/error_summary.html", {"errors": errors})


@register.simple_tag
def error_message(errors: ErrorList, id: str = "") -> str:
    """A field-level error message for markup built by hand (e.g. a table of inputs)."""
    if not errors:
        return ""
    return render_to_string("partials/govuk/error_message.html", {"errors": errors, "id": id})


@register.simple_tag
def button(
    text: str,
    *,
    secondary: bool = False,
    warning: bool = False,
    name: str = "",
    value: str = "",
    href: str = "",
) -> str:
    """A submit button, or a link styled as a button when `href` is given."""
    return render_to_string(
        "partials/govuk/button.html",
        {
            "text": text,
            "secondary": secondary,
            "warning": warning,
            "name": name,
            "value": value,
            "href": href,
        },
    )


# --- navigation and page furniture -----------------------------------------------------


@register.simple_tag
def back_link(href: str, text: str = "Back") -> str:
    return format_html('<a href="{}" class="govuk-back-link">{}</a>', href, text)


@register.simple_tag
def breadcrumbs(*items) -> str:
    """`{% breadcrumbs "Home" home_url "Actions" actions_url %}`: text and link pairs."""
    if len(items) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of text and link.")
    crumbs = [{"text": items[i], "href": items[i + 1]} for i in range(0, len(items), 2)]
    return render_to_string("partials/govuk/breadcrumbs.html", {"crumbs": crumbs})


@register.simple_tag
def notification_banner(
    text: str, *, title: str = "", success: bool = False, number: int = 0
) -> str:
    """A banner above the page content; `number` keeps ids unique when there are several."""
    title_id = "govuk-notification-banner-title" + (f"-{number}" if number else "")
    return render_to_string(
        "partials/govuk/notification_banner.html",
        {"text": text, "title": title, "success": success, "title_id": title_id},
    )


@register.simple_tag(takes_context=True)
def pagination(context, page, page_field: str = "page") -> str:
    """Previous / numbered / Next links for a Django `Page`, keeping the other query parameters.

    `{% pagination page_obj %}`; for a django-tables2 table the table template does this.
    """
    if page is None or page.paginator.num_pages <= 1:
        return ""
    request = context.get("request")
    params = request.GET.copy() if request is not None else None

    def href(number: int) -> str:
        if params is None:
            return f"?{page_field}={number}"
        query = params.copy()
        query[page_field] = number
        return f"?{query.urlencode()}"

    items: list[dict[str, object]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    return render_to_string(
        "partials/govuk/pagination.html",
        {
            "items": items,
            "previous": href(page.previous_page_number()) if page.has_previous() else "",
            "next": href(page.next_page_number()) if page.has_next() else "",
        },
    )


@register.simple_tag
def govuk_table(
    caption: str,
    head,
    rows,
    *,
    caption_class: str = "govuk-table__caption--m",
    caption_id: str = "",
):
    """A simple table from a list of headings and a list of rows (lists of cells).

    It scrolls inside its own region, named by the caption, on a narrow screen; give
    `caption_id` when a page has more than one. For sortable or paginated lists use
    django-tables2, which renders in the same style.
    """
    return render_to_string(
        "partials/govuk/table.html",
        {
            "caption": caption,
            "caption_class": caption_class,
            "caption_id": caption_id or f"table-{slugify(caption)}",
            "head": head,
            "rows": rows,
        },
    )


# --- summary list (block tags) ---------------------------------------------------------


class _WrapNode(template.Node):
    def __init__(self, nodelist, template_name, kwargs):
        self.nodelist = nodelist
        self.template_name = template_name
        self.kwargs = kwargs

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        values["content"] = self.nodelist.render(context)
        return render_to_string(self.template_name, values)


def _block_tag(name: str, template_name: str, positional: tuple[str, ...] = ()):
    def compile_tag(parser, token):
        bits = token.split_contents()[1:]
        kwargs = {}
        for key in positional:
            if not bits or "=" in bits[0]:
                raise template.TemplateSyntaxError(f"{name} needs a {key}.")
            kwargs[key] = parser.compile_filter(bits.pop(0))
        kwargs.update(token_kwargs(bits, parser))
        if bits:
            raise template.TemplateSyntaxError(f"{name}: unexpected {' '.join(bits)}")
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        return _WrapNode(nodelist, template_name, kwargs)

    register.tag(name, compile_tag)


# {% summary_list %}...{% endsummary_list %}; options: no_border=True
_block_tag("summary_list", "partials/govuk/summary_list.html")
# {% summary_row "Status" href=url action_text="Change" hidden_text="status" %}value{% endsummary_row %}
_block_tag("summary_row", "partials/govuk/summary_row.html", positional=("key",))


# --- filters ---------------------------------------------------------------------------


@register.filter
def with_class(attrs, css_class: str) -> str:
    """Render an attribute dict (e.g. django-tables2 `column.attrs.th`) with a class added."""
    merged = AttributeDict(attrs or {})
    merged["class"] = " ".join(c for c in (css_class, merged.get("class", "")) if c)
    return merged.as_html()
