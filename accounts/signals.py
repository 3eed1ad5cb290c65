"""What the security log hears about: sign-ins, lockouts, role changes, admin changes."""

from typing import Any, cast

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from accounts.events import security_event
from accounts.middleware import mark_signed_in
from accounts.services import user_sessions_end

# Flags of a user account whose change is a change of powers.
USER_FLAGS = ("is_active", "is_staff", "is_superuser")
ADMIN_FLAGS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}


def _current_request():
    """The request being served, kept by django-simple-history's middleware, if any."""
    return getattr(HistoricalRecords.context, "request", None)


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs) -> None:
    if request is None:
        return
    mark_signed_in(request, user)
    security_event("sign_in", request=request, user=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs) -> None:
    if request is None or user is None:
        return
    reason = getattr(request, "session_end_reason", None)
    if reason:
        security_event("session_expired", request=request, user=user, reason=reason)
    else:
        security_event("sign_out", request=request, user=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials: dict, request=None, **kwargs) -> None:
    username = str(credentials.get("username", ""))
    security_event("sign_in_failed", request=request, username=username)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    security_event("sign_in_locked_out", request=request, username=str(username or ""))


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _remember_user_flags(sender, instance, update_fields=None, **kwargs) -> None:
    if not instance.pk or (update_fields is not None and not set(update_fields) & set(USER_FLAGS)):
        # New, or a save of other fields only (the last sign-in time at every sign-in).
        instance._flags_before = None
        return
    instance._flags_before = sender.objects.filter(pk=instance.pk).values(*USER_FLAGS).first()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _user_flags_changed(sender, instance, created: bool, **kwargs) -> None:
    before = getattr(instance, "_flags_before", None)
    if created or before is None:
        return
    changed = {
        flag: getattr(instance, flag)
        for flag in USER_FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if not changed:
        return
    request = _current_request()
    fields: dict[str, Any] = {"account": instance.get_username(), **changed}
    if changed.get("is_active") is False:
        # Refusing the person's next request is not enough: their open sessions end now.
        fields["sessions_ended"] = user_sessions_end(user=instance)
    security_event("account_changed", request=request, **fields)


@receiver(pre_save, sender="actions.Membership")
def _remember_role(sender, instance, **kwargs) -> None:
    old = (
        sender.objects.filter(pk=instance.pk).values("role", "ended_at").first()
        if instance.pk
        else None
    )
    instance._role_before = old["role"] if old else None
    instance._ended_before = old["ended_at"] if old else None


@receiver(post_save, sender="actions.Membership")
def _role_saved(sender, instance, created: bool, **kwargs) -> None:
    # Removing a person ends their membership (ended_at); giving them a role again reopens it.
    before = getattr(instance, "_role_before", None)
    was_current = created or getattr(instance, "_ended_before", None) is None
    fields: dict[str, Any]
    if instance.ended_at is not None:
        if not was_current:
            return
        fields = {"event": "role_removed", "role_before": instance.role}
    elif created or not was_current:
        fields = {"event": "role_granted", "role": instance.role, "role_before": None}
    elif before != instance.role:
        fields = {"event": "role_changed", "role": instance.role, "role_before": before}
    else:
        return
    event = fields.pop("event")
    security_event(
        event,
        request=_current_request(),
        account=instance.user.get_username(),
        area=instance.local_area.slug,
        **fields,
    )


@receiver(post_delete, sender="actions.Membership")
def _role_removed(sender, instance, **kwargs) -> None:
    security_event(
        "role_removed",
        request=_current_request(),
        account=instance.user.get_username(),
        area=instance.local_area.slug,
        role_before=instance.role,
    )


@receiver(post_save, sender=LogEntry)
def _admin_changed(sender, instance: LogEntry, created: bool, **kwargs) -> None:
    if not created:
        return
    # The stubs declare LogEntry.content_type as a ForeignKey of no model; it is nullable.
    content_type = cast(ContentType | None, instance.content_type)
    security_event(
        "admin_change",
        request=_current_request(),
        user=instance.user,
        change=ADMIN_FLAGS.get(instance.action_flag, str(instance.action_flag)),
        model=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=str(instance.object_id),
        object=instance.object_repr,
    )
