import threading

from crispy_forms.utils import render_crispy_form
from django import template

from triage.queue_rows import age, status_tag_class

register = template.Library()


# The queue's rows are prepared in Python (triage.queue_rows); other pages use the same helpers.
register.filter("age", age)
register.filter("status_tag_class", status_tag_class)


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
