"""What the learned reading sees of each token: features that carry across writers.

A token is described by its shape and its few neighbours, by where it stands (the first or last
lines, a short line, a label line), by the first-person words around it in its clause, by whether
it is a word of the source's form answers or of a subject's (the fences), and by what the rules
already made of it. Its own lower-cased word is there too, but only for everyday words: a name
or a rare word is described by its shape, so the model learns "a capitalised rare word after my"
and not one writer's colleague.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import is_english_word, is_first_name

TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\w\s]")
_PART = re.compile(r"[^\W_]+")
_NEWLINE = re.compile(r"\n")
_SENTENCE_END = frozenset(".!?")
_CLAUSE_END = frozenset('.!?;:,()"')
_FIRST_PERSON = frozenset(
    ["i", "i'm", "i\u2019m", "im", "ive", "i've", "i\u2019ve", "id", "i'd", "i'll", "my", "me"]
) | frozenset(["we", "we're", "we've", "our", "ours", "us", "myself", "mine"])
_THIRD_PERSON = frozenset(["he", "she", "they", "his", "her", "their", "him", "them", "hes"])
_LABEL_LINE = re.compile(r"^\s*[A-Za-z][\w ./-]{0,24}:")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def tokens_of(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def words_of(values: Iterable[str]) -> frozenset[str]:
    """The lower-cased words (two letters or more) of some form answers."""
    return frozenset(
        w.casefold() for value in values for w in _PART.findall(value or "") if len(w) > 1
    )


@lru_cache(maxsize=65536)
def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", word)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)[:6]


def covering(tokens: Sequence[Token], ranges: Iterable[tuple]) -> list[list]:
    """For each token, the ranges ((start, end, ...) in the text) that overlap it, in the
    ranges' order: tokens are in order and never overlap, so each range finds its tokens by
    bisection."""
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    found: list[list] = [[] for _ in tokens]
    for item in ranges:
        first = bisect_right(ends, item[0])
        last = bisect_left(starts, item[1])
        for index in range(first, last):
            found[index].append(item)
    return found


@lru_cache(maxsize=65536)
def _kind_of_word(lower: str) -> tuple[bool, bool]:
    """(an English word, a first name)."""
    return is_english_word(lower), is_first_name(lower)


@lru_cache(maxsize=65536)
def _word_features(word: str, lower: str) -> tuple[str, ...]:
    """The features of a token's own word, in a fixed order."""
    alpha = word.isalpha()
    english, first_name = _kind_of_word(lower)
    everyday = alpha and english and not first_name
    digits = any(ch.isdigit() for ch in word)
    names = ["bias", "shape=" + _shape(word), "len=" + str(min(len(word), 8))]
    if everyday or (not alpha and not digits):
        names += ["w=" + lower, "suf=" + lower[-3:]]
    else:
        names.append("rare")
        if alpha and len(word) > 3:
            names.append("suf=" + lower[-3:])
    if first_name:
        names.append("first_name")
    if digits:
        names.append("digits")
    if word[:1].isupper():
        names.append("title")
    return tuple(names)


@dataclass(frozen=True)
class Context:
    """What the reading knows besides the text: the source's words, the subjects' words (and
    where their answers stand in the text), and the rules' findings as (start, end, label)."""

    source_words: dict[str, frozenset[str]]
    subject_words: frozenset[str]
    fences: tuple[tuple[int, int], ...]
    rules: tuple[tuple[int, int, str], ...]


def token_features(text: str, tokens: list[Token], context: Context) -> list[dict[str, float]]:
    lowers = [t.text.casefold() for t in tokens]
    n = len(tokens)
    # Lines: index of each token's line, and which lines are first, last and short.
    line_of: list[int] = []
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    line = 0
    for token in tokens:
        while line + 1 < len(line_starts) and line_starts[line + 1] <= token.start:
            line += 1
        line_of.append(line)
    used_lines = sorted(set(line_of))
    first_line = used_lines[0] if used_lines else 0
    last_lines = set(used_lines[-3:])
    per_line: dict[int, int] = {}
    for number in line_of:
        per_line[number] = per_line.get(number, 0) + 1
    # Clauses and sentences: running indices.
    clause_of: list[int] = []
    sentence_of: list[int] = []
    clause = sentence = 0
    previous_line = -1
    for index, lower in enumerate(lowers):
        if line_of[index] != previous_line:
            clause += 1
            sentence += 1
            previous_line = line_of[index]
        clause_of.append(clause)
        sentence_of.append(sentence)
        if lower in _CLAUSE_END:
            clause += 1
        if lower in _SENTENCE_END:
            sentence += 1
    first_person_clauses = {clause_of[i] for i, w in enumerate(lowers) if w in _FIRST_PERSON}
    first_person_sentences = {sentence_of[i] for i, w in enumerate(lowers) if w in _FIRST_PERSON}
    third_person_clauses = {clause_of[i] for i, w in enumerate(lowers) if w in _THIRD_PERSON}
    last_first_person = -100
    before_first_person: list[int] = []
    for index, lower in enumerate(lowers):
        before_first_person.append(index - last_first_person)
        if lower in _FIRST_PERSON:
            last_first_person = index
    label_lines = set()
    for number in used_lines:
        end = line_starts[number + 1] if number + 1 < len(line_starts) else len(text)
        if _LABEL_LINE.match(text[line_starts[number] : end]):
            label_lines.add(number)

    rules_of = [[label for _, _, label in found] for found in covering(tokens, context.rules)]
    fenced = [bool(found) for found in covering(tokens, context.fences)]
    # What a token's neighbours see of it: its everyday word, or its shape.
    seen = [
        ("w", "=" + lower)
        if token.text.isalpha() and _kind_of_word(lower)[0]
        else ("s", "=" + _shape(token.text))
        for token, lower in zip(tokens, lowers, strict=True)
    ]
    described: list[dict[str, float]] = []
    for index, token in enumerate(tokens):
        word, lower = token.text, lowers[index]
        f = dict.fromkeys(_word_features(word, lower), 1.0)
        if word[:1].isupper() and (
            index == 0 or lowers[index - 1] in _SENTENCE_END or line_of[index - 1] != line_of[index]
        ):
            f["title_at_start"] = 1.0
        # Neighbours.
        for offset in (-3, -2, -1, 1, 2):
            j = index + offset
            if 0 <= j < n:
                if clause_of[j] == clause_of[index] or abs(offset) == 1:
                    kind, said = seen[j]
                    f[f"{kind}{offset}{said}"] = 1.0
                    if lowers[j] in _FIRST_PERSON:
                        f[f"fp{offset}"] = 1.0
            else:
                f[f"edge{offset}"] = 1.0
        # First person around it.
        if lower in _FIRST_PERSON:
            f["is_fp"] = 1.0
        if clause_of[index] in first_person_clauses:
            f["fp_clause"] = 1.0
        if sentence_of[index] in first_person_sentences:
            f["fp_sentence"] = 1.0
        if clause_of[index] in third_person_clauses:
            f["tp_clause"] = 1.0
        distance = before_first_person[index]
        if distance <= 12:
            f["fp_before<=" + ("3" if distance <= 3 else "6" if distance <= 6 else "12")] = 1.0
        # Where it stands.
        number = line_of[index]
        if number == first_line:
            f["line_first"] = 1.0
        if number in last_lines:
            f["line_last3"] = 1.0
        if per_line[number] <= 6:
            f["line_short"] = 1.0
        if number in label_lines:
            f["line_label"] = 1.0
        if index == 0 or line_of[index - 1] != number:
            f["line_start"] = 1.0
        # The fences and the source's words.
        for field_name, words in context.source_words.items():
            if lower in words:
                f["source_" + field_name] = 1.0
        if lower in context.subject_words:
            f["subject_word"] = 1.0
        if fenced[index]:
            f["fence"] = 1.0
        # What the rules made of it (and of its neighbours).
        for label in rules_of[index]:
            f["r=" + label] = 1.0
        for offset in (-1, 1):
            j = index + offset
            if 0 <= j < n:
                # By class, not by "removed": a name the rules remove as unknown (often a
                # subject's when the form says nothing) does not make its neighbours the source's.
                for label in rules_of[j]:
                    if ":" in label:
                        f[f"r{offset}=" + label.split(":", 1)[0]] = 1.0
        described.append(f)
    return described
