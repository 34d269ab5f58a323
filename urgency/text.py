"""Normalised reading of a field: canonical words, each tied back to where the writer wrote it.

The rules read a canonical string (lower case, one space between words, "." between sentences and
"," between clauses, text-speak spelled out, misspellings of danger words corrected), and every
canonical word keeps the (start, end) of the writer's own characters it came from, so a match can
be quoted back exactly as written.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from urgency.spelling import correct, restore_dropped_g

# Clock times ("9.40", "7:30": one word, so "at 2.10" ends no sentence), words (with inner
# apostrophes, straight or curly), sentence ends, clause breaks, spaced dashes.
_TOKEN = re.compile(
    "\\d{1,2}[.:]\\d\\d(?!\\d)|[^\\W_]+(?:['\u2019][^\\W_]+)*|[.!?;\n]+|[,:]|\\s[-\u2013\u2014]\\s"
)
_REPEATS = re.compile(r"(.)\1{2,}")
# A closing quote straight after "!" or "?" and then a word in lower case or a comma.
_QUOTE_GOES_ON = re.compile("['\"\u2019\u201d] ?(?:,|\\s+[a-z])")

# Text-speak and common phonetic spellings, read as the words they stand for.
TEXT_SPEAK = {
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "gna": "going to",
    "finna": "going to",
    "goin": "going",
    "wanna": "want to",
    "wana": "want to",
    "gotta": "got to",
    "gota": "got to",
    "tryna": "trying to",
    "2nite": "tonight",
    "2night": "tonight",
    "2nyt": "tonight",
    "2nyte": "tonight",
    "tonite": "tonight",
    "tonit": "tonight",
    "tnite": "tonight",
    "tonigt": "tonight",
    "2moro": "tomorrow",
    "2morro": "tomorrow",
    "2morrow": "tomorrow",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tomoz": "tomorrow",
    "tomorow": "tomorrow",
    "tommorow": "tomorrow",
    "tommorrow": "tomorrow",
    "2day": "today",
    "2dy": "today",
    "rn": "right now",
    "atm": "at the moment",
    "asap": "as soon as possible",
    "nw": "now",
    "u": "you",
    "ya": "you",
    "yu": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "b4": "before",
    "wen": "when",
    "wiv": "with",
    "wid": "with",
    "sed": "said",
    "sez": "says",
    "wil": "will",
    "im": "i am",
    "ive": "i have",
    "il": "i will",
    "ill": "ill",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "theres": "there is",
    "thats": "that is",
    "dont": "do not",
    "didnt": "did not",
    "doesnt": "does not",
    "wont": "will not",
    "cant": "can not",
    "cannot": "can not",
    "isnt": "is not",
    "wasnt": "was not",
    "hasnt": "has not",
    "havent": "have not",
    "aint": "is not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "shouldnt": "should not",
    "skool": "school",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "tho": "though",
    "da": "the",
    "dat": "that",
    "dem": "them",
    "dis": "this",
    "bout": "about",
    "abt": "about",
    "pls": "please",
    "plz": "please",
    "bro": "brother",
    "bruv": "brother",
    "kms": "kill myself",
    "kys": "kill yourself",
    "unalive": "kill",
    "unalived": "killed",
    "od": "overdose",
    "od'd": "overdosed",
    "oded": "overdosed",
    "o.d": "overdose",
    "nife": "knife",
    "nyfe": "knife",
    "knif": "knife",
    "knifes": "knives",
    "nifes": "knives",
    "nank": "knife",
    "nanks": "knives",
    "bora": "knife",
    "shank": "knife",
    "shanks": "knives",
    "kil": "kill",
    "kll": "kill",
    "kilt": "kilt",
    "kild": "killed",
    "ded": "dead",
    "murda": "murder",
    "merk": "kill",
    "merked": "killed",
    "merking": "killing",
    "murk": "kill",
    "murked": "killed",
    "murking": "killing",
    "shotty": "shotgun",
    "stabd": "stabbed",
    "stabing": "stabbing",
    "stabed": "stabbed",
    "shanked": "stabbed",
    "shanking": "stabbing",
    "suicde": "suicide",
    "sucide": "suicide",
    "sooicide": "suicide",
    "sewerslide": "suicide",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "sh": "sh",
    "missin": "missing",
    "gne": "gone",
    "gon": "gone",
    "gunz": "guns",
    "gat": "gun",
    "yute": "youth",
    "yout": "youth",
    "ppl": "people",
    "sum1": "someone",
    "some1": "someone",
    "no1": "no one",
    "any1": "anyone",
    "every1": "everyone",
    "nite": "night",
    "nyt": "night",
    "skeng": "weapon",
    "skengs": "weapons",
    "ching": "knife",
    "chings": "knives",
    "chinged": "stabbed",
    "juk": "stab",
    "jook": "stab",
    "juked": "stabbed",
    "jooked": "stabbed",
    "duppy": "kill",
    "duppied": "killed",
    "wap": "gun",
    "waps": "guns",
    "bucky": "gun",
    "dotty": "gun",
    "2": "to",
    "4": "for",
    "w/": "with",
}

# Two written words that are one canonical word ("to nite", "self harm" already is two).
_PAIRS = {("to", "night"): "tonight", ("to", "morrow"): "tomorrow", ("to", "day"): "today"}

_WHOLE_CONTRACTIONS = {"won't": "will not", "can't": "can not", "shan't": "shall not"}
_CONTRACTIONS = (
    ("n't", " not"),
    ("'ll", " will"),
    ("'re", " are"),
    ("'m", " am"),
    ("'ve", " have"),
    ("'d", " would"),
    ("'s", " is"),
)
# "he's" is "he is"; "the children's home" is a possessive, read as "the children home".
_IS_AFTER = {
    "he",
    "she",
    "it",
    "that",
    "there",
    "who",
    "what",
    "where",
    "everyone",
    "someone",
    "here",
    "this",
    "nobody",
    "somebody",
    "everybody",
    "one",
    "which",
    "how",
    "now",
    "tonight",
    "today",
    "tomorrow",
}


@dataclass(frozen=True)
class NormalText:
    """A field read as canonical words; `origin[i]` is where canonical word i was written."""

    canonical: str
    starts: tuple[int, ...]
    origin: tuple[tuple[int, int], ...]

    def written_span(self, start: int, end: int) -> tuple[int, int]:
        """The writer's own characters behind canonical characters start..end."""
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = max(bisect_right(self.starts, max(end - 1, start)) - 1, first)
        return self.origin[first][0], self.origin[last][1]


@lru_cache(maxsize=65536)
def _canonical_words(token: str) -> tuple[str, ...]:
    if not token[0].isalnum():
        # A line break ends a sentence as a full stop does ("he has a knife\nhe is outside").
        return (".",) if any(mark in token for mark in ".!?;\n") else (",",)
    word = unicodedata.normalize("NFKC", token).casefold().replace("\u2019", "'")
    word = _REPEATS.sub(r"\1\1", word)
    if word in TEXT_SPEAK:
        return tuple(TEXT_SPEAK[word].split())
    if word in _WHOLE_CONTRACTIONS:
        return tuple(_WHOLE_CONTRACTIONS[word].split())
    if word.endswith("'s") and word[:-2] not in _IS_AFTER:
        return _canonical_words(word[:-2])
    for ending, expansion in _CONTRACTIONS:
        if word.endswith(ending) and len(word) > len(ending):
            return (*_canonical_words(word[: -len(ending)]), *expansion.split())
    return (correct(restore_dropped_g(word)),)


def normalise(text: str) -> NormalText:
    words: list[str] = []
    origin: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text or ""):
        token = match.group()
        if token in ("!", "?", "!!", "?!", "!?") and _QUOTE_GOES_ON.match(text, match.end()):
            # "shouting 'kill him now!' and 'grab the shotgun'": the sentence goes on after the
            # quote, and what frames it (a game, a joke) frames the rest too.
            token = ","  # noqa: S105 - a clause break, not a secret
        for word in _canonical_words(token):
            if words and (words[-1], word) in _PAIRS:
                words[-1] = _PAIRS[(words[-1], word)]
                origin[-1] = (origin[-1][0], match.end())
                continue
            if word in ",." and words and words[-1] in ",.":
                words[-1] = "." if "." in (word, words[-1]) else ","
                continue
            words.append(word)
            origin.append(match.span())
    starts: list[int] = []
    position = 0
    for word in words:
        starts.append(position)
        position += len(word) + 1
    return NormalText(" ".join(words), tuple(starts), tuple(origin))
