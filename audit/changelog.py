"""The change log: django-auditlog on every model that holds submission, triage, log or user data.

Registration happens here (called from AuditConfig.ready) rather than in each app's models, so
every model of the data-holding apps is covered the day it is added, under one masking policy.

Masking policy, because the audit trail must never become a second copy of the source's identity
(nor keep personal data past retention, since audit entries are never deleted):
- every field of Source, every EncryptedTextField anywhere, User.password: masked;
- every free-text field (CharField/TextField without choices) of the data-holding apps: masked,
  because professionals type source details into free text (signatures, "I", names) and subject
  details are personal data that retention must be able to erase;
- in what a professional shared (the submissions app) dates, times and numbers are masked too
  (a date of birth, an age), except workflow timestamps and bookkeeping counters;
- kept in clear: choices (status, risk, outcome...), relations (ids), references ("reference",
  "*_reference"), timestamps, flags, and the numbers and dates of triage and logs: what a
  supervisor needs to follow a record.
A masked field still shows *that* it changed ("[masked]"), and by whom and when.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models

from cpi.crypto import EncryptedTextField

MASK = "[masked]"
# Every model in these apps is registered, including ones added after this was written.
DATA_APPS = ("submissions", "triage", "intelligence")
# Bookkeeping with no submission data; its send attempts would only add noise.
# Bookkeeping rows that hold only ids: which logs an export carried is recorded by the export's
# own audit events (EXPORT_COMPLETED), so a change-log entry per row would only slow exports.
EXCLUDED_MODELS = {"submissions.notificationoutbox", "intelligence.exportedlog"}
# Models whose every field is about the source (masked whole, not only its free text).
SOURCE_MODELS = {"submissions.source"}
# Updated at every sign-in; sign-ins are recorded as their own audit events.
USER_EXCLUDED_FIELDS = ["last_login"]


def mask_value(value: str) -> str:
    """auditlog's mask callable. Its default keeps half the string; this keeps nothing.

    Empty stays empty, so the log still tells "added", "changed" and "cleared" apart.
    """
    if value in ("", "None"):
        return ""
    return MASK


# Numbers on what a professional shared that are bookkeeping, not about a person.
SUBMITTED_BOOKKEEPING = {"version", "position", "attempts"}


def _is_clear_field(field: models.Field, *, submitted: bool) -> bool:
    if isinstance(field, EncryptedTextField):
        return False
    if field.choices or field.is_relation or field.primary_key:
        return True
    if field.name == "reference" or field.name.endswith("_reference"):
        return True
    if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
        return False
    if submitted:
        # What the professional shared: a date of birth, an age, when it happened are all
        # personal data. Only timestamps of the workflow, flags and bookkeeping stay readable.
        return isinstance(field, (models.DateTimeField, models.BooleanField, models.UUIDField)) or (
            field.name in SUBMITTED_BOOKKEEPING
        )
    return True


def masked_field_names(model) -> list[str]:
    """The fields of a data-holding model whose values never enter the change log."""
    label = model._meta.label_lower
    bookkeeping = {"id", "created_at", "updated_at", "submission", "purged_at"}
    names = []
    for field in model._meta.concrete_fields:
        if label in SOURCE_MODELS:
            if field.name not in bookkeeping:
                names.append(field.name)
        elif not _is_clear_field(field, submitted=label.startswith("submissions.")):
            names.append(field.name)
    return names


def concrete_field_names(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields]


def encrypted_field_names(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def audited_data_models() -> list:
    found = []
    for app_label in DATA_APPS:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        found.extend(
            model
            for model in config.get_models()
            if model._meta.label_lower not in EXCLUDED_MODELS and not model._meta.proxy
        )
    return found


def change_log_register() -> None:
    """Register the data-holding models and the staff user and group models with auditlog."""
    from auditlog.registry import auditlog

    mask_callable = "audit.changelog.mask_value"
    for model in audited_data_models():
        auditlog.unregister(model)
        auditlog.register(
            model,
            # Named explicitly: by default auditlog also reads reverse one-to-one relations on
            # create, a query each (and a failure while a related table is being migrated).
            include_fields=concrete_field_names(model),
            mask_fields=masked_field_names(model),
            mask_callable=mask_callable,
            m2m_fields={f.name for f in model._meta.many_to_many},
        )

    user_model = get_user_model()
    auditlog.unregister(user_model)
    auditlog.register(
        user_model,
        include_fields=concrete_field_names(user_model),
        exclude_fields=list(USER_EXCLUDED_FIELDS),
        mask_fields=["password", *encrypted_field_names(user_model)],
        mask_callable=mask_callable,
        m2m_fields={"groups", "user_permissions"},
    )
    auditlog.unregister(Group)
    auditlog.register(
        Group,
        include_fields=concrete_field_names(Group),
        mask_callable=mask_callable,
        m2m_fields={"permissions"},
    )


def neutral_object_repr(model, object_pk: str, current_repr: str) -> str:
    """What the change log may call an object: never its __str__ for data models.

    A subject's __str__ is their name, and audit entries outlive the record, so data models get a
    neutral name. A submission keeps its reference; staff users and groups keep their names.
    """
    if model is None:
        return current_repr
    label = model._meta.label_lower
    if label.split(".")[0] not in DATA_APPS or label == "submissions.submission":
        return current_repr
    return f"{model._meta.verbose_name} {object_pk}"
