"""Property tests of the monthly update: whatever is posted, no server error and no half-save."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.models import BRAG

# Anything a browser can send: every character UTF-8 can carry, NUL and controls included.
typed = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
date_part = st.one_of(typed, st.integers(min_value=-10, max_value=100_000).map(str))
status = st.one_of(st.sampled_from([brag.value for brag in BRAG]), typed)


def _state(action):
    action.refresh_from_db()
    return action.version, action.history.count(), action.progress_updates.count()


@pytest.mark.django_db
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    who=st.sampled_from(["officer", "manager"]),
    data=st.fixed_dictionaries(
        {
            "status": status,
            "narrative": typed,
            "remedial_action": typed,
            "completed_date_day": date_part,
            "completed_date_month": date_part,
            "completed_date_year": date_part,
            "evidence": typed,
        }
    ),
    stale_version=st.one_of(st.none(), typed),
)
def test_any_posted_update_is_saved_whole_or_not_at_all(client, cast, who, data, stale_version):
    action = cast.action
    client.force_login(getattr(cast, who))
    version, history, updates = _state(action)
    posted = {**data, "version": version if stale_version is None else stale_version}
    url = reverse("action_update", kwargs={"area_slug": "sutton", "reference": action.reference})

    response = client.post(url, posted)

    assert response.status_code in (200, 302, 400, 409)
    after = _state(action)
    if response.status_code == 302:
        assert after == (version + 1, history + 1, updates + 1)
    else:
        assert after == (version, history, updates)
