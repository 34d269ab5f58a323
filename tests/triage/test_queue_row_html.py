"""The queue's row HTML, written in Python (issue 17), is the template it replaced, character for
character, escaping included: the template below is the one the queue page used to loop over."""

import itertools

import pytest
from django.template import engines

from triage.queue_rows import Row, queue_row_html

# templates/triage/queue.html's row before issue 17, unchanged.
ROW_TEMPLATE = """<tr class="govuk-table__row" data-reference="{{ row.reference }}">
        <td class="govuk-table__cell">
          <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="select-{{ row.reference }}" name="references" type="checkbox" value="{{ row.reference }}">
              <label class="govuk-label govuk-checkboxes__label" for="select-{{ row.reference }}"><span class="govuk-visually-hidden">Select {{ row.reference }}</span></label>
            </div>
          </div>
        </td>
        <td class="govuk-table__cell"><a class="govuk-link" href="{{ row.url }}">{{ row.reference }}</a>{% if row.flagged %}<br><strong class="govuk-tag govuk-tag--red">Possible urgency</strong>{% endif %}</td>
        <td class="govuk-table__cell"><time datetime="{{ row.received_iso }}" title="{{ row.received_title }}">{{ row.received_age }}</time></td>
        <td class="govuk-table__cell">{{ row.categories|join:"<br>" }}</td>
        <td class="govuk-table__cell"><strong class="govuk-tag {{ row.status_class }}">{{ row.status_label }}</strong></td>
        <td class="govuk-table__cell">{{ row.risk_label }}</td>
        <td class="govuk-table__cell">{{ row.priority_label }}</td>
        <td class="govuk-table__cell">{% with target=row.target %}{% if target.state %}<strong class="govuk-tag {{ target.state_class }}" data-rag="{{ target.state }}">{{ target.state_label }}</strong><br><span class="govuk-body-s">Due <time datetime="{{ target.due_iso }}">{{ target.due }}</time></span>{% else %}<span class="govuk-body-s">Was due {{ target.due }}</span>{% endif %}{% endwith %}</td>
        <td class="govuk-table__cell">{{ row.assignee|default:"Unassigned" }}</td>
        <td class="govuk-table__cell govuk-table__cell--numeric" data-linked="{{ row.linked_count }}">{% if row.linked_count %}<a class="govuk-link" href="{{ row.url }}#linked-submissions">{{ row.linked_count }}{% if row.linked_capped %}+{% endif %}<span class="govuk-visually-hidden">{% if row.linked_capped %} or more{% endif %} linked submission{{ row.linked_count|pluralize }} of {{ row.reference }}</span></a>{% if row.possible_count %} <span class="govuk-body-s">({{ row.possible_count }} possible)</span>{% endif %}{% elif row.linked_capped %}<a class="govuk-link" href="{{ row.url }}#linked-submissions">0+<span class="govuk-visually-hidden"> linked submissions of {{ row.reference }}: some not listed</span></a>{% else %}0{% endif %}</td>
      </tr>"""  # noqa: E501

HOSTILE = "<script>alert('x')</script> & \"quoted\""


def _row(*, flagged, categories, state, assignee, linked, possible, capped, hostile) -> Row:
    text = HOSTILE if hostile else ""
    return Row(
        {
            "reference": "CPI-AB23-CD45" + text,
            "url": "/staff/submissions/CPI-AB23-CD45/" + text,
            "received_iso": "2026-12-01T10:00:00+00:00" + text,
            "received_title": "1 Dec 2026 10:00" + text,
            "received_age": "4\xa0days ago" + text,
            "status": "new",
            "status_label": "New" + text,
            "status_class": "govuk-tag--blue" + text,
            "risk_label": "Not assessed" + text,
            "priority_label": "P2" + text,
            "flagged": flagged,
            "categories": [c + text for c in categories],
            "target": {
                "due": "3 Dec 2026 10:00" + text,
                "due_iso": "2026-12-03T10:00:00+00:00" + text,
                "state": state + (text if state else ""),
                "state_label": ("Overdue" + text) if state else "",
                "state_class": ("govuk-tag--red" + text) if state else "",
            },
            "assignee": assignee + (text if assignee else ""),
            "linked_count": linked,
            "possible_count": possible,
            "linked_capped": capped,
        }
    )


CASES = list(
    itertools.product(
        (False, True),  # flagged
        ([], ["Criminal exploitation"], ["Criminal exploitation", "Modern slavery"]),
        ("", "overdue"),  # a target state, or past
        ("", "hana.handler"),  # assignee
        (0, 1, 7),  # linked
        (0, 2),  # possible
        (False, True),  # capped
        (False, True),  # hostile values
    )
)


@pytest.mark.parametrize("chunk", range(4))
def test_the_row_written_in_python_is_the_template_it_replaced(chunk):
    template = engines["django"].from_string(ROW_TEMPLATE)
    for case in CASES[chunk::4]:
        row = _row(**dict(zip(
            ("flagged", "categories", "state", "assignee", "linked", "possible", "capped",
             "hostile"), case, strict=True,
        )))  # fmt: skip
        assert queue_row_html(row) == template.render({"row": row}), case


def test_nothing_typed_into_a_row_comes_out_as_markup():
    row = _row(
        flagged=True, categories=["A"], state="overdue", assignee="x", linked=3, possible=1,
        capped=True, hostile=True,
    )  # fmt: skip
    html = queue_row_html(row)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
