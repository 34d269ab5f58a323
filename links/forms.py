from django import forms

from links.models import Decision


class LinkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(Decision.CONFIRMED, "Same person"), (Decision.NOT_SAME, "Not the same")],
        error_messages={"required": "Select whether this is the same person"},
    )
