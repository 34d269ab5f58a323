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
from itertools import accumulate

from ..lexicon import is_english_word, is_first_name

TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|[^\w\s]")
# The same as a capturing split: gaps and tokens alternate.
_TOKEN_SPLIT = re.compile("(" + TOKEN.pattern + ")")
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


_OFFSETS = (-3, -2, -1, 1, 2)
_FP_NAMES = tuple(f"fp{offset}".encode() for offset in _OFFSETS)
_EDGE_NAMES = tuple(f"edge{offset}".encode() for offset in _OFFSETS)
_FP_BEFORE = (b"fp_before<=3", b"fp_before<=6", b"fp_before<=12")


@lru_cache(maxsize=65536)
def _token_info(word: str) -> tuple:
    """What a token's word alone says, computed once per word: (lower-cased word, its own
    features, what its neighbours see of it at each of ``_OFFSETS``, first person, third person,
    capitalised, ends a clause, ends a sentence)."""
    lower = word.casefold()
    if word.isalpha() and _kind_of_word(lower)[0]:
        kind, said = "w", "=" + lower
    else:
        kind, said = "s", "=" + _shape(word)
    return (
        lower,
        tuple(name.encode() for name in _word_features(word, lower)),
        # Seen from each offset: the word or shape, and "fp<offset>" after it if first person.
        tuple(
            (f"{kind}{offset}{said}".encode(), _FP_NAMES[k])
            if lower in _FIRST_PERSON
            else (f"{kind}{offset}{said}".encode(),)
            for k, offset in enumerate(_OFFSETS)
        ),
        lower in _FIRST_PERSON,
        lower in _THIRD_PERSON,
        word[:1].isupper(),
        lower in _CLAUSE_END,
        lower in _SENTENCE_END,
    )


@lru_cache(maxsize=4096)
def _ruled_names(
    here: tuple[str, ...], before: tuple[str, ...], after: tuple[str, ...]
) -> tuple[bytes, ...]:
    """What the rules made of a token ("r="), of the token before ("r-1=") and after it ("r1="),
    by their labels, in that order and without repeats: the only names that can repeat. The
    neighbours' are by class only (the label's part before ":"), so "removed" and "kept" are
    not seen from beside a token."""
    names = [("r=" + label).encode() for label in here]
    names += [("r-1=" + label.split(":", 1)[0]).encode() for label in before if ":" in label]
    names += [("r1=" + label.split(":", 1)[0]).encode() for label in after if ":" in label]
    return tuple(dict.fromkeys(names))


def spans_of(text: str) -> tuple[list[int], list[int], list[str]]:
    """The tokens of a text as (starts, ends, words), as `tokens_of` finds them: split in C
    (gap, token, gap, token, ..., gap), every offset a sum of lengths rather than a match's."""
    pieces = _TOKEN_SPLIT.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    return offsets[1:-1:2], offsets[2::2], pieces[1::2]


def any_covered(starts: Sequence[int], ends: Sequence[int], ranges: Iterable[tuple]) -> list:
    """For each token, whether some range overlaps it."""
    found = [False] * len(starts)
    for item in ranges:
        first = bisect_right(ends, item[0])
        last = bisect_left(starts, item[1])
        if first < last:
            found[first:last] = [True] * (last - first)
    return found


def token_features(text: str, tokens: list[Token], context: Context) -> list[dict[str, float]]:
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    words = [t.text for t in tokens]
    return [
        {name.decode(): 1.0 for name in names}
        for names in token_attributes(text, starts, ends, words, context)
    ]


def token_attributes(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    words: Sequence[str],
    context: Context,
) -> list[list[bytes]]:
    """Each token's features as the names of those that hold (each worth 1.0), without repeats,
    in the order `token_features` gives them, encoded in UTF-8 as the tagger takes them (what
    it makes of a dict of 1.0s with these names, without encoding every name of every token)."""
    infos = [_token_info(word) for word in words]
    n = len(words)
    # Lines: index of each token's line, and which lines are first, last and short. A token
    # never holds a line break, so its line is the last to start at or before it.
    line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    line_of = [bisect_right(line_starts, start) - 1 for start in starts]
    used_lines = sorted(set(line_of))
    first_line = used_lines[0] if used_lines else 0
    last_lines = set(used_lines[-3:])
    per_line: dict[int, int] = {}
    for number in line_of:
        per_line[number] = per_line.get(number, 0) + 1
    # Clauses and sentences: running indices; first person before each token.
    clause_of: list[int] = []
    sentence_of: list[int] = []
    first_person_clauses = set()
    first_person_sentences = set()
    third_person_clauses = set()
    before_first_person: list[int] = []
    clause = sentence = 0
    previous_line = -1
    last_first_person = -100
    for index, info in enumerate(infos):
        if line_of[index] != previous_line:
            clause += 1
            sentence += 1
            previous_line = line_of[index]
        clause_of.append(clause)
        sentence_of.append(sentence)
        before_first_person.append(index - last_first_person)
        if info[3]:
            first_person_clauses.add(clause)
            first_person_sentences.add(sentence)
            last_first_person = index
        if info[4]:
            third_person_clauses.add(clause)
        if info[6]:
            clause += 1
        if info[7]:
            sentence += 1
    label_lines = set()
    for number in used_lines:
        end = line_starts[number + 1] if number + 1 < len(line_starts) else len(text)
        if _LABEL_LINE.match(text[line_starts[number] : end]):
            label_lines.add(number)
    line_names: dict[int, list[bytes]] = {}
    for number in used_lines:
        names = []
        if number == first_line:
            names.append(b"line_first")
        if number in last_lines:
            names.append(b"line_last3")
        if per_line[number] <= 6:
            names.append(b"line_short")
        if number in label_lines:
            names.append(b"line_label")
        line_names[number] = names
    # The source's words: for each word, the fields it belongs to, in the fields' order.
    source_names: dict[str, list[bytes]] = {}
    for field_name, field_words in context.source_words.items():
        name = ("source_" + field_name).encode()
        for word in field_words:
            source_names.setdefault(word, []).append(name)
    subject_words = context.subject_words

    # The rules' labels of each token they touch, in the rules' order.
    labels_of: dict[int, list[str]] = {}
    for start, end, label in context.rules:
        for index in range(bisect_right(ends, start), bisect_left(starts, end)):
            if index in labels_of:
                labels_of[index].append(label)
            else:
                labels_of[index] = [label]
    # For each token, what the rules made of it and of the tokens either side: the names of
    # each combination of labels made once (most tokens a rule touches share theirs with the
    # token before).
    no_labels = ()
    ruled = {
        index: _ruled_names(
            tuple(labels_of.get(index, no_labels)),
            tuple(labels_of.get(index - 1, no_labels)),
            tuple(labels_of.get(index + 1, no_labels)),
        )
        for index in {i + step for i in labels_of for step in (-1, 0, 1)}
        if 0 <= index < n
    }
    fenced = any_covered(starts, ends, context.fences)
    described: list[list[bytes]] = []
    for index, info in enumerate(infos):
        names = list(info[1])
        number = line_of[index]
        here_clause = clause_of[index]
        if info[5] and (index == 0 or infos[index - 1][7] or line_of[index - 1] != number):
            names.append(b"title_at_start")
        # Neighbours (offsets -3, -2, -1, 1 and 2; those two away or more only in its clause).
        if index >= 3:
            if clause_of[index - 3] == here_clause:
                names += infos[index - 3][2][0]
        else:
            names.append(_EDGE_NAMES[0])
        if index >= 2:
            if clause_of[index - 2] == here_clause:
                names += infos[index - 2][2][1]
        else:
            names.append(_EDGE_NAMES[1])
        if index >= 1:
            names += infos[index - 1][2][2]
        else:
            names.append(_EDGE_NAMES[2])
        if index + 1 < n:
            names += infos[index + 1][2][3]
        else:
            names.append(_EDGE_NAMES[3])
        if index + 2 < n:
            if clause_of[index + 2] == here_clause:
                names += infos[index + 2][2][4]
        else:
            names.append(_EDGE_NAMES[4])
        # First person around it.
        if info[3]:
            names.append(b"is_fp")
        if here_clause in first_person_clauses:
            names.append(b"fp_clause")
        if sentence_of[index] in first_person_sentences:
            names.append(b"fp_sentence")
        if here_clause in third_person_clauses:
            names.append(b"tp_clause")
        distance = before_first_person[index]
        if distance <= 12:
            names.append(_FP_BEFORE[0 if distance <= 3 else 1 if distance <= 6 else 2])
        # Where it stands.
        names += line_names[number]
        if index == 0 or line_of[index - 1] != number:
            names.append(b"line_start")
        # The fences and the source's words.
        lower = info[0]
        if lower in source_names:
            names += source_names[lower]
        if lower in subject_words:
            names.append(b"subject_word")
        if fenced[index]:
            names.append(b"fence")
        # What the rules made of it (and of its neighbours). By class, not by "removed": a
        # name the rules remove as unknown (often a subject's when the form says nothing) does
        # not make its neighbours the source's.
        if index in ruled:
            names += ruled[index]
        described.append(names)
    return described
