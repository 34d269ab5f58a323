"""The export request form. It asks for the purpose and recipient: exports are disclosures."""

from crispy_forms_gds.fields import DateInputField
from django import forms

from intelligence.models import ApprovalFilter, ExportFormat
from submissions.forms import GovUKForm
from submissions.models import Category


class ExportRequestForm(GovUKForm):
    submit_label = "Request export"

    format = forms.ChoiceField(
        label="Format",
        choices=ExportFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a format"},
    )
    purpose = forms.CharField(
        label="Why are you sharing these logs?",
        help_text="For example, a briefing for the neighbourhood team. This is recorded.",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are sharing these logs",
            "max_length": "Purpose must be 1000 characters or fewer",
        },
    )
    recipient = forms.CharField(
        label="Who will receive them?",
        help_text="A team, unit or named officer. This is recorded.",
        max_length=200,
        error_messages={
            "required": "Enter who will receive these logs",
            "max_length": "Recipient must be 200 characters or fewer",
        },
    )
    date_from = DateInputField(
        label="Logs made on or after", required=False, help_text="For example, 27 3 2026"
    )
    date_to = DateInputField(
        label="Logs made on or before", required=False, help_text="For example, 27 3 2026"
    )
    category = forms.ChoiceField(
        label="Category",
        choices=[("", "All categories"), *Category.choices],
        required=False,
    )
    approval = forms.ChoiceField(
        label="Approval",
        choices=ApprovalFilter.choices,
        required=False,
        help_text="Only approved logs are ever exported.",
    )

    def layout_fields(self) -> list:
        from crispy_forms_gds.layout import Field, Size

        return [
            Field.radios("format", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("purpose", label_size=Size.SMALL, rows=3),
            Field.text("recipient", label_size=Size.SMALL),
            Field("date_from", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("date_to", context={"legend_size": Size.for_legend(Size.SMALL)}),
            # Field.select has no label size (a label_size keyword lands on the <select> as an
            # attribute): the label's size goes in the field template's context instead.
            Field("category", context={"label_size": Size.for_label(Size.SMALL)}),
            Field("approval", context={"label_size": Size.for_label(Size.SMALL)}),
        ]

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to",
                forms.ValidationError(
                    "The end date must be the same as or after the start date", code="range"
                ),
            )
        return cleaned
