"""Board papers as tagged PDF (PDF/UA-1), drawn on the server by WeasyPrint.

The HTML gives the structure a screen reader follows: the title, the language, headings (the
bookmarks) and tables. The stylesheet in static/pdf/ lays out the A4 page and its footer.
Nothing is fetched from the network: only files under the static directory are read.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings

STATIC_DIR = Path(settings.BASE_DIR) / "static"
BOARD_PAPER_CSS = STATIC_DIR / "pdf" / "board-paper.css"


class LocalFileRefused(ValueError):
    pass


def local_url_fetcher(root: Path):
    """A WeasyPrint URL fetcher that reads files under `root` and data: URLs, and refuses
    everything else, so a paper never waits on, or leaks its contents to, another server."""
    # Imported here: WeasyPrint loads Pango when imported, and only the PDF needs it.
    from weasyprint.urls import URLFetcher

    root = root.resolve()

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "file":
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not path.is_relative_to(root):
                    raise LocalFileRefused(f"Board papers read only static files, not {path}")
            elif scheme != "data":
                raise LocalFileRefused(f"Board papers fetch nothing from the network: {url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data"))


def html_to_pdf(html: str, *, stylesheet: Path = BOARD_PAPER_CSS) -> bytes:
    """The page as a tagged PDF/UA-1 document; title from <title>, language from <html lang>."""
    from weasyprint import CSS, HTML

    fetcher = local_url_fetcher(STATIC_DIR)
    base_url = STATIC_DIR.as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    css = CSS(filename=str(stylesheet), base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[css], pdf_variant="pdf/ua-1")
