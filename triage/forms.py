"""Staff forms for triage, rendered with crispy-forms-gds. Messages in GOV.UK voice."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import (
    Field,
    Fieldset,
    Layout,
    Size,
)
from django import forms
from django.contrib.auth import get_user_model

from accounts.access import is_handler
from submissions.models import Outcome, Priority, Risk, Urgency
from triage.grading import HandlingCode, IntelligenceAssessment, SourceEvaluation
from triage.models import RecontactMethod, ReferralService
from triage.rules import assessment_errors
from triage.services import REVEAL_REASON_MIN_LENGTH


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


def _radios(choices, label: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices, widget=forms.RadioSelect, required=False, label=label, **kwargs
    )


def _text(label: str, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        **kwargs,
    )


class AssessmentForm(forms.Form):
    """Risk, priority, the 3x5x2 grading and one outcome with its details.

    `recording=True` when the handler presses "Record outcome": then everything the outcome needs
    is required; a draft save only has to be consistent.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)
    risk = _radios(Risk.choices, "Risk")
    priority = forms.TypedChoiceField(
        choices=Priority.choices,
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
        label="Priority",
        help_text="P1 is the most urgent.",
    )
    source_evaluation = _radios(SourceEvaluation.choices, "Source evaluation")
    intelligence_assessment = _radios(IntelligenceAssessment.choices, "Intelligence assessment")
    handling_code = _radios(HandlingCode.choices, "Handling code")
    handling_conditions = _text("Conditions for sharing", help_text="Required for handling code C.")
    outcome = _radios(Outcome.choices, "Outcome")
    log_text = _text(
        "Sanitised log text",
        help_text="Nothing that could identify the source or how they know.",
    )
    crime_summary = _text("What the crime appears to be")
    tasking_note = _text("Tasking note for the crime desk")
    crime_reference = forms.CharField(
        label="Crime reference (if known)", required=False, max_length=50
    )
    referral_service = forms.ChoiceField(
        choices=[("", "Select a service"), *ReferralService.choices],
        required=False,
        label="Service",
    )
    referral_reason = _text("Reason for the referral")
    no_action_rationale = _text("Why no action is needed")

    def __init__(self, *args, recording: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.recording = recording
        # A sanitised log runs to many lines: show them, not five.
        self.fields["log_text"].widget.attrs["rows"] = 16
        # Each outcome's details sit in their own fieldset, all visible without JavaScript;
        # static/js/triage-outcome.js shows only the chosen outcome's. (GOV.UK conditional
        # reveals put aria-expanded on radios, which axe-core rejects.)
        self.helper = _helper(
            "version",
            Field.radios("risk", legend_size=Size.MEDIUM, inline=True),
            Field.radios("priority", legend_size=Size.MEDIUM, inline=True),
            Fieldset(
                Field.radios("source_evaluation", legend_size=Size.SMALL),
                Field.radios("intelligence_assessment", legend_size=Size.SMALL),
                Field.radios("handling_code", legend_size=Size.SMALL),
                Field.textarea("handling_conditions"),
                legend="3x5x2 grading",
                legend_size=Size.MEDIUM,
            ),
            Field.radios("outcome", legend_size=Size.MEDIUM),
            Fieldset(
                "log_text",
                legend=Outcome.INTELLIGENCE_LOG.label,
                legend_size=Size.SMALL,
                data_outcome=Outcome.INTELLIGENCE_LOG,
            ),
            Fieldset(
                "crime_summary",
                "tasking_note",
                Field.text("crime_reference", field_width=10),
                legend=Outcome.CRIME_DESK.label,
                legend_size=Size.SMALL,
                data_outcome=Outcome.CRIME_DESK,
            ),
            Fieldset(
                Field.select("referral_service"),
                "referral_reason",
                legend=Outcome.SAFEGUARDING_REFERRAL.label,
                legend_size=Size.SMALL,
                data_outcome=Outcome.SAFEGUARDING_REFERRAL,
            ),
            Fieldset(
                "no_action_rationale",
                legend=Outcome.NO_ACTION.label,
                legend_size=Size.SMALL,
                data_outcome=Outcome.NO_ACTION,
            ),
        )

    def clean(self):
        cleaned = super().clean()
        for field, message in assessment_errors(cleaned, recording=self.recording).items():
            if field not in self.errors:
                self.add_error(field, forms.ValidationError(message, code="required"))
        return cleaned


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to see the source's details?",
        help_text=(
            "This is recorded with your name and the time, for the audit trail, and kept after "
            "the source's details are deleted. Do not include any part of the source's name or "
            "contact details."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=REVEAL_REASON_MIN_LENGTH,
        max_length=1000,
        error_messages={
            "required": "Enter why you need to see the source's details",
            "min_length": "Reason must be 10 characters or more",
            "max_length": "Reason must be 1000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", label_size=Size.MEDIUM))


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add an internal note",
        help_text="Notes stay inside the intelligence unit. They are never exported.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={
            "required": "Enter the note",
            "max_length": "Note must be 5000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("text", label_size=Size.SMALL))


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        choices=[(APPROVE, "Approve and close"), (RETURN, "Return to the handler")],
        widget=forms.RadioSelect,
        label="Your decision",
        error_messages={"required": "Select whether to approve or return the outcome"},
    )
    comment = forms.CharField(
        label="Comment",
        help_text="Required if you return it: say what the handler needs to change.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.radios("decision", legend_size=Size.SMALL),
            Field.textarea("comment", label_size=Size.SMALL),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not (cleaned.get("comment") or "").strip():
            self.add_error(
                "comment",
                forms.ValidationError("Enter what the handler needs to change", code="required"),
            )
        return cleaned


class UrgencyDecisionForm(forms.Form):
    """A handler's decision on a "possible urgency" flag raised at the door."""

    decision = forms.ChoiceField(
        choices=[
            (Urgency.CONFIRMED.value, "Urgent: I have passed it to the control room"),
            (Urgency.NOT_URGENT.value, "Not urgent"),
        ],
        widget=forms.RadioSelect,
        label="Is it urgent?",
        error_messages={
            "required": "Select whether it is urgent",
            "invalid_choice": "Select whether it is urgent",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.radios("decision", legend_size=Size.SMALL))


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.username})" if full_name else obj.username


class AssignForm(forms.Form):
    assignee = HandlerChoiceField(
        queryset=get_user_model().objects.none(),
        label="Assign to",
        empty_label="Select a handler",
        error_messages={"required": "Select a handler", "invalid_choice": "Select a handler"},
    )

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        ids = [user.pk for user in handlers or []]
        self.fields["assignee"].queryset = User.objects.filter(pk__in=ids).order_by("username")
        # Avoid a query per option: the view passes the handlers it already loaded.
        self.fields["assignee"].choices = [("", "Select a handler")] + [
            (user.pk, self.fields["assignee"].label_from_instance(user)) for user in handlers or []
        ]
        self.helper = _helper(Field.select("assignee"))

    def clean_assignee(self):
        assignee = self.cleaned_data["assignee"]
        if not is_handler(assignee):
            raise forms.ValidationError("Select a handler", code="invalid_choice")
        return assignee


class BulkActionForm(forms.Form):
    RELEASE = "release"
    ASSIGN = "assign"

    action = forms.ChoiceField(
        choices=[(RELEASE, "Release"), (ASSIGN, "Assign")],
        error_messages={"required": "Select an action"},
    )
    references = forms.MultipleChoiceField(
        choices=[],
        error_messages={"required": "Select at least one submission"},
    )
    assignee = forms.IntegerField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The references are checked against the database by the view, not against a list here.
        submitted = self.data.getlist("references") if hasattr(self.data, "getlist") else []
        self.fields["references"].choices = [(ref, ref) for ref in submitted[:500]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.ASSIGN and not cleaned.get("assignee"):
            self.add_error("assignee", forms.ValidationError("Select a handler", code="required"))
        return cleaned


# --- Re-contacting the source -----------------------------------------------------------------
_RECONTACT_HINT = "Do not include any part of the source's name or contact details."


class RecontactForm(forms.Form):
    reason = forms.CharField(
        label="Why did you contact the source?",
        help_text=_RECONTACT_HINT,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={
            "required": "Enter why you contacted the source",
            "max_length": "Reason must be 1000 characters or fewer",
        },
    )
    method = forms.ChoiceField(
        label="How did you contact them?",
        choices=RecontactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you contacted the source"},
    )
    result = forms.CharField(
        label="What came of it?",
        help_text=_RECONTACT_HINT,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": "Enter what came of the contact",
            "max_length": "Result must be 2000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.textarea("reason", label_size=Size.SMALL),
            Field.radios("method", legend_size=Size.SMALL, inline=True),
            Field.textarea("result", label_size=Size.SMALL),
        )


class SourceEmailForm(forms.Form):
    reason = forms.CharField(
        label="Why are you emailing the source?",
        help_text=_RECONTACT_HINT,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={
            "required": "Enter why you are emailing the source",
            "max_length": "Reason must be 1000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", label_size=Size.SMALL))


class SourceEmailTemplateForm(forms.Form):
    """A supervisor's source email: {reference} and {unit_phone} are the only words filled in."""

    subject = forms.CharField(
        label="Subject",
        max_length=150,
        error_messages={"required": "Enter the email's subject"},
    )
    body = forms.CharField(
        label="Body",
        help_text="Write {reference} where the reference goes and {unit_phone} for the phone "
        "number. Nothing else of the submission can be put in.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=2000,
        error_messages={"required": "Enter the email's body"},
    )
    unit_phone = forms.CharField(
        label="The unit's phone number",
        help_text="The number the source should call, for example 0117 496 0123.",
        max_length=30,
        error_messages={"required": "Enter the unit's phone number"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field.text("subject", label_size=Size.SMALL),
            Field.textarea("body", label_size=Size.SMALL),
            Field.text("unit_phone", label_size=Size.SMALL, field_width=20),
        )
