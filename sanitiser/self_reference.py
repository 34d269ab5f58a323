"""The writer picked out by what they say of themselves: indirect self-identification.

A reader who knows the setting can work out who wrote "I was the one on the till when he came
in", "when I took the phone off him in period 3", "I've been his key worker since 2019" or "he
only talks to me because I speak Tigrinya", though no name, role or organisation is in them.
No list of such phrases is ever complete, so they are found by the shape of the clause:

- the text is cut into clauses (at sentence ends, commas, brackets, quotes and the words that
  join clauses: "and", "so", "when", "because", "since I", ...); a clause without a subject of
  its own ("... and go in every morning") takes the one before it;
- a first-person clause is the writer's **own work** when it says what the writer is or is on
  ("I'm his mum's home carer", "I was on the night desk", "as her named nurse"), what the writer
  does at work (a verb of work: teach, coach, supervise, serve, deliver, confiscate, took ... off
  her, picked him up), what the writer does by routine ("... every Thursday", "most weeks"), how
  long ("I've worked nights there for 11 years", "I have known the family since"), or what only
  the writer is ("the only one with keys", "because I speak Dari");
- any clause that holds the writer's work things ("my counter", "my tutor group", "one of my
  Scouts", "on my caseload") or the writer's exclusive tie to the subject ("asked for me by
  name", "only talks to me", "same first name as me") is one too;
- a first-person clause that reports what the writer saw, heard, noticed, thought or was told
  about the subjects ("I saw him get into a grey Audi at 15:20") is none of these: it stays.

Each such clause is an **unknown** (kind "self-description"): the machine removes it, and the
handler sees it and decides. `classify` cuts out of it anything entered as a subject's, so "I
took the phone off Kyle in period 3" loses the writer's part and keeps Kyle.
"""

from __future__ import annotations

import re

from .lexicon import is_lower_case_name

KIND = "self-description"

# The look-ahead for the letters a match may start with lets the engine skip every other place;
# every alternative opens a word, so a place inside one ((?<!\w)) is skipped as quickly.
_WRITERS_WORD = re.compile(
    r"(?i)(?=[aimou])(?<!\w)(?:(?<![\w'\u2019])(?:i|i['\u2019]m|im|i['\u2019]ve|ive|me|my|our|ours|mine|myself|us)\b"
    r"|\bas\s+(?:his|her|their|the|[\w-]+['\u2019]s)\b)"
)
# A text with none of these words (the writer's own or their service's: "came to us", "at
# ours") has no clause to read.
_FIRST_PERSON_WORD = re.compile(
    r"(?i)(?<![\w'\u2019])(?:i|i['\u2019]m|im|i['\u2019]ve|ive|me|my|us|our|ours)\b"
)

# Where a clause ends: sentence ends, commas, brackets, quotes, dashes between spaces (not the
# dot or colon of "7.40" and "15:20", nor the comma of "1,000").
_HARD_BREAK = re.compile(
    r"[!?;\n()\[\]\"\u201c\u201d]+|\.(?!\d)|(?<!\d):|:(?!\d)|\s[-\u2013\u2014]\s"
    # Punctuation said aloud in dictation.
    r"|(?i:\b(?:comma|full\s+stop|new\s+paragraph|new\s+line|question\s+mark)\b)"
)
# A clause longer than this is a run-on (dictation without punctuation): only its opening words
# are the writer's, and the next clause does not take its subject.
_RUN_ON_WORDS = 14
_LOOK_BACK = 400
_OPENING_WORDS = 10
# Words that start a new clause. Joining words always do; subordinating ones when a subject
# or a determiner follows ("since I delivered", not "since 2019"; "as her named nurse").
_JOIN = r"and|but|so|then|or|plus"
_SUBORDINATE = (
    r"when|whenever|while|whilst|because|cos|coz|as|since|although|though|if|after|before|"
    r"until|till|where|which|who"
)
_CLAUSE_START = (
    r"i|i['\u2019]m|im|i['\u2019]ve|ive|i['\u2019]d|he|she|they|we|you|it|his|her|their|the|"
    r"a|an|my|our|this|that|there|mum|dad"
)
_SPLIT = re.compile(
    rf"(?i)(?<![\w'\u2019-])(?=(?:{_JOIN})\b)"
    # After a comma (not the comma of "1,000"): "I'm Sue, been behind the bar" goes on with
    # the writer as its subject.
    rf"|(?<=,)(?!\d)"
    rf"|(?<![\w'\u2019-])(?=(?:{_SUBORDINATE})\s+(?:{_CLAUSE_START})(?![\w'\u2019]))"
    # A new "I" in a run without punctuation ("... to his cousins flat i saw poppy").
    rf"|(?<=[a-z0-9]\s)(?=i\s)"
)
_SUBORDINATE_WORDS = frozenset(_SUBORDINATE.split("|"))
_LEADING_JOIN = re.compile(rf"(?i)^(?:{_JOIN})\b\s*")

# The writer as the clause's subject, with what may stand between it and the verb.
_ADVERBS = (
    r"also|just|still|now|then|usually|normally|always|often|sometimes|currently|personally|"
    r"actually|even|only|already|regularly|generally|mainly|mostly|again|never"
)
_AUX = (
    r"am|was|were|have|had|has|will|would|can|could|should|must|may|might|"
    r"been|be|being|'m|'ve|'d|\u2019m|\u2019ve|\u2019d|m|ve|d"
)
# "I", "i", "I'm", "Im", "Ive", perhaps after a subordinating word and a short opening ("On
# Tuesday I", "me and Sam"): the writer is the clause's subject.
_SUBJECT = re.compile(
    r"(?i)^(?:(?:" + _SUBORDINATE + r")\s+)?(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?:me\s+and\s+\w+\s+|\w+\s+and\s+me\s+)?(?P<i>i(?![\w-])|im\b|ive\b)"
)
_AFTER_SUBJECT = re.compile(
    r"(?i)(?:['\u2019]?(?:" + _AUX + r")\b"
    r"|\s+(?:" + _AUX + r"|not|n['\u2019]t|" + _ADVERBS + r")\b)*"
    r"\s*(?P<verb>[a-z'\u2019-]+)?"
)
# A clause that opens with a verb ("and go in every morning") has the subject before it.
_OPENS_WITH_SUBJECT = frozenset(
    [
        "he",
        "she",
        "they",
        "we",
        "you",
        "it",
        "there",
        "his",
        "her",
        "their",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "nobody",
        "someone",
        "somebody",
        "people",
        "everyone",
        "mum",
        "dad",
        "one",
        "two",
        "three",
    ]
)

# What the writer saw, heard, noticed, thought or was told: the intelligence, never the writer.
_REPORTING = frozenset(
    [
        "see",
        "saw",
        "seen",
        "seeing",
        "sees",
        "hear",
        "heard",
        "hearing",
        "hears",
        "notice",
        "noticed",
        "noticing",
        "watch",
        "watched",
        "watching",
        "spot",
        "spotted",
        "observe",
        "observed",
        "witness",
        "witnessed",
        "overheard",
        "overhear",
        "think",
        "thought",
        "believe",
        "believed",
        "know",
        "knew",
        "known",
        "feel",
        "felt",
        "felt",
        "worry",
        "worried",
        "worrying",
        "fear",
        "feared",
        "suspect",
        "suspected",
        "understand",
        "understood",
        "remember",
        "remembered",
        "recognise",
        "recognised",
        "recognize",
        "recognized",
        "realise",
        "realised",
        "realized",
        "guess",
        "assume",
        "assumed",
        "reckon",
        "wonder",
        "wondered",
        "hope",
        "want",
        "wanted",
        "need",
        "needed",
        "wish",
        "would",
        "could",
        "can",
        "can't",
        "cannot",
        "couldn't",
        "should",
        "might",
        "may",
        "must",
        "don't",
        "didn't",
        "do",
        "did",
        "not",
        "no",
        "told",
        "tell",
        "telling",
        "asked",
        "ask",
        "asking",
        "spoke",
        "speak",
        "said",
        "say",
        "saying",
        "called",
        "rang",
        "phoned",
        "emailed",
        "reported",
        "report",
        "reporting",
        "contacted",
        "write",
        "writing",
        "wrote",
        "sent",
        "attached",
        "attach",
        "am",
        "was",
        "were",
        "been",
        "have",
        "had",
        "got",
        "get",
        "found",
        "find",
        "smelt",
        "smelled",
        "could",
        "counted",
        "looked",
        "look",
        "looking",
        "tried",
        "try",
        "afraid",
        "scared",
        "concerned",
        "sure",
        "certain",
        "glad",
        "sorry",
        "unsure",
        "aware",
        "worried",
        "shocked",
        "upset",
        "confident",
        "happy",
        "unhappy",
        "not",
        "received",
        "receive",
        "came",
        "come",
        "went",
        "go",
    ]
)
# A verb of the writer's work: what they do to or for people as their job.
_WORK_VERBS = re.compile(
    r"(?i)^(?:teach|taught|teaching|coach|coached|coaching|train|trained|training|supervise|"
    r"supervised|supervising|run|ran|running|manage|managed|managing|deliver|delivered|"
    r"delivering|cover|covered|covering|drive|driving|serve|served|serving|dispense|dispensed|"
    r"dispensing|mark|marked|marking|confiscate|confiscated|confiscating|visit|visited|"
    r"visiting|clean|cleaned|cleaning|work|worked|working|translate|translated|translating|"
    r"interpret|interpreted|interpreting|treat|treated|treating|examine|examined|assess|"
    r"assessed|assessing|register|registered|book|booked|check|checked|checking|complete|"
    r"completed|unlock|unlocked|lock|locked|open|opened|help|helped|helping|support|supported|"
    r"supporting|care|cared|caring|look|nurse|nursed|tutor|tutored|mentor|mentored|lead|led|"
    r"leading|host|hosted|volunteer|volunteered|do|did|doing|take|took|taking|pick|picked|"
    r"picking|drop|dropped|dropping|collect|collected|fit|fitted|install|installed|repair|"
    r"repaired|cut|deal|dealt|handle|handled|process|processed|issue|issued|sign|signed|"
    r"allocate|allocated|refer|referred|admit|admitted|discharge|discharged|escort|escorted|"
    r"transport|transported|patrol|patrolled|guard|guarded|staff|staffed|man|manned|"
    r"interview|interviewed|sit|sat|stay|stayed|ring|call|phone|go|went)$"
)
# Verbs above that are work only with more: "I took the phone off her", "I picked her up",
# "I did her 6-week check", "I sat with her in the medical room", "I ring home when".
_NEEDS_MORE = frozenset(
    [
        "drive",
        "driving",
        "do",
        "did",
        "doing",
        "take",
        "took",
        "taking",
        "pick",
        "picked",
        "picking",
        "drop",
        "dropped",
        "dropping",
        "sit",
        "sat",
        "stay",
        "stayed",
        "ring",
        "call",
        "phone",
        "go",
        "went",
        "look",
        "check",
        "checked",
        "checking",
        "help",
        "helped",
        "helping",
        "work",
        "worked",
        "working",
        "collect",
        "collected",
        "book",
        "booked",
        "open",
        "opened",
        "care",
        "cared",
        "caring",
        "cut",
        "sign",
        "signed",
    ]
)
_MORE = re.compile(
    r"(?i)\b(?:help\s+(?:to\s+)?(?:run|out)|for\s+(?-i:[A-Z])[\w'-]*|(?:the|a|my|our)\s+(?:number\s+|[\w-]+\s+)?"
    r"(?:\d+|route|bus|cab|taxi|van|minibus|lorry|school\s+run)|off\s+(?:him|her|them|(?-i:[A-Z])[\w'-]+)|(?:him|her|them|(?-i:[A-Z])[\w'-]+)\s+"
    r"(?:up|off|in|out)|up\s+from|"
    r"(?:his|her|their|the)\s+(?:[\w'\u2019-]+\s+){0,2}(?:check|checks|review|assessment|"
    r"appointment|session|visit|visits|clinic|round|rounds|shift|shifts|dose|register|bloods|"
    r"injection|jab|jabs|scan|test|tests|hair|nails|prescription|medication|meds|order|"
    r"delivery|lesson|lessons|class|homework|booking|room|rooms)|with\s+(?:him|her|them)\s+"
    r"(?:in|at|on)\s+the|home\s+when|(?:nights|lates|earlies|days|weekends|shifts|overtime|"
    r"cover|duty)|on\s+(?:the\s+)?(?:till|tills|desk|door|counter|gate|ward|rota)|for\s+the\s+"
    r"(?:council|trust|school|practice|surgery|company|firm|club|centre|service))\b"
)
# What the writer is or is on: "I'm his mum's home carer", "I am his allocated worker", "I was
# the one", "I'm the only ...", "I was on the night desk", "I'm one of the leaders".
_POSITION = re.compile(
    r"(?i)(?:['\u2019]?(?:m|am|was|ve\s+been|have\s+been|had\s+been|'ve\s+been|\u2019ve\s+been)"
    r"|\s+(?:am|was|have\s+been|had\s+been|been|also|just|still|now|currently|usually))+\s+"
    r"(?:(?:his|her|their|your|the\s+family['\u2019]s|[\w-]+['\u2019]s|one\s+of\s+(?:the|his|her|"
    r"their|our))\s+[\w'\u2019-]+"
    r"|the\s+(?:one|only|person|first|last|lady|man|woman|guy|girl|bloke|member)\b"
    r"|(?:on|at|in)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:till|tills|desk|door|doors|gate|counter|"
    r"reception|ward|shift|duty|nights|lates|earlies|rota|phones|switchboard|checkout|"
    r"checkouts|bar|kitchen|tills|pass|shop\s+floor|lessons|class|clinic|surgery|"
    r"session|sessions|meetings|calls|rounds)\b)"
)
# "as her named nurse", "As his key worker", "as the person who unlocks".
_AS_POSITION = re.compile(
    r"(?i)^as\s+(?:(?:his|her|their|[\w-]+['\u2019]s)\s+[\w'\u2019-]+"
    r"|the\s+(?:one|only|person|member|lady|man|woman)\s)"
)
# Routine: "every morning", "four times a week", "most weeks", "on Saturdays", "first thing".
_ROUTINE = re.compile(
    r"(?i)\b(?:every|each)\s+(?:single\s+)?(?:day|morning|afternoon|evening|night|week|"
    r"weekend|month|shift|monday|tuesday|wednesday|thursday|friday|saturday|sunday|time)\b"
    r"|\b(?:most|some)\s+(?:days|mornings|evenings|nights|weeks|weekends)\b"
    r"|\b(?:once|twice|\w+\s+times)\s+a\s+(?:day|week|month)\b"
    r"|\bon\s+(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays|"
    r"weekends)\b|\b(?:daily|weekly|fortnightly)\b"
)
# How long: "for 11 years", "for six years", "since 2019", "since he was 9".
_TENURE = re.compile(
    r"(?i)\b(?:(?:for\s+|(?:this|the)\s+(?:past|last)\s+)?(?:\d+|a|an|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|many|several|a\s+few|over\s+\w+)\s+"
    r"(?:years?|months?)(?!\s+(?:old|of\s+age))|since\s+(?:\d{4}|"
    r"(?:he|she|they)\s+(?:was|were)|(?:year|reception|nursery|birth)))\b"
)
_KNOWN_SINCE = re.compile(
    r"(?i)(?:(?:['\u2019]?ve|\s+have|\s+had)?\s+known|\s+know|\s+knew)\s+(?:him|her|them|"
    r"(?:his|her|their)\s+[\w-]+|the\s+family|the\s+\w+|(?-i:[A-Z])[\w'-]*)"
    r"(?:(?=\s+(?:from|through|since|for)\b)|(?<=known\s)[\w'-]+)"
)
# The writer's work things, in any clause: "my counter", "my tutor group", "one of my Scouts".
_WORK_THINGS = (
    r"till|tills|counter|desk|bus|cab|taxi|round|route|caseload|case\s*load|class|classes|"
    r"group|lesson|lessons|office|classroom|ward|bay|clinic|surgery|patients?|pupils?|"
    r"students?|clients?|residents?|tenants?|customers?|regulars|scouts|guides|cubs|brownies|"
    r"team|squad|shift|register|rota|troop|club|van|lorry|wagon|beat|patch|rounds|mentees?|"
    r"learners?|kids|children|boys|girls|lads|year\s+\d+s?|y\d+s?|under-?\d+s|u\d+s|"
    r"department|dept|unit|practice|branch|depot|yard|floor|wing|corridor|lab|studio|"
    r"workshop|clubhouse|stall|booth|reception|call|calls|visit|visits|session|sessions|"
    r"juniors|seniors|members|players|young\s+people|books|system|records|database|cctv|camera|"
    r"cameras|membership|whiteboard|loyalty\s+\w+|log|logbook|sign-in\s+sheet|pigeonhole|"
    r"drop-?in|staffroom|locker|post|base|pitch|stand|kiosk|pool|poolside|walk|doors?"
)
# The language the writer and the subject speak together: "she told me in Arabic", "we spoke
# in Polish": few of the writer's colleagues may share it.
_LANGUAGES = (
    r"arabic|polish|romanian|portuguese|spanish|french|italian|german|russian|ukrainian|"
    r"lithuanian|latvian|bulgarian|slovak|czech|hungarian|albanian|kurdish|sorani|kurmanji|"
    r"farsi|persian|dari|pashto|urdu|punjabi|hindi|gujarati|bengali|bangla|sylheti|tamil|"
    r"sinhala|somali|tigrinya|amharic|oromo|swahili|yoruba|igbo|twi|lingala|shona|turkish|"
    r"greek|vietnamese|mandarin|cantonese|chinese|tagalog|thai|welsh|gaelic|irish|bsl|"
    r"sign\s+language|patois|creole"
)
_IN_LANGUAGE = re.compile(r"(?i)\bin\s+(?:[\w-]+\s+)?(?:" + _LANGUAGES + r")\b")
_ME_OR_US = re.compile(r"(?i)\b(?:me|us|we|i)\b")
_MY_WORK_THING = re.compile(
    r"(?i)(?:\b(?:in|on|at|to|of|by|from|for|with|into|onto)\s+)?(?:one\s+of\s+)?"
    r"\b(?P<my>my|our)\s+(?:own\s+|usual\s+|regular\s+|little\s+|old\s+|new\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:" + _WORK_THINGS + r")\b"
)
# The same, read on its own over the whole text with more words between: "my weds 5pm stage 7
# group", "my Tuesday welfare drop-in" (a dictated run-on's clause may hide it from the engine).
_MY_OR_OUR = re.compile(r"(?i)(?=[mo])\b(?:my|our)\s+")
_WORK_THING_WORD = re.compile(r"(?i)(?:" + _WORK_THINGS + r")\b")
_WIDE_STOP = frozenset(
    [
        "the",
        "and",
        "in",
        "on",
        "at",
        "to",
        "of",
        "with",
        "a",
        "an",
        "is",
        "was",
        "he",
        "she",
        "they",
        "it",
        "but",
        "or",
        "for",
        "from",
        "that",
        "who",
        "his",
        "her",
        "their",
        "i",
        "we",
    ]
)
_WIDE_WORDS = 5


def _my_work_things(text: str) -> list[tuple[int, int, int, int]]:
    found = []
    for my in _MY_OR_OUR.finditer(text):
        position = my.end()
        for count, word in enumerate(_WORD.finditer(text, position, position + 60)):
            if count >= _WIDE_WORDS or text[position : word.start()].strip(" \t-"):
                break
            thing = _WORK_THING_WORD.match(text, word.start())
            if thing is not None:
                found.append((my.start(), thing.end(), my.start(), thing.end()))
                break
            value = word.group()
            named = value[:1].isupper() and not value.isupper() and value.isalpha()
            if value.casefold() in _WIDE_STOP or (
                named and value.casefold() not in _PLAIN_CAPITALS
            ):
                break  # "my colleague Dev Patel in reception": the name is judged alone
            position = word.end()
    return found


# Capitalised words that may stand between "my" and the work thing: days, months, year words.
_PLAIN_CAPITALS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "weds",
        "thu",
        "thurs",
        "fri",
        "sat",
        "sun",
        "year",
        "stage",
        "entry",
        "level",
        "key",
        "blwyddyn",
        "form",
        "set",
        "reception",
        "nursery",
        "junior",
        "senior",
    ]
)
# The subject comes to the writer's group: "trains with us", "attended with us".
_WITH_US = re.compile(
    r"(?i)\b(?:trains?|trained|training|attends?|attended|attending|plays?|played|boxes|boxed|"
    r"swims?|swam|dances?|danced|volunteers?|volunteered|stays?|stayed|lives?|lived|works?|"
    r"worked)\s+(?:here\s+)?with\s+us\b"
    # The subject's dealings with the writer's service: "a client came to us", "referred to us
    # three times", "registered with us", "known to us", "has her hair done at ours". Not what
    # someone said or showed to the writer ("she told us", "spoke to us"): that is reported.
    r"|\b(?:came|comes|come|coming|referred|re-referred|registered|booked|known|brought|"
    r"presented|transferred|moved|signposted|admitted|placed|enrolled|joined)\s+"
    r"(?:in\s+)?(?:to|with)\s+us\b"
    r"|\b(?:done|cut|seen|served|fitted|treated)\s+at\s+ours\b"
)
# "my" before a family or home word is the writer's life, not their work.
_MY_PRIVATE = re.compile(
    r"(?i)\b(?:my|our)\s+(?:own\s+)?(?:son|sons|daughter|daughters|kids|children|boys|girls|"
    r"husband|wife|partner|mum|dad|mother|father|family|sister|brother|niece|nephew|friend|"
    r"friends|neighbour|neighbours|house|home|garden|street|road|car|window|phone|opinion|"
    r"view|concern|concerns|knowledge|grandson|granddaughter|grandchildren|church|mosque)\b"
)
# The writer's exclusive tie to the subject, in any clause: what the subject does only with
# them, a name they share.
_EXCLUSIVE = re.compile(
    r"(?i)\bonly\s+(?:ever\s+)?(?:talks|speaks|listens|opens\s+up|comes|goes|trusts|answers|"
    r"responds|talked|spoke|listened|opened\s+up|came|went|trusted)\s+to\s+me\b"
    r"|\b(?:asks?|asked|asking)\s+for\s+me\s+by\s+name\b"
    r"|\b(?:because|as|since|cos)\s+i\s+(?:speak|know|understand)\s+(?-i:[A-Z])"
    r"|\b(?:same|similar)\s+(?:first\s+|last\s+|sur)?name\s+as\s+(?:me|mine|myself)\b"
    r"|\bi\s+was\s+the\s+one\b|\bi['\u2019]?m\s+the\s+one\b|\bi\s+am\s+the\s+one\b"
)
# What only the writer is, in a first-person clause: "the only Polish-speaking carer on the
# team", "the only one with keys", "nobody else at the centre does" ("he is the only boy in
# the class" is not the writer).
_ONLY_ME = re.compile(
    r"(?i)\bthe\s+only\s+one\b|\bthe\s+only\s+[\w-]+(?:\s+[\w-]+){0,3}\s+(?:on|in|at|among|"
    r"with|who|that|she|he|they)\b|\b(?:nobody|no\s+one)\s+else\b"
)
_WORD = re.compile(r"[^\W_]+")


# The writer singled out, read apart from the clause engine so that a dictated run-on or an odd
# clause cut does not hide it: "im the only irish lad on that door", "we are the only crew that
# does that lane", "theres only me on the desk before 9", "Patricia only lets me in", "everyone
# knows me", "he'll know it's me". From the cue to the end of its clause, at most 12 words.
# Every alternative opens with one of the look-ahead's letters: the engine skips every other
# place at once (twice as fast over the bench's texts, the same matches over every set). Each
# opens a word too: (?<!\w) skips the places inside one before the alternatives are tried.
# The word every alternative opens with ("i" of "i'm", "we" of "we're", "were" of "were the
# only"), looked ahead for after the first letter: the alternatives are tried after those words
# alone (half the time over the bench's texts, the same matches over every dev set).
_SINGLED_OUT_OPENING = (
    r"(?=(?:i|im|we|were|you|youre|there|theres|it|its|only|everyone|everybody|they|he|she|no|"
    r"not|same|based|stationed|posted|working|work|works|driving|out)\b)"
)
_SINGLED_OUT = re.compile(
    r"(?i)(?=[iwytoehsnbpd])(?<!\w)"
    + _SINGLED_OUT_OPENING
    + r"(?:(?<![\w'\u2019])(?:i['\u2019]?m|i\s+am|i\s+was|we['\u2019]?re|we\s+are|we\s+were|"
    r"you['\u2019]?re|you\s+are|there['\u2019]?s|there\s+is|it['\u2019]?s|its)"
    r"\s+(?:[\w'\u2019-]+\s+){0,2}?(?:the\s+)?only\b"
    r"|\bonly\s+(?:[\w'\u2019-]+\s+){0,3}?(?:me|us)\b"
    r"|\b(?:every(?:one|body)|they|he|she)(?:['\u2019]ll|\s+will|\s+would|['\u2019]d)?\s+"
    r"(?:[\w'\u2019-]+\s+){0,2}?know(?:s)?\s+(?:it\s+was\s+|it['\u2019]?s\s+|that\s+it['\u2019]?s\s+)?"
    r"(?:me|us|who)\b"
    # The writer's languages, shifts and ties: "I speak some Polish", "im on from 6am", "i'm on
    # poolside mon weds fri", "i am cousin of the mother", "because I know the family".
    r"|(?<![\w'\u2019])(?:i|we)\s+(?:also\s+)?speak\s+(?:some\s+|a\s+(?:bit|little)\s+(?:of\s+)?|fluent\s+)?"
    r"(?:" + _LANGUAGES + r")\b"
    r"|(?<![\w'\u2019])(?:i['\u2019]?m|i\s+am|we['\u2019]?re|we\s+are)\s+on\s+(?=(?:from\b|nights?\b|earl(?:y|ies)\b|"
    r"lates?\b|days\b|\d|the\s+(?:till|desk|door|gate|counter|front|rota|tills|floor)\b|[a-z]+side\b|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)))"
    r"|(?<![\w'\u2019])(?:i['\u2019]?m|i\s+am|im)\s+(?:a\s+|the\s+|his\s+|her\s+|their\s+)?(?:cousin|aunt|auntie|"
    r"uncle|neighbour|neighbor|godmother|godfather|relative|relation|family\s+friend)\b"
    r"|(?<![\w'\u2019])(?:i|we)\s+(?:know|knew|have\s+known)\s+(?:the|his|her|their)\s+(?:family|mum|dad|mother|"
    r"father|parents|nan|grandmother)\b"
    # The writer saying the subject's name and theirs only happen to match: the match itself
    # tells who wrote ("(no relation lol)", "not connected with us, same name as the road").
    r"|\bno\s+relation\b|\bnot\s+(?:connected|related)\s+(?:with|to)\s+(?:us|me)\b"
    r"|\bsame\s+(?:name\s+)?as\s+(?:the|our|my)\s+(?:school|shop|road|street|company|business|practice|"
    r"club|church|salon|firm|centre|nursery|surgery)(?:['\u2019]s)?(?:\s+name)?\b"
    r"|\bnot\s+me\s+obv"
    # Where the writer is based: "based at swansea depot", "out of south east station",
    # "bus driver for metroline at the southall garage".
    r"|\b(?:based|stationed|posted|working|work|works|i\s+drive|driving)\s+(?:at|out\s+of|from)\s+"
    r"(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:depot|garage|station|base|yard|office|branch|site|hub)\b"
    r"|\bout\s+of\s+(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:depot|garage|station|base|yard)\b"
    r"|(?<![\w'\u2019])(?:i['\u2019]?m|i\s+am|im)\s+(?:a\s+|an\s+)?[\w\s-]{0,40}?\s(?:for|with)\s+[\w\s&'-]{1,40}?\s+at\s+"
    r"(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:depot|garage|station|base|yard|office|branch|site|hub)\b"
    r")"
)
# The subject would recognise the writer ("he knows my face", "anyone reading this would know
# who I am", "she clocked me"), or the writer's tie to them ("from my community").
# Only "'d" and "'ll" may follow a letter; every other alternative opens a word.
_RECOGNISED = re.compile(
    r"(?i)(?=['\u2019]|(?<!\w)[kqrwcsfoi])(?:"
    r"\b(?:know|knows|knew|recogni[sz]es?|recogni[sz]ed)\s+(?:my|our)\s+(?:face|faces|name|voice|"
    r"car|van|cab|accent)\b"
    r"|(?:\bwould|\bwill|\bcould|['\u2019]d|['\u2019]ll)\s+know\s+(?:exactly\s+|straight\s+away\s+)?"
    r"who\s+(?:i|we)\s+(?:am|are|was|were)\b"
    r"|\b(?:recogni[sz]es?|recogni[sz]ed|clocked|spotted)\s+(?:me|us)\b"
    r"|\b(?:from|of|in)\s+(?:my|our)\s+(?:own\s+)?(?:community|village|mosque|church|temple|"
    r"gurdwara|congregation|parish|tribe|clan)\b"
    r")"
)
# The background the writer shares with the subject, said as theirs: "She is Vietnamese like
# me". Found from "like me" back to the word before it.
_LIKE_ME = re.compile(r"(?i)(?=l)\blike\s+(?:me|us|myself)\b")
_BACKGROUND_BEFORE = re.compile(
    r"(?i)\b(?:" + _LANGUAGES + r"|muslim|sikh|hindu|christian|catholic|jewish|buddhist|eritrean|"
    r"ethiopian|somali|afghan|nigerian|ghanaian|pakistani|bangladeshi|indian|chinese|filipino|"
    r"romanian|polish|roma|traveller|syrian|iraqi|iranian|sudanese)\s+(?:too\s+)?$"
)


def _recognised_cues(text: str) -> list[re.Match[str]]:
    cues = list(_RECOGNISED.finditer(text))
    for like in _LIKE_ME.finditer(text):
        background = _BACKGROUND_BEFORE.search(text, max(0, like.start() - 30), like.start())
        if background is not None:
            cues.append(_BACKGROUND_SPAN.search(text, background.start()))
    return [c for c in cues if c is not None]


_BACKGROUND_SPAN = re.compile(r"(?i)\S+\s+(?:too\s+)?like\s+(?:me|us|myself)\b")


# Where the singled-out stretch ends: a clause break, or the next clause's own subject ("kyle only
# talks to me i saw him ...": what the writer saw stays).
_SINGLED_OUT_END = re.compile(
    r"[.!?;\n(]|,|\d|\s[-\u2013\u2014]\s|\b(?:but|so|and|i|i['\u2019]m|im|we|he|she|they)\b"
)
_SINGLED_OUT_WORDS = 10


def _singled_out_spans(text: str) -> list[tuple[int, int, int, int]]:
    found = []
    for cue in [*_SINGLED_OUT.finditer(text), *_recognised_cues(text)]:
        stop = _SINGLED_OUT_END.search(text, cue.end())
        end = stop.start() if stop is not None else len(text)
        words = list(_WORD.finditer(text, cue.end(), end))
        if len(words) > _SINGLED_OUT_WORDS:
            end = words[_SINGLED_OUT_WORDS - 1].end()
        start, stop_at = _trimmed(text, cue.start(), end)
        if stop_at > start:
            found.append((start, stop_at, cue.start(), cue.end()))
    return found


# The writer introducing their job in their own words, spelt as they spell it: "Im a dispensor at
# Greenway", "I am caseworker (Arabic) with", "I'm a lunchtime supervisor here". What stands after
# the article ends in a word of work ("-er", "-or", "-ist", "-ian", a worker, an officer ...).
_JOB_ENDING = (
    r"[\w-]*(?:er|or|ist|ian|ant|man|woman|worker|officer|lead|nurse|carer|guard|keeper|tutor|"
    r"volunteer|head|teacher|assistant|staff|crew|medic|practitioner|leader|chef|cleaner|porter)"
)
# Every alternative opens with "i" or "w": the look-ahead skips every other place at once.
_INTRODUCED = re.compile(
    r"(?i)(?=[iw])(?<![\w'\u2019])(?:i['\u2019]?m|i\s+am|i\s+work\s+as|i\s+worked\s+as|working\s+as|"
    r"i['\u2019]ve\s+been|i\s+have\s+been)\s+(?:(?P<article>an?|the|one\s+of\s+the)\s+)?"
    r"(?P<job>(?:[\w-]+\s+){0,2}?" + _JOB_ENDING + r")"
    r"(?=\s*(?:\([^)]{0,30}\)\s*)?(?:\s(?:at|for|with|in|on|here|there|from)\b|[,.;:!\n]|$))"
)
# What an "-er" word after "I am" can be without being a job: "I am sure", "I am older".
_NOT_JOBS = frozenset(
    [
        "sure",
        "older",
        "younger",
        "other",
        "together",
        "never",
        "over",
        "after",
        "under",
        "either",
        "neither",
        "ever",
        "rather",
        "later",
        "better",
        "bigger",
        "clearer",
        "closer",
        "further",
        "member",
        "number",
        "sister",
        "brother",
        "mother",
        "father",
        "daughter",
        "neighbour",
        "neighbor",
        "customer",
        "passenger",
        "visitor",
        "regular",
        "another",
        "bit",
        "little",
    ]
)


def _introduced_spans(text: str) -> list[tuple[int, int, int, int]]:
    found = []
    for match in _INTRODUCED.finditer(text):
        job = match.group("job")
        last = job.split()[-1].casefold()
        if last in _NOT_JOBS or (match.group("article") is None and len(job.split()) > 1):
            continue
        found.append((match.start("job"), match.end("job"), match.start(), match.end()))
    return found


# "Our" speaks for the writer's workplace: "our regulars", "our SEN tracker", "our public PC no.
# 6", "our Tuesday drop-in". The words after it up to three, stopping at a small word; "our
# concern", "our area" and the like say nothing of where the writer works.
_OUR = re.compile(r"(?i)(?=o)(?<![\w'\u2019])our\s+")
_OUR_STOP = frozenset(
    [
        "of",
        "to",
        "in",
        "at",
        "and",
        "with",
        "is",
        "was",
        "are",
        "were",
        "for",
        "on",
        "from",
        "that",
        "who",
        "which",
        "as",
        "but",
        "or",
        "so",
        "he",
        "she",
        "they",
        "it",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "about",
        "by",
        "when",
        "if",
        "the",
        "a",
        "an",
        "i",
        "we",
    ]
)
_OUR_NOTHING_OF_WORK = frozenset(
    [
        "concern",
        "concerns",
        "view",
        "views",
        "understanding",
        "opinion",
        "worry",
        "worries",
        "area",
        "town",
        "city",
        "country",
        "community",
        "street",
        "road",
        "estate",
        "way",
        "own",
        "best",
        "part",
        "knowledge",
        "thoughts",
        "attention",
        "hope",
        "family",
        "families",
        "kids",
        "children",
        "home",
        "house",
        "lives",
        "time",
        "first",
        "last",
        "side",
        "end",
        "belief",
        "experience",
        "information",
        "notes",
        "records",
        "advice",
        "duty",
        "job",
        "safeguarding",
        "police",
        "local",
        "neighbour",
        "neighbours",
        "friend",
        "friends",
        "own",
        "minds",
        "mind",
    ]
)
_OUR_WORDS = 3


def _our_spans(text: str) -> list[tuple[int, int, int, int]]:
    found = []
    for match in _OUR.finditer(text):
        words = []
        for word in _WORD.finditer(text, match.end(), min(len(text), match.end() + 60)):
            low = word.group().casefold()
            gap = text[(words[-1].end() if words else match.end()) : word.start()]
            if low in _OUR_STOP or len(words) >= _OUR_WORDS or (words and gap.strip()):
                break
            if words and (word.group()[:1].isupper() or is_lower_case_name(low)):
                break  # "our tenant Ms Halima", "our regulars tariq": the name is judged alone
            words.append(word)
        if not words or words[0].group().casefold() in _OUR_NOTHING_OF_WORK:
            continue
        if words[0].group()[:1].isupper() and len(words) == 1:
            continue  # "our Kyle": family, said the Northern way; the name decides alone
        found.append((match.start(), words[-1].end(), match.start(), words[-1].end()))
    return found


def self_description_spans(text: str) -> list[tuple[int, int, int, int]]:
    """The clauses of ``text`` by which a reader could work out who the writer is, each as
    (start, end, cue start, cue end): the cue is what points to the writer ("I took", "my
    tutor group"); the rest of the clause may hold what the subjects did."""
    singled_out = (
        _singled_out_spans(text)
        + _introduced_spans(text)
        + _our_spans(text)
        + _my_work_things(text)
    )
    if _FIRST_PERSON_WORD.search(text) is None:
        return singled_out
    found: list[tuple[int, int, int, int]] = list(singled_out)
    # Only a stretch with a word of the writer's in it ("I", "me", "my", "as her") can point to
    # them: the others are passed over unread.
    piece_end = 0
    for cue_word in _WRITERS_WORD.finditer(text):
        if cue_word.start() < piece_end:
            continue
        # The stretch between breaks around the writer's word (looked for nearby only).
        position = max(piece_end, cue_word.start() - _LOOK_BACK)
        for before in _HARD_BREAK.finditer(text, position, cue_word.start()):
            position = before.end()
        after = _HARD_BREAK.search(text, cue_word.end())
        end = piece_end = after.start() if after is not None else len(text)
        if after is not None:
            piece_end = after.end()
        if end > position:
            first_person = False
            for clause_start, clause in _clauses(text[position:end], position):
                subject = _SUBJECT.match(clause)
                if subject is not None:
                    first_person = True
                elif _opens_with_subject(clause):
                    first_person = False
                run_on = len(clause.split()) > _RUN_ON_WORDS
                if run_on:
                    words = list(_WORD.finditer(clause))
                    if len(words) > _RUN_ON_WORDS:
                        clause = clause[: words[_OPENING_WORDS - 1].end()]
                cue = _cue(clause, subject, first_person)
                if run_on:
                    first_person = False
                if cue is None:
                    continue
                cue_start, cue_end, whole = cue
                span_start, span_end = (0, len(clause)) if whole else (cue_start, cue_end)
                start, stop = _trimmed(text, clause_start + span_start, clause_start + span_end)
                if stop > start:
                    found.append(
                        (start, stop, max(start, clause_start + cue_start), clause_start + cue_end)
                    )
    return found


def _clauses(piece: str, offset: int) -> list[tuple[int, str]]:
    """The clauses of a stretch between breaks, each with where it starts; a joining word
    ("and") is left out, a subordinating one ("when") kept with its clause."""
    cuts = [m.start() for m in _SPLIT.finditer(piece)] + [len(piece)]
    out: list[tuple[int, str]] = []
    previous = 0
    carried: int | None = None
    for cut in cuts:
        if cut <= previous:
            continue
        part = piece[previous:cut]
        stripped = part.lstrip()
        lead = len(part) - len(stripped)
        join = _LEADING_JOIN.match(stripped)
        if join:
            lead += join.end()
            stripped = stripped[join.end() :]
        if stripped.rstrip().lower() in _SUBORDINATE_WORDS or stripped.rstrip() in ("", ","):
            # "when" alone before "i took ...": it opens the clause that follows.
            if stripped.strip() and carried is None:
                carried = offset + previous + lead
            previous = cut
            continue
        start = offset + previous + lead if carried is None else carried
        out.append((start, piece[start - offset : cut].rstrip()))
        carried = None
        previous = cut
    return out


def _opens_with_subject(clause: str) -> bool:
    """The clause names its own subject: it opens with a pronoun, a determiner, a number or a
    capital, not with a verb ("go in every morning" takes the subject before it)."""
    words = _WORD.findall(clause[:40])
    if not words:
        return True
    first = words[0]
    if first.lower() in _SUBORDINATE_WORDS and len(words) > 1:
        first = words[1]
    return first[:1].isupper() or first[:1].isdigit() or first.lower() in _OPENS_WITH_SUBJECT


def _cue(clause: str, subject: re.Match | None, first_person: bool) -> tuple[int, int, bool] | None:
    """Where in ``clause`` the writer is pointed to, and whether the whole clause goes with it
    (a phrase like "in my tutor group" goes alone)."""
    if match := _EXCLUSIVE.search(clause):
        return match.start(), match.end(), True
    if match := _AS_POSITION.match(clause):
        return match.start(), match.end(), True
    return (_first_person_cue(clause, subject) if first_person else None) or _work_thing(clause)


def _work_thing(clause: str) -> tuple[int, int, bool] | None:
    for match in _MY_WORK_THING.finditer(clause):
        if not _MY_PRIVATE.match(clause, match.start("my")):
            return match.start(), match.end(), False
    if match := _WITH_US.search(clause):
        return match.start(), match.end(), False
    if (match := _IN_LANGUAGE.search(clause)) and _ME_OR_US.search(clause):
        return match.start(), match.end(), False
    return None


def _first_person_cue(clause: str, subject: re.Match | None) -> tuple[int, int, bool] | None:
    if match := _ONLY_ME.search(clause):
        return match.start(), match.end(), True
    opening = subject.start("i") if subject is not None else 0
    if subject is not None:
        rest_at = subject.end()
        for pattern in (_POSITION, _KNOWN_SINCE):
            if match := pattern.match(clause, rest_at):
                return opening, match.end(), True
        after = _AFTER_SUBJECT.match(clause, rest_at)
        verb = after["verb"] or ""
        verb_end = after.end()
    else:
        # A clause that takes the writer from the one before: "I'm Sue, been behind the bar".
        after = _AFTER_SUBJECT.match(clause)
        verb = after["verb"] or ""
        verb_end = after.end()
    verb = verb.lower().replace("\u2019", "'")
    if not verb:
        return None
    routine = _ROUTINE.search(clause) or _TENURE.search(clause)
    if _WORK_VERBS.match(verb):
        if verb not in _NEEDS_MORE:
            return opening, verb_end, True
        if more := _MORE.search(clause):
            return opening, max(verb_end, more.end()), True
        return (opening, verb_end, True) if routine else None
    if verb in _REPORTING or not routine:
        return None
    # Any other verb of the writer's: theirs by routine or by how long ("I drive the 7.40 out
    # of the depot every day", "I've run the troop for six years").
    return opening, verb_end, True


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return start, end
