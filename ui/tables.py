import django_tables2 as tables


class GovUKTable(tables.Table):
    """Base for the product's tables: a caption is required (it names the table for
    screen readers) and rendering uses templates/django_tables2/govuk.html.

    `ActionTable(queryset, caption="Actions of WS2", request=request)` or a class attribute
    `caption = "..."`. `caption_class` defaults to govuk-table__caption--m.
    """

    caption: str = ""
    caption_class: str = "govuk-table__caption--m"

    def __init__(self, *args, caption: str | None = None, caption_class: str | None = None, **kw):
        super().__init__(*args, **kw)
        if caption is not None:
            self.caption = caption
        if caption_class is not None:
            self.caption_class = caption_class
        if not self.caption:
            raise ValueError(f"{type(self).__name__} needs a caption.")
