"""Receivers that turn sign-ins, account changes and change-log rows into audit entries.

Connected in AuditConfig.ready with dispatch_uids, so they are connected once.
"""

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save

from audit.changelog import neutral_object_repr
from audit.context import current_request
from audit.models import Action
from audit.services import audit_event_record, log_entry_chain

# Account fields worth naming when they change; values are never recorded.
USER_TRACKED_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "password",
    "is_active",
    "is_staff",
    "is_superuser",
)


def on_signed_in(sender, request, user, **kwargs):
    # Django's login() runs at the password step: the person is not signed in to anything until
    # the TOTP code is verified, which records SIGN_IN (accounts.views.two_factor).
    audit_event_record(
        action=Action.PASSWORD_ACCEPTED,
        actor=user,
        request=request,
        object_type="auth.user",
        object_id=user.pk,
    )


def on_signed_out(sender, request, user, **kwargs):
    if user is None:  # signing out when not signed in: nothing happened
        return
    audit_event_record(
        action=Action.SIGN_OUT,
        actor=user,
        request=request,
        object_type="auth.user",
        object_id=user.pk,
    )


def on_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password with asterisks; only the username is kept.
    username = str(credentials.get(get_user_model().USERNAME_FIELD, "") or "")[:150]
    audit_event_record(
        action=Action.SIGN_IN_FAILED,
        request=request,
        staff_page=True,  # the sign-in page is for staff only: their address may be kept
        details={"username": username},
    )


def on_user_pre_save(sender, instance, update_fields=None, **kwargs):
    """Note which account fields are changing, before the save overwrites the old row."""
    instance._audit_changed_fields = None
    if instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return
    old = sender._base_manager.filter(pk=instance.pk).values(*USER_TRACKED_FIELDS).first()
    if old is None:
        return
    instance._audit_changed_fields = [
        name for name in USER_TRACKED_FIELDS if old[name] != getattr(instance, name)
    ]


def on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    if created:
        details = {"operation": "created", "username": instance.get_username()}
    else:
        changed = getattr(instance, "_audit_changed_fields", None)
        if not changed:
            return
        details = {"operation": "changed", "username": instance.get_username(), "fields": changed}
    audit_event_record(
        action=Action.USER_CHANGED,
        request=current_request(),
        object_type="auth.user",
        object_id=instance.pk,
        details=details,
    )


def on_user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Who was put in or taken out of which group, whichever side the change was made from."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    operation = {"post_add": "added", "post_remove": "removed", "pre_clear": "removed"}[action]
    user_model = get_user_model()
    if action == "pre_clear":
        # After the clear the rows are gone, so name them before.
        related = getattr(instance, "user_set" if reverse else "groups").all()
        pk_set = {obj.pk for obj in related}
    if not pk_set:
        return
    if reverse:  # group.user_set.add(user...)
        pairs = [(user, instance) for user in user_model._base_manager.filter(pk__in=pk_set)]
    else:  # user.groups.add(group...)
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    for user, group in pairs:
        audit_event_record(
            action=Action.GROUP_CHANGED,
            request=current_request(),
            object_type="auth.user",
            object_id=user.pk,
            details={"operation": operation, "username": user.get_username(), "group": group.name},
        )


def on_group_saved(sender, instance, created, **kwargs):
    audit_event_record(
        action=Action.GROUP_CHANGED,
        request=current_request(),
        object_type="auth.group",
        object_id=instance.pk,
        details={"operation": "created" if created else "changed", "group": instance.name},
    )


def on_group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or reverse:
        return
    if action != "post_clear" and not pk_set:  # nothing new (adding what was already there)
        return
    from django.contrib.auth.models import Permission

    names = sorted(
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(pk__in=pk_set or []).select_related("content_type")
    )
    audit_event_record(
        action=Action.GROUP_CHANGED,
        request=current_request(),
        object_type="auth.group",
        object_id=instance.pk,
        details={
            "operation": "permissions_" + action.removeprefix("post_"),
            "group": instance.name,
            "permissions": names,
        },
    )


def on_log_entry_pre_save(sender, instance, **kwargs):
    if instance._state.adding:
        model = instance.content_type.model_class() if instance.content_type_id else None
        instance.object_repr = neutral_object_repr(model, instance.object_pk, instance.object_repr)


def on_log_entry_saved(sender, instance, created, **kwargs):
    if created:
        log_entry_chain(entry=instance, request=current_request())


def connect() -> None:
    user_model = get_user_model()
    user_logged_in.connect(on_signed_in, dispatch_uid="audit_signed_in")
    user_logged_out.connect(on_signed_out, dispatch_uid="audit_signed_out")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="audit_sign_in_failed")
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid="audit_user_pre_save")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid="audit_user_saved")
    m2m_changed.connect(
        on_user_groups_changed, sender=user_model.groups.through, dispatch_uid="audit_user_groups"
    )
    post_save.connect(on_group_saved, sender=Group, dispatch_uid="audit_group_saved")
    m2m_changed.connect(
        on_group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="audit_group_permissions",
    )
    pre_save.connect(on_log_entry_pre_save, sender=LogEntry, dispatch_uid="audit_log_pre_save")
    post_save.connect(on_log_entry_saved, sender=LogEntry, dispatch_uid="audit_log_saved")
