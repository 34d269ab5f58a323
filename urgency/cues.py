"""A second reading of each sentence: cues of danger scored together, over word stems.

The rules in `urgency.patterns` name phrases; a writer who never read them words the same danger
in other ways ("I'll glass his ex", "he's strapped rn", "a belt round his neck", "has gone from his
tent"). This reading reduces every word to its stem ("stabbing", "stabbed", "stabs" -> "stab";
"strapped" -> "strap"), so one cue covers its inflections, and scores a sentence by the kinds of
cue it holds rather than by whole phrases:

- a harm verb aimed at a person, after a word of intent ("going to", "will", "threatened to"), is
  a threat to life, and to oneself ("himself") self-harm;
- an outcome that ends a life ("won't be breathing by morning", "a pillow over her face"), a
  ligature, a farewell, a lethal place;
- someone absent now: an absence cue ("gone since", "left an hour ago", "isn't anywhere") with a
  recent time, or two absence cues;
- and a time that is now ("rn", "20 minutes ago", "before midnight").

Each cue counts only where the sentence does not negate it, place it in the past, make it
hypothetical or fictional: the detector passes only sentences it has not already closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_IRREGULAR = {
    "shot": "shoot",
    "knives": "knife",
    "left": "leave",
    "gone": "gone",  # "has gone" is absent; "is going" is not
    "went": "go",
    "took": "take",
    "taken": "take",
    "got": "get",
    "ran": "run",
    "seen": "see",
    "saw": "see",
    "died": "die",
    "dies": "die",
    "dying": "die",
    "hung": "hang",
    "threw": "throw",
    "thrown": "throw",
    "drove": "drive",
    "driven": "drive",
    "beaten": "beat",
    "held": "hold",
    "bled": "bleed",
    "found": "find",
    "heard": "hear",
    "said": "say",
    "says": "say",
    "told": "tell",
    "came": "come",
    "going": "go",
    "was": "was",
    "has": "has",
    "is": "is",
    "does": "do",
    "this": "this",
    "his": "his",
    "us": "us",
    "bus": "bus",
    "news": "news",
    "strapped": "strapped",  # armed, not "strap" (a bag's)
    "needs": "need",
    "lying": "lie",
    "lay": "lie",
    "tied": "tie",
    "children": "child",
    "men": "man",
    "women": "woman",
}
_DOUBLED = set("bdgmnprt")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A word without its inflection: enough to match "stabbing", "stabbed" and "stabs" as one."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    base = word
    for suffix in ("ing", "ed", "es", "s"):
        if not word.endswith(suffix) or len(word) - len(suffix) < 3:
            continue
        base = word[: -len(suffix)]
        if suffix == "es" and not base.endswith(("sh", "ch", "x", "ss", "z")):
            base = word[:-1]
        if suffix == "s" and base[-1] in "siu":
            base = word
            break
        if suffix == "ed" and base[-1] == "e":  # "bleed", "need", "freed": no "-ed" to take off
            base = word
            break
        if len(base) >= 3 and base[-1] == base[-2] and base[-1] in _DOUBLED:
            base = base[:-1]
        break
    return base


@dataclass(frozen=True)
class StemText:
    """A sentence's canonical words as stems; `spans[i]` is canonical word i's characters."""

    text: str
    starts: tuple[int, ...]  # where stem word i starts in `text`
    spans: tuple[tuple[int, int], ...]

    def canonical_span(self, start: int, end: int) -> tuple[int, int]:
        first = last = 0
        for number, position in enumerate(self.starts):
            if position <= start:
                first = number
            if position < end:
                last = number
        return self.spans[first][0], self.spans[last][1]


def stem_text(canonical: str) -> StemText:
    stems: list[str] = []
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    position = 0
    cursor = 0
    for word in canonical.split(" "):
        if word:
            stems.append(stem(word))
            starts.append(cursor)
            spans.append((position, position + len(word)))
            cursor += len(stems[-1]) + 1
        position += len(word) + 1
    return StemText(" ".join(stems), tuple(starts), tuple(spans))


def _w(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


# Patterns below are written over stems: "stab" matches stab, stabs, stabbed and stabbing.
_GAP = r"(?:[^\s.,]+ )"
# Who a harm is aimed at: a pronoun, a relation or a role ("his ex", "the baby", "everyone").
_RELATION = _w(
    "ex",
    "wife",
    "husband",
    "partner",
    "girlfriend",
    "boyfriend",
    "missu",
    "mum",
    "mom",
    "dad",
    "mother",
    "father",
    "brother",
    "sister",
    "son",
    "daughter",
    "baby",
    "child",
    "kid",
    "twin",
    "neighbour",
    "teacher",
    "cousin",
    "stepdad",
    "stepfather",
    "stepmum",
    "uncle",
    "aunt",
    "nan",
    "gran",
    "family",
    "mate",
    "friend",
    "boss",
    "manager",
    "landlord",
    "class",
    "colleague",
    "carer",
    "lad",
    "staff",
    "worker",
    "officer",
    "nurse",
    "customer",
    "resident",
    "pupil",
    "people",
    "boy",
    "girl",
    "bloke",
    "guy",
)
# "her" is a person only where no noun follows it: "finish her" but not "finish her coursework".
_OBJECT_END = (
    r"(?=$| ,| (?:right|rn|to|home|out|away|back|in|into|off|for|with|round|up|down|now|"
    r"tonight|today|tomorrow|if|when|and|or|before|after|again|later|at|on|by|unless|until|so|because|over|"
    r"properly|good|too|first|there|here|face|throat|neck|\d+\w*)(?!\S))"
)
TARGET = _w(
    "him",
    rf"her{_OBJECT_END}",
    "them",
    "you",
    "ya",
    "u",
    "me",
    "us",
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "someone",
    "somebody",
    "whoever",
    rf"(?:his|her|their|my|your|the|that|this|our) (?:\w+ )?{_RELATION}",
    r"(?:mr|mrs|ms|miss) \w+",
    # Everyone at once: "going to get rid of all of them".
    r"all of (?:us|them|you|the \w+)",
    r"(?:them|us|you) all",
    r"the (?:whole )?lot of (?:us|them|you)",
)
SELF_TARGET = _w("himself", "herself", "themselves", "themself", "myself", "yourself")
# Harm that can end a life. "hurt" and "hit" are left to the rules: too many everyday senses.
HARM_VERB = _w(
    "kill",
    "murder",
    "stab",
    "shoot",
    "cut",
    "glass",
    "bottle?",
    "slash",
    "strangle?",
    "smother",
    "suffocate?",
    "choke?",
    "drown",
    "burn",
    "torch",
    "batter",
    "throttle?",
    "shank",
    "carve",
    "merk",
    "murk",
    "jook",
    "juk",
    "duppy",
    "knife?",
    "chef",
    "dip",
    "wet",
    "petrol",
    "acid",
    "set fire to",
    "run over",
    "end",
    "finish",
    r"get rid of",
    r"put (?:a |the )?pillow over",
    r"take (?:out)",
    r"do",
)
INTENT = _w(
    "will",
    r"go to",
    "gonna",
    r"want to",
    r"plan to",
    r"about to",
    r"threaten to",
    r"promise? to",
    r"swear to",
    r"vow to",
    r"intend to",
    r"mean to",
    r"ready to",
    r"is to",
    r"need to",
    r"get to",
    r"come (?:in |round |over |back )?and",
    r"try to",
    r"if \w+ (?:\w+ ){0,4}\w+ (?:i|he|she|they|we) will",
)
_NEGATED_GAP = r"(?:(?!(?:not|never|no|nobody|nothing|if) )[^\s.,]+ )"
THREAT = _compile(rf"{INTENT} {_NEGATED_GAP}{{0,3}}{HARM_VERB} {_GAP}{{0,1}}?{TARGET}")
SELF_THREAT = _compile(rf"{INTENT} {_NEGATED_GAP}{{0,3}}{HARM_VERB} {SELF_TARGET}")
# An outcome that ends a life, said of someone ("won't be breathing by morning").
LETHAL = _compile(
    _w(
        r"(?:will not|not|never|stop|stopp) (?:be )?breath\w*",
        r"(?:will not|never) wake up",
        # "She won't see the morning": a life ended by a time.
        r"(?:will not|not|never) (?:see|make it to|live to see|last (?:the|till|until)) (?:the )?"
        r"(?:morn|tomorrow|night|weekend|christmas|new year|(?:his|her|their) birthday)",
        r"pillow over (?:his|her|their|the \w+) face",
        rf"take? (?:every\w*|all of (?:us|them)|them all) {_GAP}{{0,4}}with (?:him|her|them|me)",
        r"get rid of (?:it|the baby|the child|the kid)",
        r"end it for (?:both|all|the \w+|\w+ and \w+) ",
        r"(?:burn|set fire to|torch) (?:him|her|them|it|the house|the flat)",
        r"(?:tie|tied) (?:him|her|them) up",
        r"be with (?:their|his|her|my|our) \w+ in heaven",
        r"(?:put|turn|has|have|had|got) (?:the )?gas on",
        r"(?:smell|smelt) (?:of )?gas",
        r"(?:send|return) (?:him|her|them) back in (?:bits|piece|a box|a bag)",
        r"do (?:them|him|her|you) (?:all|in|proper)(?= ,|$| \w)",
        # "make sure she and the baby don't come out alive".
        r"(?:not|never) (?:come out|get out|make it|walk out|leave|be found|live) "
        r"(?:of (?:there|it|here) )?alive",
        # A child who swallowed what can kill: "her toddler drank from a bottle of methadone".
        r"(?:toddler|baby|child|kid|son|daughter|boy|girl) (?:\w+ ){0,2}(?:drank|drink|swallow|ate|"
        r"eat|get into|take|took) (?:\w+ ){0,4}(?:methadone|bleach|pill|tablet|medication|med|drug|"
        r"vodka|alcohol|antifreeze|weedkiller|cannabis|heroin|cocaine|ketamine|batter(?:y|ie))",
        r"not (?:mov|breath|respond)(?! house| to| on| away| out| in| forward| back)",
        r"(?:will|go to|gonna) be (?:dealt with|sort out|taken care of)",
    )
)
WEAPON = _compile(
    _w(
        r"strapped",
        r"(?:bring|carry|got|has|have) (?:the|a|his|my|their) (?:ting|skeng|bora|nank|shank|strap)",
        r"broken (?:bottle?|glass)",
        # Slang carried to someone: "waiting outside the college for him with a ting".
        r"(?:with|bring|carry|got|has|have) (?:a|the|his|my|their|them) "
        r"(?:ting|skeng|bora|nank|shank|strap|wap|ching|bucky|dotty)",
        # A thing kept out of sight, or made ready: "something heavy wrapped in a sock",
        # "took something long out of the boot", "been sharpening things in the shed".
        r"someth (?:\w+ ){0,2}(?:long|heavy|sharp|metal|metallic)",
        r"sharpen (?:thing|someth|stuff|it|them|a|the|his|her|their)",
        # Fetched in the middle of it: "gone to his boot and come back with a golf club".
        r"(?:come|came) back (?:out )?with (?:a|an|the|his|her|their) (?:\w+ )?(?:club|bat|bar|"
        r"stick|pole|iron|hammer|knife|poker|chain|spade|shovel|tool|wrench|spanner|crowbar|axe)",
        rf"with (?:a |an |the )?{_GAP}?"
        r"(?:bottle?|iron|brick|bar|pole|plank|crowbar|chain|stick|syringe|needl)",
        r"petrol (?:can|in a can)|(?:litre|liter) of petrol|petrol in a can",
    )
)
# Anything held up at a person is a weapon: "waving a poker at his father", "swinging a chair at
# staff". Hands, flags and papers are not.
BRANDISHED = _compile(
    rf"(?:wav|wave|brandish|swing|point|jab|thrust|raise|lift) (?:a|an|the|his|her|their) "
    rf"(?!(?:hand|arm|finger|flag|phone|sign|banner|placard|paper|letter|camera|scarf|hat|"
    rf"torch|card|ticket|form|badge|pass|drink|pint|glass of|bottle of)s?(?!\S))"
    rf"(?:\w+ ){{1,2}}(?:at|toward|towards|in the face of) "
    rf"(?:{TARGET}|staff|people|customer|pupil|kid|child|passer\w*)"
)
# A gun or blade said to be harmless by what it is made of.
HARMLESS_WEAPON = _compile(
    _w(
        r"(?:wooden|toy|plastic|foam|rubber|cardboard|nerf|water|bb|pellet|chocolate|inflatable|"
        r"pretend|fake|replica|imitation|cap) (?:gun|sword|knife?|rifle?|pistol|blade|axe)",
    )
)
LIGATURE = _compile(
    _w(
        r"(?:belt|rope|cord|scarf|ligature?|tie|wire|cable?|lead|sheet|flex) (?:round|around) "
        r"(?:his|her|their|my) neck",
        "noose",
        r"engine (?:is |was )?run",
        r"hose (?:\w+ ){0,4}exhaust",
        r"exhaust (?:\w+ ){0,4}(?:hose|pipe|window)",
        r"drive (?:\w+ ){0,3}(?:car|van) into (?:a|the) (?:wall|tree|river|lorry|sea|bridge)",
        r"lock (?:himself |herself |themselves )?in (?:the|a) (?:garage?|car)",
    )
)
FAREWELL = _compile(
    _w(
        r"(?:say|tell \w+) sorry (?:to|for everyth)",
        r"sorry for everyth",
        r"tell (?:my|his|her|their) \w+ (?:that )?(?:i|he|she|they) love",
        r"where it end",
        r"made (?:my|his|her|their) (?:final )?decision",
        r"thank\w* (?:you )?for (?:try|all you (?:have|did))",
        r"waste of space",
        r"(?:won't|will not) bother (?:anyone|anybody|you|people) (?:any ?more|again)",
        r"(?:go|gone) to be with",
        r"no point (?:wake?|live?|go on|keep go|no more|any ?more)",
        r"no reason to (?:keep go|go on|live?|be here|wake?)",
        r"finish thing",
        r"(?:left|leave?|written|wrote) (?:a )?(?:note|letter) (?:for|to)",
        r"will not (?:need it|be around|be here)",
        rf"(?:how many|how much) {_GAP}{{0,5}}(?:would|will|to) kill (?:her|him|them|me)",
    )
)
LETHAL_PLACE = _compile(
    _w(
        r"beachy head",
        r"cliff",
        r"(?:motorway |railway )?bridge?",
        r"ledge?",
        r"railway (?:line?|track)",
        r"multi ?storey",
        r"top of (?:the|a) (?:\w+ ){0,2}(?:tower|build|car park|block|flat|bridge|cliff)",
    )
)
# The person is not where they should be.
ABSENCE = _compile(
    _w(
        r"(?:has|have|is|are|had) gone"
        r"(?! to| for| through| into| back| well| in| on| up| down| off| quiet| silent| dark| cold|"
        r" wrong| mad| red| pale| blue| white| missing| home| through)",
        r"gone (?:from|since|out of)",
        r"not anywhere",
        r"or anywhere",
        r"(?:do|does|did) not know (?:his|her|their) (?:own )?(?:name|address|way home)",
        r"(?:do|does|did) not know where (?:he|she|they) (?:live|is|are|come from)",
        r"hospital wristband",
        r"(?:been|was|were|get|got) taken by",
        r"cry\w* for (?:his|her|their) (?:dad|mum|mummy|daddy|parent|mother|father)",
        r"(?:run|ran|abscond|walk|walked) (?:off |away |out )?(?:from|of) (?:her|his|their|the) "
        r"(?:foster|placement|care|unit|home|children|hospital|ward|hostel|refuge)",
        # Not where they should be this hour: "not in class after lunch", "not in bed".
        r"(?:not|never) (?:in|at) (?:class|bed|lesson|registration)(?! with)",
        r"(?:not|never) (?:in|at) (?:his|her|their|the) (?:room|bed|home|flat|house|tent|seat|"
        r"class|unit|ward|placement|cell|cabin)(?! with)",
        # Someone living alone not up and about: "hasn't opened her door since yesterday".
        r"(?:not|never) (?:open|answer|pull|collect|take in|drawn?) (?:her|his|their|the) "
        r"(?:door|curtain|cord|post|milk|phone)",
        r"nowher",
        r"(?:room|bed|tent|flat|cell) (?:is |was )?empty",
        r"(?:went|go|climb|get) out (?:of )?(?:the|her|his|a) window",
        r"leave? (?:\d+|an?|one|two|about|around) (?:min\w*|hour|hr)",
        r"(?:has|have|had) leave?(?! (?:school|work|the job|her job|his job))",
        r"(?:not|never) (?:arrive?|turn up|come home|got home|been home|return)",
        r"did not (?:arrive?|turn up|come home|come back|return)",
        r"(?:not|no) (?:answer|pick up|reply)\w* (?:on |from |at )?(?:(?:the|his|her|their) )?"
        r"(?:phone|call|message?|text)",
        r"(?:can not|could not|unable to|can not) (?:reach|find|contact|get hold of)",
        r"(?:lose|losing|lost) (?:sight|track|contact) of",
        r"los (?:him|her|them) (?:from view|in the crowd)",
        r"(?:not|no longer) (?:online|in|at home|here)(?= ,|$| now| since)",
        r"(?:car|van|bike) is (?:go|gone|missing)",
        r"search",
        # Put in a car by force: "two older men who got her in a car".
        r"(?:get|got|bundle?|drag|pull|push|force) (?:him|her|them) (?:in|into) "
        r"(?:a|the|his|their) (?:car|van)",
        r"take? (?:him|her|them) away",
        r"(?:phone|mobile?) (?:is |was )?(?:off|dead|switch off|go to voicemail)",
        r"last seen",
        r"(?:leave|left|gone|go off) (?:\w+ ){0,8}with (?:a|an|some|two|three) (?:\w+ )?"
        r"(?:stranger|man|woman|men|teenager|lad|girl|person|people|boy) "
        r"(?:he|she|they|we|i|nobody|no one) (?:did not |does not |do not |never )?(?:know|knew)",
    )
)
# The person is here after all, or ran from danger to safety ("she's hiding in the back room").
PRESENT = _compile(
    _w(
        r"(?:is|are) (?:here|with (?:us|me|staff))",
        r"with (?:us|me) now",
        r"hid\w* (?:in|with|behind)",
        r"(?:run|ran) (?:off |out |away )?from (?:a|the|this|that|two|some) (?:man|men|car|van|"
        r"group|lad|boy)",
        r"(?:run|ran) (?:off |out |away )?from (?:him|them)",
        r"(?:run|ran) (?:off |out |away )?screaming",
        r"(?:sit|sat|wait|stay) (?:in|with) (?:our|the|my)",
        r"(?:he|she|they) (?:is|are) (?:in|at) (?:the|our|my) ",
        r"in (?:the|our) (?:shop|waiting room|office|back room)",
        r"(?:find|found) (?:him|her|them)",
        r"but (?:he|she|they) (?:was|were|is|are) (?:at|with|in|safe|fine)",
        r"met (?:his|her|their) \w+ at",
    )
)
# Someone held or shut in now: the present or perfect tense is itself the time.
HELD = _compile(
    _w(
        r"(?:will not|not|never) (?:\w+ and )?let (?:her|him|them|me|us) (?:leave|go|out|get out)",
        r"(?:has|have|is|are) lock (?:her|him|them|me|us|\w+) (?:in|up|inside)",
        r"(?:has|have|is|are) (?:been )?keep (?:her|him|them|me|us) (?:in|at|locked|prisoner)",
        r"(?:is|are|being) hold (?:her|him|them|me|us)? ?(?:against|hostage|captive|prisoner)",
        r"(?:is|are|been) hold (?:his|her|their|my) (?:\w+ ){0,2}(?:son|daughter|child|kid|boy|"
        r"girl|brother|sister|wife|partner) (?:in|at|until)",
        r"until (?:he|she|they|you|i|we) (?:pay|hand over)",
        r"still in the (?:house|flat|room|car|van|building) with (?:her|him|them|me|us)",
        r"(?:nobody|no one|nobody else) (?:is|are) (?:leave?|get out|go anywhere)",
        r"barricad (?:himself |herself |themselves )?(?:and )?(?:the kid|the child|her|him|"
        r"them|his \w+|her \w+) in",
        r"tie (?:him|her|them|up )?(?:to|up to) (?:a|the) (?:chair|bed|radiator|pipe)",
        # A baby or small child left where nobody minds them.
        r"(?:baby|toddler|infant) (?:\w+ ){0,5}(?:on the (?:pavement|street|road|doorstep)|on "
        r"(?:its|his|her) own|left alone|abandon)",
        r"(?:has|have) (?:taken|take) (?:her|his|their|my) (?:phone|keys|passport)",
        r"(?:picture|photo|video) of (?:her|his|their) (?:front )?(?:door|house|home|car|window)",
        # Someone shut in and silent: "his door's locked from inside and there's no answer".
        r"lock (?:from|on) (?:the )?inside",
        r"no (?:answer|reply|response) (?:at|from) (?:the|his|her|their) (?:door|room|flat)",
    )
)
# Harm being done or about to be done to someone, told plainly: weak on its own (a history of
# it is everyday in this form), a danger with any sign that it is going on now (a time, "still",
# "outside", "refusing to leave", a when-answer that says today). Written by kind of act, not
# from any one text: taking someone by force, holding them, hurting their body, drugging them,
# cutting a girl, a violent person arrived and not leaving.
ACT = _compile(
    _w(
        # Taken or held by force.
        r"(?:snatch|grab|drag|bundle|abduct|kidnap|lure|haul)",
        r"(?:throw|push|pull|force|shove|bundle|put|get) (?:him|her|them|the (?:\w+ )?(?:boy|girl|"
        r"child|kid|baby|lad)) (?:in|into|in the back of) (?:a|the|his|their|her) (?:car|van|boot)",
        r"(?:in|into) (?:a|the|his|their) (?:car )?boot(?! sale)",
        r"boot of (?:a|the|his|their)",
        r"(?:tie|gag|chain|handcuff) (?:him|her|them)(?: up)?",
        r"by (?:the|his|her) hair",
        r"(?:take|get|drive) (?:him|her|them) (?:away|off|out) (?:to|in) (?:his|a|the|their) "
        r"(?:car|van)",
        r"(?:try|keep try) to (?:take|get|drag|pull|lure|grab) (?:him|her|them)",
        # Hurt in the body.
        r"bleed",
        r"blood(?:y|ied)? (?:nose|lip|face|mouth)",
        r"(?:broke|broken|break|snap) (?:his|her|their|my) (?:\w+ )?(?:rib|arm|leg|nose|"
        r"jaw|wrist|finger|collarbone|cheekbone|tooth|teeth|skull)",
        r"black eye",
        r"(?:punch|kick|slap|headbutt|stamp on|strangle?|throttle?|choke?|batter) "
        r"(?:him|her|them|me|us|the (?:\w+ )?(?:boy|girl|child|kid|baby|lad|woman|man))",
        r"(?:hurt|beat|hit|burn|scald) (?:him|her|them|me|us)(?! ,| feelings)",
        r"pin (?:him|her|them|me) (?:down|against|to)",
        r"(?:hand|hands|arm) round (?:her|his) neck",
        # Drugged or out of it.
        r"(?:something|someth|stuff|powder|pill) in (?:her|his|their|my) drink",
        r"spike",
        r"drug (?:him|her|them)",
        r"collapse",
        r"unconscious",
        r"out of it",
        r"can not stand",
        r"pass out",
        # Cut or married off against their will (female genital mutilation, forced marriage).
        r"(?:get|be|been|being|have her|having her) cut(?! (?:off|out|short|down|back|from))",
        r"fgm",
        r"circumcis\w*",
        r"(?:force|make|made) (?:her |him |them )?(?:to )?marry",
        r"(?:married off|forced marriage)",
        r"(?:taken|take|sent|send) (?:her |him )?abroad",
        # A violent person has come and will not go.
        r"refus (?:to )?(?:leave|go|let)",
        r"(?:will not|won't) (?:leave|go away)",
        r"(?:turn|show) up (?:at|on|outside) (?:the|her|his|their|our|my)",
        r"(?:shout|scream|bang|kick|hammer|pound)\w* (?:at|on|outside) (?:the|her|his|their|our|"
        r"my) (?:door|window|house|flat|ward|school|gate)",
        r"(?:try|keep try) to (?:get|break|force) (?:in|into)",
        r"(?:photo|picture|video) of (?:her|his|their|my) (?:own )?(?:front )?(?:door|house|home|"
        r"flat|car|kid|child|school)",
        r"non mol\w*",
        r"groom",
        r"(?:get|got) (?:in|into) (?:a|the|his|their) (?:\w+ ){0,2}(?:car|van|taxi|cab|minicab|"
        r"lorry|truck) (?:\w+ ){0,5}?with "
        r"(?:\w+ ){0,3}(?:man|men|"
        r"male|adult|stranger)",
        r"smash (?:the|a|her|his|their|our) (?:window|door|windscreen|place|flat|room|car)",
        # Things thrown at people or where people are: "throwing bricks at a car with a baby in".
        r"(?:throw|lob|hurl|pelt|chuck) (?:\w+ ){0,2}(?:brick|stone|rock|bottle|glass|firework|"
        r"missile|slab|paving)s? (?:at|into|through) (?:a |the |his |her |their |our |my |some )?"
        r"(?:park |pass )?(?:him|her|them|us|me|people|someone|car|bus|house|home|flat|"
        r"window|door|staff|kid|child|pupil|woman|man|girl|boy|police|officer|driver|family)",
    )
)
NOW = _compile(
    _w(
        "now",
        r"right now",
        "rn",
        r"just",
        r"(?:\d+|a few|few|an?|one|two|three|five|ten|twenty|thirty|about \d+|half an?) "
        r"(?:min\w*|hour|hr|hrs) ago",
        r"(?:last|within the last|in the last|within) (?:\d+|few|a few|half an?) "
        r"(?:min\w*|hour|hr)",
        r"tonight",
        r"today",
        r"this (?:morn|afternoon|even)",
        r"(?:by|before|until|till) (?:morn|tonight|midnight|tomorrow)",
        r"at midnight",
        r"at the moment",
        r"current\w*",
        r"still",
        r"ongo",
        r"live",
        r"as we speak",
        r"since (?:\d+\w*|about \d+\w*|this morn|last night|yesterday)",
        r"\d+ ?(?:pm|am)",
    )
)


@dataclass(frozen=True)
class Cue:
    kind: str  # "threat", "self_threat", "lethal", "weapon", "ligature", "farewell", "place",
    # "absence", "present", "harmless", "now"
    start: int  # canonical characters in the sentence
    end: int


# Cues of danger, read first; the context cues after them only where one was found.
_DANGER_CUES = (
    ("threat", THREAT),
    ("self_threat", SELF_THREAT),
    ("lethal", LETHAL),
    ("weapon", WEAPON),
    ("ligature", LIGATURE),
    ("farewell", FAREWELL),
    ("place", LETHAL_PLACE),
    ("absence", ABSENCE),
    ("held", HELD),
    ("act", ACT),
    ("harmless", HARMLESS_WEAPON),  # read with the rules' weapons too
    ("brandished", BRANDISHED),
)
_CONTEXT_CUES = (("present", PRESENT), ("now", NOW))


def sentence_cues(canonical: str) -> tuple[Cue, ...]:
    """Every cue in one sentence's canonical text, with its characters there; none without a
    cue of danger."""
    stems = stem_text(canonical)
    found: list[Cue] = []
    for cues in (_DANGER_CUES, _CONTEXT_CUES):
        for kind, pattern in cues:
            for match in pattern.finditer(stems.text):
                start, end = stems.canonical_span(match.start(), match.end())
                found.append(Cue(kind, start, end))
        if not found:
            break
    return tuple(found)
