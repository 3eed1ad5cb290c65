"""Read what a person sees in a page's tables, without a browser."""

from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._current: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._hidden_depth = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _VOID:
            return
        self._depth += 1
        if tag == "table" and attrs.get("id"):
            self._current = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._current is not None:
            self._current.append([])
        elif tag in ("td", "th") and self._current is not None:
            self._cell = []
        if "govuk-visually-hidden" in (attrs.get("class") or "") and not self._hidden_depth:
            self._hidden_depth = self._depth

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self._hidden_depth == self._depth:
            self._hidden_depth = 0
        self._depth -= 1
        if tag in ("td", "th") and self._cell is not None and self._current is not None:
            self._current[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._current = None

    def handle_data(self, data):
        if self._cell is not None and not self._hidden_depth:
            self._cell.append(data)


def table(html: str | bytes, table_id: str) -> list[list[str]]:
    """The visible text of each cell of the table with this id, row by row (header first)."""
    parser = _Tables()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.tables[table_id]
