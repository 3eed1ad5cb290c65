"""Every write to an action plan goes through these functions.

Each runs the model's own rules (`full_clean`), saves inside a transaction and records who
acted and why in the audit history, so the admin, the screens, imports and the shell all obey
the same rules.
"""

from actions.services.bulk import ActionsInvalid, action_bulk_create, action_bulk_update
from actions.services.common import STATUS_FIELDS, StaleEditError, short_reason
from actions.services.membership import (
    membership_change_role,
    membership_create,
    membership_end,
)
from actions.services.people import (
    InvitationUnusable,
    area_create_with_manager,
    invitation_accept,
    invitation_create,
    invitation_for_token,
)
from actions.services.plan import (
    action_edit,
    action_rebaseline,
    action_withdraw,
    board_meeting_record,
    board_meeting_update,
    commitment_update,
    key_objective_create,
    key_objective_update,
    monitoring_visit_record,
    monitoring_visit_update,
    plan_update,
    priority_create,
    priority_update,
    required_reason,
    workstream_member_add,
    workstream_member_update,
    workstream_set_lead,
    workstream_update,
)
from actions.services.publication import (
    PUBLIC_SUMMARY_REQUIRED,
    ActionPublication,
    action_set_publication,
    plan_publication_update,
    plan_set_published,
)
from actions.services.sign_off import (
    action_confirm_completion,
    action_propose_completion,
    action_return_completion,
)
from actions.services.status import (
    action_change_status,
    action_create,
    action_record_progress,
    action_update,
)
from actions.services.structure import (
    NOT_YET_RECORDED,
    commitment_create,
    plan_create_for_new_area,
    workstream_create,
)

__all__ = [
    "action_edit",
    "action_rebaseline",
    "action_withdraw",
    "board_meeting_record",
    "board_meeting_update",
    "commitment_update",
    "key_objective_create",
    "key_objective_update",
    "monitoring_visit_record",
    "monitoring_visit_update",
    "plan_update",
    "priority_create",
    "priority_update",
    "required_reason",
    "workstream_member_add",
    "workstream_member_update",
    "workstream_set_lead",
    "workstream_update",
    "NOT_YET_RECORDED",
    "PUBLIC_SUMMARY_REQUIRED",
    "STATUS_FIELDS",
    "ActionPublication",
    "ActionsInvalid",
    "InvitationUnusable",
    "StaleEditError",
    "action_bulk_create",
    "action_bulk_update",
    "action_change_status",
    "action_confirm_completion",
    "action_create",
    "action_propose_completion",
    "action_record_progress",
    "action_return_completion",
    "action_set_publication",
    "action_update",
    "area_create_with_manager",
    "commitment_create",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "membership_change_role",
    "membership_create",
    "membership_end",
    "plan_create_for_new_area",
    "plan_publication_update",
    "plan_set_published",
    "short_reason",
    "workstream_create",
]
