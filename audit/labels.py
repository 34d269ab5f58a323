"""Words people read for the values audit entries hold, filled in by each app's AppConfig.ready.

The audit trail is a foundation every app writes to, so it knows no domain app: an app that puts
coded values ("in_progress", "criminal_exploitation") into an entry's details says here what they
are called, and the trail pages show those names.
"""

from collections.abc import Iterable

# detail key -> {stored value: label}
_VALUE_LABELS: dict[str, dict[str, str]] = {}
# Detail keys whose values are code words ("take_next"), shown as words ("Take next").
_WORD_KEYS: set[str] = {"operation"}  # the trail's own: user and group changes


def detail_labels_register(key: str, choices: Iterable[tuple[object, str]]) -> None:
    """Name the values an entry's `key` detail may hold, e.g. ("to", Status.choices)."""
    _VALUE_LABELS.setdefault(key, {}).update({str(value): str(label) for value, label in choices})


def detail_words_register(*keys: str) -> None:
    """Details whose values are code words, shown as words: "take_next" -> "Take next"."""
    _WORD_KEYS.update(keys)


def words(code: str) -> str:
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def detail_value_label(key: str, value: object) -> str:
    labels = _VALUE_LABELS.get(key)
    if labels is not None and str(value) in labels:
        return labels[str(value)]
    if key in _WORD_KEYS and isinstance(value, str):
        return words(value)
    return str(value)
