"""The Board report as a tagged PDF: what a screen reader and a Board clerk find in the file."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from board.pdf import LocalFileRefused, local_url_fetcher
from tests.board.board_plans import hand_built_plan, people

SECTIONS = [
    "Summary by theme",
    "Movement since 31 August 2018",
    "Exception report: Red actions",
    "Overdue",
    "Coming up",
    "Month by month",
]


@pytest.fixture
def built(db):
    return hand_built_plan()


@pytest.fixture
def paper(client, built):
    client.force_login(people(built.plan.local_area)["board"])
    url = reverse("board_report_pdf", kwargs={"area_slug": built.plan.local_area.slug})
    response = client.get(url, {"as_at": "2018-09-30"})
    assert response.status_code == 200
    return response, PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def structure_tags(node, found=None) -> list[str]:
    """The structure types (/H1, /Table, …) of the tagged PDF, depth first."""
    found = [] if found is None else found
    node = node.get_object()
    if isinstance(node, DictionaryObject):
        if "/S" in node:
            found.append(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            for kid in kids if isinstance(kids, list) else [kids]:
                structure_tags(kid, found)
    return found


def outline_titles(outline) -> list:
    return [outline_titles(item) if isinstance(item, list) else item.title for item in outline]


def test_the_pdf_is_a_download_named_after_the_area_and_date(paper, built):
    response, reader = paper
    assert response["Content-Type"] == "application/pdf"
    slug = built.plan.local_area.slug
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slug}-board-report-2018-09-30.pdf"'
    )
    assert response.content.startswith(b"%PDF-1.7")


def test_the_pdf_has_the_report_title_and_is_in_british_english(paper, built):
    _, reader = paper
    assert reader.metadata.title == f"Steering Board report, 30 September 2018 – {built.plan.title}"
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert catalog["/MarkInfo"]["/Marked"]


def test_the_pdf_is_tagged_with_headings_and_tables(paper):
    _, reader = paper
    tags = structure_tags(reader.trailer["/Root"]["/StructTreeRoot"])
    assert tags.count("/H1") == 1
    assert tags.count("/H2") == len(SECTIONS)
    # Summary, movement, changes, exceptions, overdue, outlook and the month-end series.
    assert tags.count("/Table") == 7
    assert {"/TH", "/TD", "/Caption"} <= set(tags)


def test_each_section_of_the_paper_has_a_bookmark(paper, built):
    _, reader = paper
    assert outline_titles(reader.outline) == [
        f"Steering Board report: {built.plan.title}",
        SECTIONS,
    ]


def test_every_page_has_the_papers_date_status_and_page_number_in_its_footer(paper, built):
    _, reader = paper
    assert len(reader.pages) > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        status = built.plan.get_status_display()
        assert f"Board paper as at 30 September 2018. Plan status: {status}." in text
        assert f"Page {number} of {len(reader.pages)}" in text


def test_the_charts_are_left_to_their_tables_so_no_count_is_read_twice(paper):
    _, reader = paper
    text = text_of(reader)
    assert "BRAG status of actions by theme" not in text  # the SVG chart's title
    assert text.count("Total 0 1 1 1 3 6") == 1  # the summary table's Total row
    assert text.count("BRAG status at each month-end") == 1


def test_a_bad_date_gets_a_plain_message_not_a_pdf(client, built):
    client.force_login(people(built.plan.local_area)["board"])
    url = reverse("board_report_pdf", kwargs={"area_slug": built.plan.local_area.slug})
    response = client.get(url, {"as_at": "2018-13-01"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")


def test_the_report_page_offers_the_pdf_for_the_same_dates(client, built):
    client.force_login(people(built.plan.local_area)["board"])
    slug = built.plan.local_area.slug
    page = client.get(reverse("board_report", kwargs={"area_slug": slug}), {"as_at": "2018-09-30"})
    assert (
        f'<a class="govuk-link" href="/areas/{slug}/report.pdf?as_at=2018-09-30" download>'
        "Download this report as a PDF</a>"
    ) in page.text


@pytest.mark.parametrize(
    "url", ["https://fonts.example.com/font.woff2", "http://127.0.0.1/x.css", "file:///etc/passwd"]
)
def test_the_pdf_fetches_nothing_but_static_files(url, settings):
    fetch = local_url_fetcher(settings.BASE_DIR / "static")
    with pytest.raises(LocalFileRefused):
        fetch(url)


def test_the_pdf_reads_its_stylesheet_from_the_static_files(settings):
    fetch = local_url_fetcher(settings.BASE_DIR / "static")
    css = (settings.BASE_DIR / "static" / "pdf" / "board-paper.css").as_uri()
    assert b"@page" in fetch(css).read()
