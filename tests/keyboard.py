"""Driving a page with the keyboard alone, as someone who cannot use a mouse does.

Focus moves only by Tab (and the arrow keys inside a group of radios); text is typed; buttons
and links are pressed with Enter, checkboxes with Space. Nothing here clicks, fills or checks
an element directly: if a control cannot be reached by Tab, the test fails.
"""

from collections.abc import Callable

FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return {};
  const label = e.labels && e.labels.length ? e.labels[0].innerText.trim() : "";
  return {
    tag: e.tagName.toLowerCase(), id: e.id || "", name: e.getAttribute("name") || "",
    type: e.getAttribute("type") || "", label, checked: !!e.checked,
    text: (e.innerText || e.value || "").trim(), classes: Array.from(e.classList),
  };
}"""
# More tab stops than any page has: a page that needs more has lost the control.
TAB_LIMIT = 250


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, matches: Callable[[dict], bool], what: str) -> dict:
    """Press Tab until the focused element matches; fail if it is never reached."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        now = focused(page)
        if matches(now):
            return now
    raise AssertionError(f"Tab never reached {what} on {page.url}")


def tab_to_field(page, field_id: str) -> None:
    tab_to(page, lambda f: f["id"] == field_id, f"#{field_id}")


def type_into(page, field_id: str, text: str) -> None:
    tab_to_field(page, field_id)
    page.keyboard.type(text)


def _pressable(now: dict) -> bool:
    return now["tag"] in ("button", "a") or (now["tag"] == "input" and now["type"] == "submit")


def press(page, text: str) -> None:
    """Tab to the button or link with this text and press Enter, waiting for the next page."""
    tab_to(page, lambda f: _pressable(f) and f["text"] == text, f"'{text}'")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def choose(page, name: str, label: str) -> None:
    """Pick a radio: Tab into its group, then the arrow keys to the option (as a screen reader
    or keyboard user does; Tab alone stops once in each group)."""
    now = tab_to(page, lambda f: f["type"] == "radio" and f["name"] == name, f"radios {name}")
    for _ in range(20):
        if now["label"] == label:
            if not now["checked"]:
                page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
        now = focused(page)
    raise AssertionError(f"No option '{label}' in radios {name}")


def tick(page, label: str) -> None:
    """Tick a checkbox, reached by Tab, with Space."""
    tab_to(page, lambda f: f["type"] == "checkbox" and f["label"] == label, f"checkbox {label}")
    page.keyboard.press("Space")


def assert_error_summary_focused(page) -> None:
    """As on GOV.UK pages: after an error, focus is on the error summary, read out first."""
    page.wait_for_function(
        "() => document.activeElement"
        " && document.activeElement.classList.contains('govuk-error-summary')",
        timeout=5000,
    )
