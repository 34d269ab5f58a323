from crispy_forms_gds.layout import Field, Size

from triage.forms import ReviewForm


class ApprovalForm(ReviewForm):
    """A supervisor's decision on a sanitised log awaiting approval: triage's review, worded
    for logs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        decision.choices = [
            (self.APPROVE, "Approve the log"),
            (self.RETURN, "Return it to the handler"),
        ]
        decision.error_messages["required"] = "Select whether to approve or return the log"
        self.fields["comment"].widget.attrs["rows"] = 4
        self.helper.layout[0] = Field.radios("decision", legend_size=Size.MEDIUM)
