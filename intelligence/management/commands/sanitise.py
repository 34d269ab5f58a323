"""`manage.py sanitise [FILE]`: run the sanitiser over one's own annotated examples.

Reads JSON lines from FILE (or standard input), each
    {"id": ..., "source": {"name", "role", "organisation", "email", "phone"}, "text": ...}
and writes one JSON line per input to standard output:
    {"id": ..., "text": <sanitised>, "removed": [...], "flagged": [...], "findings": [...]}
Each input line may carry a "form" key with the structured pages' answers
    {"subjects": [{"name", "address", "setting"}], "persons_of_concern": [{"name", "nicknames",
     "phone_numbers", "social_media"}], "places": [{"name", "address"}], "vehicles": [{"make",
     "model", "colour", "registration"}]}
(any may be missing): what matches them is a subject's and kept. "findings" lists every
identifier found with its kind, class (source / subject / unknown), decision, the machine's
choice and its offsets into the input text.
Touches no database. A malformed line gets an error on standard error naming its line number and
the rest are still processed; the exit code is 1 if any line failed, 0 otherwise. Blank lines are
skipped.

With --check it runs the export gate's screen over each text instead of sanitising it, and writes
    {"id": ..., "hits": ["name", "phone", ...]}
the kinds of the source's identifiers it found, never their values. The line's optional "form"
key says who the subjects are: the names of subjects[] and persons_of_concern[] and the latter's
nicknames (one per line or separated by commas) are let through, as the gate lets them through.
The exit code is 1 if any line has a hit (or failed), 0 otherwise.
"""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.screen import source_hit_kinds

SOURCE_KEYS = ("name", "role", "organisation", "email", "phone")


class LineError(ValueError):
    pass


def _parse(line: str) -> tuple[Any, SourceIdentity, str]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"not valid JSON ({exc.msg})") from exc
    if not isinstance(item, dict):
        raise LineError("expected a JSON object")
    missing = [key for key in ("id", "source", "text") if key not in item]
    if missing:
        raise LineError("missing " + ", ".join(f'"{key}"' for key in missing))
    source, text = item["source"], item["text"]
    if not isinstance(source, dict):
        raise LineError('"source" must be an object')
    if not isinstance(text, str):
        raise LineError('"text" must be a string')
    unknown = sorted(set(source) - set(SOURCE_KEYS))
    if unknown:
        raise LineError('unknown "source" fields: ' + ", ".join(unknown))
    fields = {}
    for key in SOURCE_KEYS:
        value = source.get(key) or ""
        if not isinstance(value, str):
            raise LineError(f'"source.{key}" must be a string')
        fields[key] = value
    return item["id"], SourceIdentity(**fields), text


def _form_names(line: str) -> tuple[str, ...]:
    """The subjects' and persons of concern's names and nicknames in the line's "form", if any:
    what the gate's screen lets through. A missing or odd "form" lets nothing through."""
    form = json.loads(line).get("form")
    if not isinstance(form, dict):
        return ()
    names: list[Any] = []
    for key, fields in (("subjects", ("name",)), ("persons_of_concern", ("name", "nicknames"))):
        items = form.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, dict):
                for field in fields:
                    # One value a line, as the form stores it, or a JSON list of them.
                    value = item.get(field)
                    names += value if isinstance(value, list) else [value]
    return tuple(name for name in names if isinstance(name, str) and name.strip())


def _form_details(line: str) -> SubjectDetails:
    """The line's optional "form" (the structured pages' answers: subjects, persons_of_concern,
    places, vehicles), as the sanitiser reads who the subjects are."""
    form = json.loads(line).get("form")
    return SubjectDetails.from_form(form if isinstance(form, dict) else None)


class Command(BaseCommand):
    help = "Sanitise JSON lines ({id, source, text}) from FILE or standard input."
    # No database, no migrations check: this runs on an analyst's laptop against their examples.
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="JSON lines file (default: standard input)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="run the export gate's screen instead: print the kinds of source identifier "
            "found in each text, exit 1 if any",
        )

    def handle(self, *args, **options):
        path = options.get("file")
        if path and path != "-":
            try:
                stream = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        else:
            stream = sys.stdin
        failures = 0
        try:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    item_id, identity, text = _parse(line)
                except LineError as exc:
                    failures += 1
                    self.stderr.write(f"line {number}: {exc}")
                    continue
                if options.get("check"):
                    hits = source_hit_kinds(text, identity, allowed=_form_names(line))
                    failures += bool(hits)
                    self.stdout.write(json.dumps({"id": item_id, "hits": hits}, ensure_ascii=False))
                    continue
                result = sanitise(text, identity, _form_details(line)).to_dict()
                self.stdout.write(json.dumps({"id": item_id, **result}, ensure_ascii=False))
        finally:
            if stream is not sys.stdin:
                stream.close()
        if failures:
            # A non-zero exit lets a script notice (a malformed line, or with --check a line the
            # gate would refuse); every good line has still been written.
            self.stdout.flush()
            sys.exit(1)
