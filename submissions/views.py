"""The public journey: no sign-in, GOV.UK pages, answers kept in the (encrypted) session."""

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cpi.security import submission_rate_limited
from submissions import selectors, wizard
from submissions.forms import AddAnotherForm, ContinueForm, EligibilityForm, UrgencyForm
from submissions.services import submission_create
from submissions.urgency_check import Quote, urgency_find

logger = logging.getLogger(__name__)

RETURN_TO_CHECK = "check"
STOP_TEMPLATES = {
    "999": "submissions/stop_999.html",
    "report-a-crime": "submissions/stop_report_a_crime.html",
    "101": "submissions/stop_101.html",
    "safeguarding": "submissions/stop_safeguarding.html",
}


# --- Helpers ----------------------------------------------------------------------------------
def _returning(request) -> bool:
    """Came from "check your answers": go back there when done (a fixed value, not a URL)."""
    return request.GET.get("return") == RETURN_TO_CHECK


def _with_return(url: str, request) -> str:
    return f"{url}?return={RETURN_TO_CHECK}" if _returning(request) else url


def _step_url(step: wizard.Step) -> str:
    return reverse("submissions:step", kwargs={"slug": step.slug})


def _step_or_404(slug: str, *, collection: bool | None = None) -> wizard.Step:
    step = wizard.STEPS_BY_SLUG.get(slug)
    if step is None or (collection is not None and step.collection != collection):
        raise Http404
    return step


def _posted(request):
    return request.POST if request.method == "POST" else None


def _after(request, step: wizard.Step) -> str:
    if _returning(request):
        return reverse("submissions:check")
    following = wizard.step_after(step)
    return _step_url(following) if following else reverse("submissions:check")


def _back_url(request, step: wizard.Step) -> str:
    if _returning(request):
        return reverse("submissions:check")
    previous = wizard.step_before(step)
    if previous is None:
        return reverse("submissions:eligibility", kwargs={"slug": wizard.ELIGIBILITY[-1].slug})
    return _step_url(previous)


def eligibility_required(view):
    """Form pages only after the eligibility questions: otherwise back to the first of them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        answers = wizard.Answers(request.session)
        if not answers.eligible:
            return redirect("submissions:eligibility", slug=wizard.ELIGIBILITY[0].slug)
        return view(request, answers, *args, **kwargs)

    return wrapper


# --- Start and eligibility --------------------------------------------------------------------
@login_not_required
def start(request):
    first = reverse("submissions:eligibility", kwargs={"slug": wizard.ELIGIBILITY[0].slug})
    return render(request, "submissions/start.html", {"start_url": first})


@login_not_required
def eligibility(request, slug):
    question = next((q for q in wizard.ELIGIBILITY if q.slug == slug), None)
    if question is None:
        raise Http404
    answers = wizard.Answers(request.session)
    position = wizard.ELIGIBILITY.index(question)
    unanswered = answers.first_unanswered_question()
    if unanswered is not None and wizard.ELIGIBILITY.index(unanswered) < position:
        return redirect("submissions:eligibility", slug=unanswered.slug)

    form = EligibilityForm(
        _posted(request),
        question=question,
        initial={"answer": answers.eligibility_answer(question)},
    )
    if form.is_valid():
        answer = form.cleaned_data["answer"]
        answers.eligibility_set(question, answer)
        if answer == "yes":
            return redirect("submissions:stop", reason=question.stop)
        if position + 1 < len(wizard.ELIGIBILITY):
            return redirect("submissions:eligibility", slug=wizard.ELIGIBILITY[position + 1].slug)
        return redirect(_step_url(wizard.STEPS[0]))

    back = (
        reverse("submissions:eligibility", kwargs={"slug": wizard.ELIGIBILITY[position - 1].slug})
        if position
        else reverse("submissions:start")
    )
    return render(
        request,
        "submissions/eligibility.html",
        {"form": form, "question": question, "back_url": back},
    )


@login_not_required
def stop(request, reason):
    template = STOP_TEMPLATES.get(reason)
    if template is None:
        raise Http404
    question = next(q for q in wizard.ELIGIBILITY if q.stop == reason)
    back = reverse("submissions:eligibility", kwargs={"slug": question.slug})
    return render(request, template, {"back_url": back})


# --- The form's pages -------------------------------------------------------------------------
@login_not_required
@eligibility_required
def step(request, answers, slug):
    step = _step_or_404(slug)
    if step.collection:
        return _collection(request, answers, step)
    form = step.form_class(_posted(request), initial=answers.initial(step))
    if form.is_valid():
        answers.set(step, form.cleaned_data)
        return redirect(_after(request, step))
    return render(
        request,
        "submissions/step.html",
        {
            "form": form,
            "step": step,
            "heading": form.page_heading,
            "back_url": _back_url(request, step),
        },
    )


def _collection(request, answers, step):
    """The "add another" list: what has been added, with change and remove links."""
    items = answers.items(step)
    add_url = _with_return(reverse("submissions:item_add", kwargs={"slug": step.slug}), request)
    if not items and step.minimum:
        return redirect(add_url)
    full = answers.is_full(step)
    limit = f"You can add up to {step.maximum} {step.item_noun_plural}."
    if items:
        question = f"Do you need to add another {step.item_noun}?"
        hint = limit
        error = f"Select yes if you need to add another {step.item_noun}"
    else:
        question = step.empty_question
        hint = f"{step.empty_hint} {limit}".strip()
        error = f"Select yes if you know of any {step.item_noun_plural}"
    done = answers.is_done(step)
    if full:
        # Nothing more to ask: the page says why, and Continue moves on.
        form = ContinueForm(_posted(request))
    else:
        form = AddAnotherForm(
            _posted(request),
            question=question,
            hint=hint,
            error=error,
            initial={"add_another": "no"} if done and items else None,
        )
    if form.is_valid():
        if form.cleaned_data.get("add_another") == "yes":
            return redirect(add_url)
        answers.mark_done(step)
        return redirect(_after(request, step))

    rows = [
        {
            "title": step.item_title(item, index),
            "change_url": _with_return(
                reverse("submissions:item_change", kwargs={"slug": step.slug, "index": index}),
                request,
            ),
            "remove_url": _with_return(
                reverse("submissions:item_remove", kwargs={"slug": step.slug, "index": index}),
                request,
            ),
        }
        for index, item in enumerate(items)
    ]
    count = len(items)
    heading = (
        f"You have added {count} {step.item_noun if count == 1 else step.item_noun_plural}"
        if items
        else step.title
    )
    return render(
        request,
        "submissions/collection.html",
        {
            "form": form,
            "step": step,
            "rows": rows,
            "heading": heading,
            "full": full,
            "back_url": _back_url(request, step),
        },
    )


def _item_index_or_404(answers, step, index: int) -> int:
    if not 0 <= index < len(answers.items(step)):
        raise Http404
    return index


@login_not_required
@eligibility_required
def item_add(request, answers, slug):
    step = _step_or_404(slug, collection=True)
    if answers.is_full(step):
        # The list page says the list is full and why; nothing is added past the cap.
        return redirect(_with_return(_step_url(step), request))
    return _item_form(request, answers, step, None)


@login_not_required
@eligibility_required
def item_change(request, answers, slug, index):
    step = _step_or_404(slug, collection=True)
    return _item_form(request, answers, step, _item_index_or_404(answers, step, index))


def _item_form(request, answers, step, index: int | None):
    initial = answers.item_initial(step, index) if index is not None else None
    form = step.form_class(_posted(request), initial=initial)
    list_url = _with_return(_step_url(step), request)
    if form.is_valid():
        answers.item_set(step, index, form.cleaned_data)
        # A change made from the check page goes straight back there; an addition shows the list.
        if index is not None and _returning(request):
            return redirect("submissions:check")
        return redirect(list_url)
    verb = "Add" if index is None else "Change"
    article = "an" if step.item_noun[0] in "aeiou" else "a"
    heading = (
        f"{verb} {article} {step.item_noun}" if index is None else f"{verb} the {step.item_noun}"
    )
    has_items = bool(answers.items(step))
    if _returning(request) and index is not None:
        back = reverse("submissions:check")
    elif has_items:
        back = list_url
    else:
        back = _back_url(request, step)
    return render(
        request,
        "submissions/step.html",
        {"form": form, "step": step, "heading": heading, "back_url": back},
    )


@login_not_required
@eligibility_required
def item_remove(request, answers, slug, index):
    step = _step_or_404(slug, collection=True)
    index = _item_index_or_404(answers, step, index)
    list_url = _with_return(_step_url(step), request)
    if request.method == "POST":
        answers.item_remove(step, index)
        return redirect(list_url)
    title = step.item_title(answers.items(step)[index], index)
    return render(
        request,
        "submissions/remove.html",
        {"step": step, "title": title, "back_url": list_url},
    )


# --- Check, submit, confirmation ----------------------------------------------------------------
@login_not_required
@submission_rate_limited
def check(request):
    answers = wizard.Answers(request.session)
    if request.method == "POST":
        return _submit(request, answers)
    if not answers.eligible:
        return redirect("submissions:eligibility", slug=wizard.ELIGIBILITY[0].slug)
    incomplete = answers.first_incomplete_step()
    if incomplete is not None:
        return redirect(_step_url(incomplete))
    if _urgency_unseen(answers):
        return redirect("submissions:urgency")
    return render(
        request,
        "submissions/check.html",
        {
            "sections": selectors.check_sections(answers),
            "submission_token": answers.token(),
            "back_url": _step_url(wizard.STEPS[-1]),
        },
    )


def _submit(request, answers):
    token = request.POST.get("submission_token", "")
    # A second tab or a second click after the first went through: show the same reference.
    earlier = selectors.submission_by_token(token)
    if earlier is not None:
        return _confirmed(request, earlier.reference)
    if not answers.eligible or answers.first_incomplete_step() is not None:
        return redirect("submissions:check")
    if token != answers.token():
        # A stale check page (the answers changed since): show the current answers again.
        return redirect("submissions:check")
    if _urgency_unseen(answers):
        # Worrying wording typed since the check page was drawn: the 999 and 101 numbers first.
        return redirect("submissions:urgency")
    try:
        submission = submission_create(answers=answers.for_submission(), submission_token=token)
    except (OperationalError, InterfaceError) as exc:
        # Nothing was saved (one transaction) and the session is untouched: the answers wait.
        logger.error("Submission not saved: database unavailable (%s)", type(exc).__name__)
        return render(request, "errors/503.html", status=503)
    return _confirmed(request, submission.reference)


# --- Possible urgency: one interruption before "Check your answers" ------------------------------
def _urgency_unseen(answers) -> bool:
    return urgency_find(answers.for_submission()).unseen(answers.urgency_seen)


def _change_url(quote: Quote) -> str:
    step = next(s for s in wizard.STEPS if s.name == quote.step_name)
    if quote.index is None:
        url = _step_url(step)
    else:
        url = reverse("submissions:item_change", kwargs={"slug": step.slug, "index": quote.index})
    return f"{url}?return={RETURN_TO_CHECK}"


@login_not_required
@eligibility_required
def urgency(request, answers):
    """What they wrote that sounds like danger now, quoted back to them, with 999 and 101.

    Shown once for each new worrying wording; whichever they choose, the wording counts as seen.
    """
    if answers.first_incomplete_step() is not None:
        return redirect("submissions:check")
    found = urgency_find(answers.for_submission())
    if not found.urgent:
        return redirect("submissions:check")
    form = UrgencyForm(_posted(request))
    if form.is_valid():
        answers.urgency_seen_add(found.fingerprints())
        if form.cleaned_data["next_step"] == UrgencyForm.CHANGE:
            return redirect(_change_url(found.quotes[0]) if found.quotes else "submissions:check")
        return redirect("submissions:check")
    return render(
        request,
        "submissions/urgency.html",
        {"form": form, "quotes": found.quotes, "back_url": _step_url(wizard.STEPS[-1])},
    )


def _confirmed(request, reference: str):
    # The professional may be on a shared computer: nothing they typed survives the submit.
    request.session.flush()
    request.session[wizard.CONFIRMATION_KEY] = reference
    return redirect("submissions:confirmation")


@login_not_required
def confirmation(request):
    reference = request.session.get(wizard.CONFIRMATION_KEY)
    if not reference:
        return redirect("submissions:start")
    return render(request, "submissions/confirmation.html", {"reference": reference})


@login_not_required
@require_POST
def clear(request):
    """Start again: forget every answer in this browser's session."""
    request.session.flush()
    messages.success(request, "Your answers have been cleared.")
    return redirect("submissions:start")
