"""Which submission a changed record belongs to, filled in by each app's AppConfig.ready.

The trail knows no domain app, so an app whose records belong to a submission says here how to
reach the submission's reference from each of its models (a lookup path such as
"submission__reference"); the change log then files every change under its submission's timeline.
"""

# model label ("triage.note") -> lookup path to the submission's reference
_PATHS: dict[str, str] = {}


def reference_path_register(model, path: str) -> None:
    """Say how `model` reaches its submission's reference: "reference" for the submission itself."""
    _PATHS[model._meta.label_lower] = path


def reference_path(model) -> str | None:
    return _PATHS.get(model._meta.label_lower)
