"""The tables the demo data fills and how a generated row becomes a database row (COPY or
INSERT): which columns are generated, the defaults for the rest, and values passed through as
stored (encrypted tokens, JSON text). Used by demo.seeding and `manage.py seed_demo`."""

import json

from django.db import models

from cpi.crypto import EncryptedTextField
from demo.seed_vocabulary import words
from submissions.models import (
    PersonOfConcern,
    Place,
    Source,
    Subject,
    Submission,
    SubmissionCategory,
    Vehicle,
)

# Columns generated for each table, in order; other columns of the model get their defaults.
COLUMNS = {
    Submission: words(
        "id created_at updated_at reference submission_token information occurred_on "
        "occurred_time when_description provenance provenance_detail lawful_basis "
        "special_category_condition subject_aware status risk priority outcome claimed_at "
        "closed_at version assigned_to_id due_at category_mask"
    ),
    SubmissionCategory: ["submission_id", "category"],
    Subject: words(
        "id created_at updated_at submission_id position name date_of_birth approximate_age "
        "address setting description"
    ),
    PersonOfConcern: words(
        "id created_at updated_at submission_id position name nicknames description "
        "phone_numbers social_media"
    ),
    Place: words("id created_at updated_at submission_id position name address description"),
    Vehicle: words(
        "id created_at updated_at submission_id position make model colour registration description"
    ),
    Source: words(
        "id created_at updated_at submission_id name role organisation email phone "
        "contact_times purged_at"
    ),
}


# Other apps' tables, filled when their models exist (the triage and intelligence engineers').
OPTIONAL_COLUMNS = {
    "triage.Assessment": words(
        "id created_at updated_at submission_id source_evaluation intelligence_assessment "
        "handling_code handling_conditions outcome log_text crime_summary tasking_note "
        "crime_reference referral_service referral_reason no_action_rationale assessed_by_id "
        "recorded_at recorded_by_id reviewed_at reviewed_by_id review_comment"
    ),
    "intelligence.IntelligenceLog": words(
        "id created_at updated_at reference submission_id text evaluation assessment "
        "handling_code handling_conditions categories subjects persons_of_concern places "
        "vehicles status created_by_id approved_by_id approved_at review_date gate_clearance"
    ),
}


def _identity(row: tuple) -> tuple:
    return row


def model_columns(model: type[models.Model], generated: list[str]):
    """(columns, complete): the columns to write, and a function completing a generated row.

    Other engineers may add columns; one we do not generate is written with its default (a
    callable default is called per row), so seeding keeps working. A new NOT NULL column
    without a default fails loudly instead.
    """
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    missing = [name for name in generated if name not in by_attname]
    if missing:
        raise LookupError(f"{model._meta.db_table} has no column(s) {missing}")
    extras = [
        f
        for f in model._meta.concrete_fields
        if f.attname not in generated
        and not (f.primary_key and isinstance(f, models.AutoField))
        and (f.has_default() or f.null)
    ]
    columns = [by_attname[name].column for name in generated] + [f.column for f in extras]
    if not extras:
        return columns, _identity

    def default(f: models.Field):
        value = f.get_default() if f.has_default() else None
        # JSON columns are written in their stored form (see stored_form_columns): a default
        # such as [] goes in as the text "[]", not as a list the driver cannot bind.
        if isinstance(f, models.JSONField) and value is not None:
            return json.dumps(value)
        return value

    def complete(row: tuple) -> tuple:
        return row + tuple(default(f) for f in extras)

    return columns, complete


def column_preparers(model: type[models.Model], columns: list[str], connection) -> list:
    """Per column, a function turning a generated value into what the database driver takes.

    Encrypted tokens and JSON text are generated as stored, so they pass through untouched.
    """
    by_column = {f.column: f for f in model._meta.concrete_fields}
    sealed = stored_form_columns(model)
    preparers = []
    for column in columns:
        f = by_column[column]
        if column in sealed:
            preparers.append(_identity_value)
        else:
            preparers.append(lambda value, f=f: f.get_db_prep_save(value, connection))
    return preparers


def _identity_value(value):
    return value


def stored_form_columns(model: type[models.Model]) -> set[str]:
    """Columns generated in their stored form already: encrypted tokens and JSON text."""
    return {
        f.column
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | models.JSONField)
    }
