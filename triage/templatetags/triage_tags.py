import threading
from datetime import datetime

from crispy_forms.utils import render_crispy_form
from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince

from triage.clocks import RAG_TAG_CLASSES, rag_state

register = template.Library()


@register.filter
def age(value: datetime | None) -> str:
    """How long ago, to the largest unit: "3 days ago", "2 hours ago", "just now"."""
    if not value:
        return ""
    text = timesince(value, depth=1)
    return "just now" if text.startswith("0\xa0minutes") else f"{text} ago"


_STATUS_TAG_CLASSES = {
    "new": "govuk-tag--blue",
    "in_progress": "govuk-tag--yellow",
    "awaiting_review": "govuk-tag--orange",
}


@register.filter
def status_tag_class(status: str) -> str:
    """The GOV.UK tag colour for a status (a filter: an include per queue row cost more)."""
    return _STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")


# The queue's filter form is the same HTML for the same filter values (its choices are fixed),
# and crispy-forms takes a fifth of the queue page's time to build it: keep the last few.
_FILTER_FORM_CACHE: dict[tuple, str] = {}
_FILTER_FORM_CACHE_SIZE = 256
_FILTER_FORM_CACHE_LOCK = threading.Lock()


@register.simple_tag
def queue_filter_fields(form) -> str:
    """`{% crispy form %}` for the queue filters, built once per distinct set of values."""
    if form.is_bound and form.errors:
        return render_crispy_form(form)  # errors are shown once, never kept
    # What each field's widget reads from the query: a date input reads three boxes (name_0..2).
    key = tuple((name, repr(form[name].data)) for name in form.fields) if form.is_bound else ()
    html = _FILTER_FORM_CACHE.get(key)
    if html is None:
        html = render_crispy_form(form)
        with _FILTER_FORM_CACHE_LOCK:  # gunicorn threads share the cache
            if len(_FILTER_FORM_CACHE) >= _FILTER_FORM_CACHE_SIZE:
                _FILTER_FORM_CACHE.pop(next(iter(_FILTER_FORM_CACHE)))
            _FILTER_FORM_CACHE[key] = html
    return html


@register.simple_tag
def target_clock(submission, now: datetime | None = None) -> str:
    """The target clock of a queue row: its state in words on a coloured tag, and the due time
    in UK time. Closed submissions' clocks have stopped: only the due time is shown."""
    now = now or timezone.now()
    due = date_format(timezone.localtime(submission.due_at), "j M Y H:i")
    state = rag_state(submission, now)
    if state is None:
        return format_html('<span class="govuk-body-s">Was due {}</span>', due)
    return format_html(
        '<strong class="govuk-tag {}" data-rag="{}">{}</strong><br>'
        '<span class="govuk-body-s">Due <time datetime="{}">{}</time></span>',
        RAG_TAG_CLASSES[state],
        state.value,
        state.label,
        submission.due_at.isoformat(),
        due,
    )
