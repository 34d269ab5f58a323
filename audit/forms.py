from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms


class ApprovalForm(forms.Form):
    """A supervisor's decision on a sanitised log awaiting approval."""

    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        choices=[(APPROVE, "Approve the log"), (RETURN, "Return it to the handler")],
        widget=forms.RadioSelect,
        label="Your decision",
        error_messages={"required": "Select whether to approve or return the log"},
    )
    comment = forms.CharField(
        label="Comment",
        help_text="Required if you return it: say what the handler needs to change.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        error_messages={"max_length": "Comment must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.MEDIUM),
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
