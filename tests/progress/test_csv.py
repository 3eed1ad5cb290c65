import csv
import io

import pytest
from django.urls import reverse

from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("progress:actions_csv", kwargs={"area_slug": "sutton"})


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_downloads_every_published_action_with_its_public_fields(client, sutton):
    response = client.get(CSV_URL)

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="sutton-published-actions.csv"' in response["Content-Disposition"]
    first = rows(response)[0]
    assert first == {
        "Reference": "1.1.1",
        "Area of weakness": "1",
        "Commitment": "1.1",
        "Title": "Increase the SIASS staffing",
        "Public summary": "The advice service now has more staff.",
        "Status": "Blue",
        "What the status means": "Complete",
        "Lead": "Head of SEND, London Borough of Sutton",
        "Due date": "2019-03-31",
        "Completed date": "2018-09-01",
    }
    assert [row["Reference"] for row in rows(response)] == ["1.1.1", "1.1.2", "2.1.1"]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_csv_cell_starting_like_a_formula_is_neutralised(client, sutton, prefix):
    ActionFactory(
        plan=sutton["plan"],
        weakness=sutton["weaknesses"][1],
        reference="2.9.9",
        title=f'{prefix}HYPERLINK("http://evil.example")',
        public_summary="Summary",
        published=True,
    )

    row = next(r for r in rows(client.get(CSV_URL)) if r["Reference"] == "2.9.9")

    assert row["Title"] == f'\'{prefix}HYPERLINK("http://evil.example")'
