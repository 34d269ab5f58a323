"""The monthly partner report: counts for the safeguarding partnership, small numbers suppressed.

Nothing in it is per submission: each figure is a count grouped in the database, or a median
over at least SMALL_NUMBER submissions. Every count table is suppressed before it is shown or
written: a count under SMALL_NUMBER shows "<5" (primary), and further cells are hidden as "[c]"
(secondary) until no hidden value can be worked out from the published cells and total, even by
a reader who knows that "<5" means 0 to 4 and "[c]" means 5 or more (`derivable_cells`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from statistics import median

from django.db.models import Count
from django.utils import timezone

from submissions.models import (
    Category,
    Outcome,
    PartnerSector,
    Status,
    Submission,
    SubmissionCategory,
)

SMALL_NUMBER = 5
PRIMARY = "<5"
SECONDARY = "[c]"
NOT_GIVEN = "Not given"


@dataclass
class Cell:
    label: str
    value: int
    shown: str = ""

    @property
    def suppressed(self) -> bool:
        return self.shown in (PRIMARY, SECONDARY)


@dataclass
class CountTable:
    key: str
    title: str
    heading: str
    cells: list[Cell]
    # None where the rows overlap (a submission in two categories counts in each): no total.
    total: Cell | None = None
    note: str = ""


@dataclass
class MonthlyReport:
    month: date
    tables: list[CountTable] = field(default_factory=list)
    # (outcome, median whole days from arrival to outcome, or "Not shown")
    time_to_outcome: list[tuple[str, str]] = field(default_factory=list)


# --- Suppression ------------------------------------------------------------------------------
def _bounds(shown: str, value: int, cap: float) -> tuple[int, float]:
    """What a reader can know of a cell from what is shown: its lowest and highest value. No
    count can be above a published total (`cap`)."""
    if shown == PRIMARY:
        return 0, min(SMALL_NUMBER - 1, cap)
    if shown == SECONDARY:
        return SMALL_NUMBER, cap
    return value, value


def derivable_cells(cells: list[Cell], total: Cell | None, *, at_least: bool = False) -> list[int]:
    """Indexes of hidden cells a reader could work out exactly from everything shown.

    With a published total T the hidden cells add up to T minus the shown ones (`at_least`: to
    at least that, as categories overlap and every submission has one), and none is above T; a
    hidden cell is pinned when that and the others' bounds leave it one possible value. Without
    a total (or with it hidden) each hidden cell is only known to be in its own range, which
    holds several values.
    """
    hidden = [i for i, cell in enumerate(cells) if cell.suppressed]
    if total is None or total.suppressed or not hidden:
        return []
    remainder = total.value - sum(cell.value for cell in cells if not cell.suppressed)
    bounds = {i: _bounds(cells[i].shown, cells[i].value, total.value) for i in hidden}
    pinned = []
    for i in hidden:
        others_low = sum(bounds[j][0] for j in hidden if j != i)
        others_high = sum(bounds[j][1] for j in hidden if j != i)
        low = max(bounds[i][0], remainder - others_high)
        high = bounds[i][1] if at_least else min(bounds[i][1], remainder - others_low)
        if low >= high:
            pinned.append(i)
    return pinned


def suppress(cells: list[Cell], total: Cell | None, *, at_least: bool = False) -> None:
    """Fill in each cell's `shown`: its number, "<5" or "[c]"; the total's too (a total is
    only hidden when hiding every cell is still not enough)."""
    for cell in cells:
        cell.shown = PRIMARY if cell.value < SMALL_NUMBER else str(cell.value)
    if total is not None and not total.shown:
        total.shown = PRIMARY if total.value < SMALL_NUMBER else str(total.value)
    while derivable_cells(cells, total, at_least=at_least):
        shown = [cell for cell in cells if not cell.suppressed]
        if shown:
            # Hide the smallest published count as well: it widens every hidden cell's range.
            min(shown, key=lambda cell: cell.value).shown = SECONDARY
        else:
            total.shown = SECONDARY  # type: ignore[union-attr]


def _total_hide(table: "CountTable") -> None:
    """Hide a table's total and keep it from being added up from the cells."""
    table.total.shown = SECONDARY  # type: ignore[union-attr]
    if not any(cell.suppressed for cell in table.cells):
        min(table.cells, key=lambda cell: cell.value).shown = SECONDARY


# --- The figures ------------------------------------------------------------------------------
def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The month's first and next month's first moment, in UK time."""
    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min))
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return start, timezone.make_aware(datetime.combine(following, time.min))


def last_complete_month(today: date) -> date:
    first = today.replace(day=1)
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def _table(key, title, heading, choices, counts, *, total=None, at_least=False) -> CountTable:
    cells = [Cell(label=str(label), value=counts.get(value, 0)) for value, label in choices]
    table = CountTable(key=key, title=title, heading=heading, cells=cells, total=total)
    suppress(table.cells, table.total, at_least=at_least)
    return table


def monthly_report(month: date) -> MonthlyReport:
    """Five grouped queries: received, by category and by sector; closed, by outcome, timed.

    Each set of submissions is split one way only (received by sector, closed by outcome): two
    splits of one set, each with hidden cells, could be played against each other.
    """
    start, end = month_bounds(month)
    received = Submission.objects.filter(created_at__gte=start, created_at__lt=end)
    closed = Submission.objects.filter(
        status=Status.CLOSED, closed_at__gte=start, closed_at__lt=end
    )
    received_total = Cell(label="Submissions received", value=received.count())
    by_category = dict(
        SubmissionCategory.objects.filter(submission__in=received.values("pk"))
        .values_list("category")
        .annotate(n=Count("submission_id"))
        .order_by()
    )
    by_sector = dict(received.values_list("partner_sector").annotate(n=Count("id")).order_by())
    days: dict[str, list[float]] = {value: [] for value in Outcome.values}
    for outcome, created_at, closed_at in closed.values_list("outcome", "created_at", "closed_at"):
        days[outcome].append((closed_at - created_at).total_seconds() / 86400)
    by_outcome = {outcome: len(values) for outcome, values in days.items()}

    sectors = _table(
        "sector",
        "Submissions received, by the sector of the professional who shared them",
        "Sector",
        [*PartnerSector.choices, ("", NOT_GIVEN)],
        by_sector,
        total=received_total,
    )
    categories = _table(
        "category",
        "Submissions received, by category",
        "Category",
        Category.choices,
        by_category,
        # Every submission has a category, some several: these add up to at least the total.
        total=Cell(label="", value=received_total.value, shown=sectors.total.shown),
        at_least=True,
    )
    if categories.total.shown == SECONDARY and sectors.total.shown != SECONDARY:
        # Only hiding the number received keeps a category count from being worked out.
        _total_hide(sectors)
    categories.total = None  # not a row of its own: a submission may have several categories
    categories.note = (
        "A submission may have more than one category, so these add up to more than the "
        "submissions received."
    )
    outcomes = _table(
        "outcome",
        "Submissions closed, by outcome",
        "Outcome",
        Outcome.choices,
        by_outcome,
        total=Cell(label="Submissions closed", value=sum(by_outcome.values())),
    )
    report = MonthlyReport(month=month, tables=[categories, sectors, outcomes])
    # A median over fewer than SMALL_NUMBER would be close to one submission's own time.
    report.time_to_outcome = [
        (
            str(label),
            f"{round(median(days[value]))}" if len(days[value]) >= SMALL_NUMBER else "Not shown",
        )
        for value, label in Outcome.choices
    ]
    everything = [d for values in days.values() for d in values]
    report.time_to_outcome.append(
        (
            "All outcomes",
            f"{round(median(everything))}" if len(everything) >= SMALL_NUMBER else "Not shown",
        )
    )
    return report


def report_csv_rows(report: MonthlyReport):
    """The report as CSV rows: one block per table, the same cells the page shows."""
    month = report.month.strftime("%B %Y")
    yield ["Monthly partner report", month]
    yield ["Counts under 5 are shown as <5; [c] hides a further count so none can be worked out"]
    for table in report.tables:
        yield []
        yield [table.title]
        yield [table.heading, "Submissions"]
        for cell in table.cells:
            yield [cell.label, cell.shown]
        if table.total is not None:
            yield [table.total.label, table.total.shown]
    yield []
    yield ["Time from arrival to outcome, submissions closed"]
    yield ["Outcome", "Median days"]
    yield from ([label, days] for label, days in report.time_to_outcome)
