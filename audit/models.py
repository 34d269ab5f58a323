import hashlib
import json

from django.db import models


class Action(models.TextChoices):
    # Collection
    SUBMISSION_CREATED = "submission_created", "Submission received"
    # Consultation
    SUBMISSION_VIEWED = "submission_viewed", "Submission viewed"
    SOURCE_REVEALED = "source_revealed", "Source details revealed"
    # Combination (DPA 2018 s.62): one submission shown beside the others it is linked to
    LINKS_VIEWED = "links_viewed", "Linked submissions viewed (combination)"
    LINK_CONFIRMED = "link_confirmed", "Possible link confirmed"
    LINK_REJECTED = "link_rejected", "Possible link marked not the same"
    # Alteration
    SUBMISSION_CLAIMED = "submission_claimed", "Submission claimed"
    SUBMISSION_RELEASED = "submission_released", "Submission released"
    SUBMISSION_ASSIGNED = "submission_assigned", "Submission assigned"
    ASSESSMENT_SAVED = "assessment_saved", "Assessment saved"
    OUTCOME_RECORDED = "outcome_recorded", "Outcome recorded"
    STATUS_CHANGED = "status_changed", "Status changed"
    NOTE_ADDED = "note_added", "Internal note added"
    LOG_CREATED = "log_created", "Intelligence log created"
    IDENTIFIERS_DECIDED = "identifiers_decided", "Uncertain identifiers kept or removed"
    LOG_APPROVED = "log_approved", "Intelligence log approved"
    LOG_RETURNED = "log_returned", "Intelligence log returned"
    # Possible urgency (issue 14): the kinds found at the door, and the handler's decision.
    URGENCY_FLAGGED = "urgency_flagged", "Possible urgency flagged"
    URGENCY_DECIDED = "urgency_decided", "Possible urgency decided"
    # Alteration, from the change log (django-auditlog): one chained entry per change-log entry.
    RECORD_CREATED = "record_created", "Record created"
    RECORD_CHANGED = "record_changed", "Record changed"
    RECORD_DELETED = "record_deleted", "Record deleted"
    # Disclosure
    EXPORT_REQUESTED = "export_requested", "Export requested"
    EXPORT_COMPLETED = "export_completed", "Export completed"
    EXPORT_RECORD_REFUSED = "export_record_refused", "Record refused by the export gate"
    EXPORT_DOWNLOADED = "export_downloaded", "Export downloaded"
    LOG_PRINTED = "log_printed", "Intelligence log printed"
    AUDIT_EXPORTED = "audit_exported", "Audit trail exported"
    PARTNER_REPORT_PRODUCED = "partner_report_produced", "Monthly partner report produced"
    # Re-contacting a source (issue 15): each contact is a recorded act.
    RECONTACT_RECORDED = "recontact_recorded", "Re-contact with the source recorded"
    SOURCE_EMAILED = "source_emailed", "Source emailed through the service"
    RECONTACT_TEMPLATE_CHANGED = "recontact_template_changed", "Source email template changed"
    # Access control
    # The password step alone; SIGN_IN is recorded only once the second factor is verified.
    PASSWORD_ACCEPTED = "password_accepted", "Password accepted, code still needed"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_OUT = "sign_out", "Signed out"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    PERMISSION_DENIED = "permission_denied", "Permission denied"
    USER_CHANGED = "user_changed", "User changed"
    GROUP_CHANGED = "group_changed", "Group membership changed"
    # Keys and erasure
    KEY_ROTATION = "key_rotation", "Encryption keys rotated"
    RETENTION_PURGE = "retention_purge", "Retention purge"


class AuditEvent(models.Model):
    """An append-only, hash-chained record of who did what to which record, and when.

    An entry is written with its transaction, unsealed, and sealed into the chain just after it
    commits (audit.services.audit_chain_seal; the beat task `audit.seal` takes any left behind):
    so concurrent writers never queue on the chain while their own transaction is open. Sealing
    fills in `chain_position`, `previous_hash` and `hash` once; after that a PostgreSQL trigger
    refuses any update, and any delete at all. The actor is kept as a plain id and username so
    deleting a user never rewrites history.
    """

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField()
    # No `choices` here on purpose: engineers add actions to Action as features land, and each
    # addition would otherwise need a migration. audit_event_record refuses unknown actions.
    action = models.CharField(max_length=40)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_username = models.CharField(max_length=150, blank=True)
    submission_reference = models.CharField(max_length=13, blank=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    # Staff only: professionals' addresses are never recorded.
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The request that wrote the entry (audit.context), also on its log lines; empty outside a
    # request (a task, a command) and on entries written before it was recorded.
    request_id = models.CharField(max_length=64, blank=True, default="")
    details = models.JSONField(default=dict, blank=True)
    # Empty until sealed; the chain is walked in chain_position order (commit order, not id order).
    chain_position = models.BigIntegerField(null=True, blank=True, unique=True)
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["submission_reference", "id"], name="audit_reference_idx"),
            models.Index(fields=["actor_id", "id"], name="audit_actor_idx"),
            models.Index(fields=["action", "id"], name="audit_action_idx"),
            models.Index(fields=["created_at"], name="audit_created_idx"),
            # Everything about one record (an export's request, completion and downloads).
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # Everything one request wrote (the trail's "request" filter); old entries have none.
            models.Index(
                fields=["request_id"], condition=~models.Q(request_id=""), name="audit_request_idx"
            ),
            # The sealer's work list: small, because entries are sealed moments after commit.
            models.Index(
                fields=["id"], condition=models.Q(hash__isnull=True), name="audit_unsealed_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_username or 'system'} {self.action}"

    @property
    def action_label(self) -> str:
        try:
            return Action(self.action).label
        except ValueError:
            return self.action

    def canonical_content(self) -> str:
        content = {
            "created_at": self.created_at.isoformat(),
            "action": self.action,
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "submission_reference": self.submission_reference,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "ip_address": self.ip_address,
            "details": self.details,
        }
        # Hashed only when there is one: entries sealed before the field existed hash (and verify)
        # as they did, and an id added to one later, or taken off a newer one, breaks the chain.
        if self.request_id:
            content["request_id"] = self.request_id
        return json.dumps(
            content,
            sort_keys=True,
            separators=(",", ":"),
            default=str,
        )

    def compute_hash(self) -> str:
        material = f"{self.previous_hash}|{self.canonical_content()}"
        return hashlib.sha256(material.encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """A single row the sealer locks while it extends the chain: one sealer at a time."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    last_position = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return self.last_hash
