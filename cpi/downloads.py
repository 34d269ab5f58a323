"""What every file that leaves the staff area carries: the protective marking, safe cells."""

from typing import Any

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"

# A spreadsheet treats a cell starting with one of these as a formula: a value typed by a
# professional must never run as one on an officer's machine.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def mark_download(response) -> None:
    response["X-Protective-Marking"] = PROTECTIVE_MARKING
