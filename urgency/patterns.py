"""The wording the detector looks for, as regular expressions over the canonical text.

The canonical text (see `urgency.text`) is lower case with one space between words, "." between
sentences and "," between clauses, so a pattern's word gap never needs to allow for punctuation.
Each group below says what it is for; the detector decides what a match means in its context.
"""

from __future__ import annotations

import re


def words(*alternatives: str) -> str:
    """Alternatives as one group of whole words."""
    return r"(?:" + "|".join(alternatives) + r")"


def gap(most: int) -> str:
    """Up to `most` words, none of them punctuation."""
    return rf"(?:[^\s.,]+ ){{0,{most}}}"


def gap_unnegated(most: int) -> str:
    """Up to `most` words, none of them punctuation or a negation ("would never hurt")."""
    return rf"(?:(?!(?:not|never|no|nobody|nothing) )[^\s.,]+ ){{0,{most}}}"


# An ordinary ordeal people say they will "die" in: an exam, a match, this heat.
EVERYDAY_ORDEAL = (
    r"(?:this|the|that|my|her|his|our|their|tomorrow|today|monday|tuesday|wednesday|thursday|"
    r"friday) (?:\w+ ){0,2}(?:exam|exams|test|mock|mocks|gcse|gcses|lesson|class|match|game|"
    r"meeting|interview|presentation|assembly|race|performance|audition|heat|queue|traffic|shoes)"
)


def compile_words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\S)(?:{pattern})(?!\S)")


# The word lists are packed by hand, several to a line, so they read as lists.
# fmt: off
PERSON = words(
    "him", "her", "them", "you", "me", "us", "someone", "somebody", "anyone", "everyone",
    "everybody", "people", "his", "their", "your", "my", "the", "a", "that", "this", "those",
)
SELF = words(
    "myself", "himself", "herself", "themselves", "themself", "yourself", "self",
)
INTENT = words(
    "going to", "will", "would", "want to", "wants to", "wanted to", "plan to", "plans to",
    "planning to", "planned to", "about to", "intend to", "intends to", "intending to",
    "on (?:his|her|their|my) way to", "told to", "tell (?:him|her|them) to",
    "telling (?:him|her|them) to", "threatened to", "threatening to", "threatens to", "threaten to",
    "ready to", "promised to", "swore to", "vowed to", "trying to", "tried to", "has to",
    "needs to", "is to", "are to", "got to", "gonna", "to",
    # Going somewhere in order to do it: "go round and", "come over and".
    r"(?:go|goes|going|come|comes|coming) (?:round |over |back |up )?and",
)
TIME_NOW = compile_words(
    words(
        "tonight", "tonights", "right now", "now", "at the moment", "currently", "as we speak",
        "just now", "today", "todays",
        r"since (?:yesterday|last night|this morning)", "this morning", "this afternoon",
        "this evening",
        "this weekend", "tomorrow", "earlier today", "later today", r"soon(?! after)",
        r"still in(?! (?:prison|custody|jail|hospital|care|recovery|touch|school|college|contact))",
        "imminent",
        "imminently", "immediately", "at present", "presently", "happening now",
        # Word just came from the person: "has just rung", "just msgd me".
        r"just (?:rang|rung|called|phoned|texted|messaged|msgd|left|sent|told)",
        "this (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        r"(?:in|within) (?:an|a|the next|a few|a couple of|\d+|one|two|ten|twenty|thirty) "
        r"(?:minutes?|mins?|hours?|hrs?)",
        r"(?:\d+|an|a|a few|few|a couple of|one|two|three|five|ten|twenty|thirty|forty) "
        r"(?:minutes?|mins?|hours?|hrs?) ago",
        r"on (?:his|her|their|my) way",
        r"when (?:he|she|they|i) (?:gets?|goes) (?:home|off|out|back)",
        r"at \d+(?: ?pm| ?am)? tonight", r"\d+ ?pm",
        # Going on now for a while: "been 15 min", "has been sitting here for two hours".
        r"been (?:\w+ing )?(?:here |there |out )?(?:for )?(?:\d+|a few|about \d+|over \d+|"
        r"at least \d+|an|one|two|three) (?:minutes?|mins?|hours?|hrs?|days?)(?! ago)",
        r"\d{1,2}[.:]\d\d ?pm",
    )
)

# "On Friday" is soon only in a sentence that looks ahead; "on Friday he was in a fight" is over.
WEEKDAY = compile_words(r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
LOOKS_AHEAD = compile_words(
    words(
        "will", "going to", r"plans? to", "planning", "planned", "arranged", r"intends? to",
        "about to", r"(?:is|are|am) \w+ing", "shall",
    )
)
_MONTH = words(
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)
# A day and month ("on 8 September"): over unless the sentence looks ahead. "2" reads as "to".
DATED = re.compile(
    rf"(?:^|(?<=on )|(?<=the )|(?<=since )|(?<=from ))(?:\d{{1,2}}|to|for)(?:st|nd|rd|th)? "
    rf"(?:of )?{_MONTH}(?!\S)|(?<!\S){_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?!\S)"
)
# The record clears a weapon it named: a toy after all, nothing found, no concern of violence.
WEAPON_CLEARED = compile_words(
    words(
        r"no (?:\w+ ){0,2}(?:concerns?|suggestion|evidence|indication|sign) "
        r"(?:(?:about|of|for|that) )?(?:\w+ ){0,3}?"
        r"(?:violen\w*|weapons?|threat\w*|harm\w*|hurt\w*|danger|intent)",
        r"no (?:threats?|weapons?|knife|knives|guns?) (?:were|was|have been|has been) "
        r"(?:made|seen|found)",
        r"not aware of any (?:\w+ )?(?:weapons?|threats?|violence)",
        r"no (?:weapons?|knife|knives|guns?) (?:was |were |has been |have been )?"
        r"(?:shown|seen|found|produced|used|mentioned)",
        r"(?:it|this|that|the \w+) (?:was|is|turned out to be) (?:clearly |only |just |actually )?"
        r"(?:a |an )?(?:plastic|toy|replica|fake|imitation|wooden|foam|rubber|cardboard|nerf|bb|"
        r"pellet)",
        r"nothing was found", r"(?:it|this|that) was (?:an|a genuine|just an) accident",
        r"(?:has|have|had|is|was) never (?:had|carried|owned|used) (?:one|any|a \w+|it|them)",
        r"did not have (?:a|any) (?:knife|weapon|gun|blade)", r"no intent",
        r"no further incidents",
    )
)
# The writer's answer to "when did it happen" is "now": "just now", "20 minutes ago", "live".
# On a form for what is not urgent, a concern told as happening now is urgent whatever its words,
# unless the answer also says it is over ("now back home", "now resolved").
WHEN_NOW = re.compile(
    r"^(?!.*(?<!\S)(?:back|home|resolved|settled|recovery|safe|fine|returned|found|over)(?!\S))"
    r".*(?<!\S)(now|right now|just now|live|happening|as we speak|in progress|"
    r"(?:\d+|a few|few|an?|ten|five|twenty|thirty|about \d+) (?:min|mins|minutes?|hours?|hrs?) ago|"
    r"(?:last|within the last|in the last) (?:\d+|few|a few|half an?) (?:min|mins|minutes?|hour))"
    r"(?!\S)"
)
# The writer's own work going on, not the danger: "in progress (our review)", "enquiries ongoing".
WRITERS_PROCESS = compile_words(
    r"(?:(?:in progress|ongoing|under ?way|continuing) (?:\w+ ){0,2}"
    r"(?:review|investigation|enquiry|enquiries|inquiry|inquiries|assessment|referral|case|"
    r"process|paperwork|report|monitoring|checks|meetings?|support|work)"
    r"|(?:review|investigation|enquiry|enquiries|inquiry|inquiries|assessment|referral|case|"
    r"process|paperwork|report|monitoring|checks|meetings?|support|work) (?:\w+ ){0,2}"
    r"(?:in progress|ongoing|under ?way|continuing))(?!\S)"
)
# Any sign of concern at all, for a record whose writer says it is happening now.
CONCERN = compile_words(
    words(
        "scared", "afraid", "frightened", "terrified", "crying", "cried", "screaming", "screamed",
        "shouting", "help", "blood", "bleeding", "hurt", "injured", "danger", "unsafe",
        r"threat\w*", r"weapons?", "knife", "knives", "blade", r"guns?", "drunk", "missing",
        "alone", "locked", "trapped", "held", "taken", "forced", "grabbed", "dragged",
        "struggling", "hiding", r"panic\w*", "unconscious", "collapsed", r"overdose\w*", "pills",
        "tablets", r"suicid\w*", r"kill\w*", "die", "dying", "dead", r"attack\w*", "hitting",
        r"beat\w*", r"abus\w*", "violent", "violence", "aggressive", r"groom\w*", "men",
        r"males?", "man", "stranger", r"abduct\w*", r"kidnap\w*", "not answering",
        "whispered", "bruises", r"fight\w*", "stabbed", "shot", "fire", "gas", "upset",
        "distressed", "begging", "pleading", "will not", "can not",
    )
)
# Someone is coming or something is happening this very moment. With any sign of risk anywhere in
# the record (a weak danger word, anger, a debt, "tools"), that is danger now.
IMMEDIATE = compile_words(
    words(
        r"on (?:his|her|their) way(?! (?:out|in|back from|home from)(?!\S))", "as we speak",
        "right now",
        r"any (?:minute|second|moment) now",
        r"(?:in|within) the next (?:\w+ )?(?:minutes?|mins?|hours?|half hour)",
        r"within (?:the|an|the next) hour",
        r"heading (?:to|over to|round to|for) (?:her|his|their|the)",
        "happening now", r"still (?:here|there) now",
    )
)
RISK = compile_words(
    words(
        "furious", "angry", "anger", "rage", "raging", r"regret (?:it|this)", r"owes?", "debt",
        "tools", r"make an example", r"teach (?:her|him|them) a lesson", "revenge", "violent",
        "violence", r"threat\w*", r"balaclavas?", "panic", r"broken? (?:her|his|their|the) \w+",
    )
)
# The weapon is out of anyone's hands: handed in, given back, confiscated.
WEAPON_DISPOSED = compile_words(
    words(
        r"handed (?:it |them )?(?:in |over )?to (?:the )?(?:police|staff|reception|security)",
        r"handed (?:it|them) in", r"(?:gave|given|put) (?:it|them) back (?:to|in) (?:the )?\w+",
        r"(?:was|were|has been|have been) confiscated",
        r"took (?:a|the|his|her) (?:\w+ )?(?:knife|blade|weapon) off (?:him|her|them|\w+)",
    )
)
# Distant or finished: the sentence tells of something over, not something about to happen.
PAST = compile_words(
    words(
        r"in (?:19|20)\d\d", r"(?:19|20)\d\d",
        r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few|a few|many|"
        r"couple of|a couple of) (?:years?|months?) ago",
        r"last (?:year|month|term|summer|spring|autumn|winter|christmas|easter|half term)",
        r"(?:\d+|a few|few|several|two|three|four|five|six|couple of|a couple of) weeks ago",
        r"since (?:january|february|march|april|may|june|july|august|september|october|"
        r"november|december)(?! \d)",
        r"over the (?:summer|christmas|easter|half term|holidays|summer holidays)",
        r"when (?:he|she|they|i) (?:was|were) "
        r"(?:\d+|young|younger|little|a child|small|in year \d+|a baby|a toddler|a teenager|"
        r"(?:four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen)(?: years old)?|"
        r"at primary|in primary)",
        r"in (?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december)",
        # "In Year 7 someone pulled a blade on him": a school year gone by, told as a time.
        r"(?:back )?in year \d+(?= (?:someone|somebody|he|she|they|a|an|his|her|their|i|we) )",
        "used to", "previously", "historic", "historical", "historically", "in the past",
        # Harm named as an earlier one: "scars from old self-harm", "a previous overdose".
        r"(?:old|previous|past|former|earlier|prior) (?:self harm\w*|self injury|suicide attempts?|"
        r"overdoses?)(?!.*(?:fresh|new|recent|bleeding|open))",
        # A deed told in the past in a school year: "she self-harmed in Year 8 and was referred".
        r"(?:\w+ed|was|were|had) (?:\w+ ){0,3}in year \d+(?= ,|$| and (?:was|were|had|then)| when)",
        "has since", "have since", "had since", "since then", "no further", "no recent",
        "dealt with", "was arrested", "were arrested", "in custody", "in prison", "convicted",
        "on bail", "resolved", "no longer", "has ended", "have ended", r"contact (?:has )?ended",
        r"(?:from|in|during) the (?:war|blitz)",
        "once when", "as a child", "years ago", "is recovering", "recovering well",
        r"last (?:week|weekend)", r"(?:a |her |his |their )?history of",
        # A pattern over weeks or months: "delivered over the past month".
        r"(?:over|during|across|throughout) the (?:past|last) (?:few |couple of |\w+ )?"
        r"(?:weeks?|months?|years?)",
    )
)
# A sentence that closes the one before it.
SETTLED = compile_words(
    words(
        "no further", "since then", "dealt with", "resolved", "no recent",
        r"separated (?:them|the)", r"sent home", r"calmed down", "has since",
        "have since", "no concerns since", "no incidents since",
        # "It was a few weeks ago." "This was over the summer holidays." "Nobody was hurt."
        r"(?:it|this|that) (?:was|happened|all happened) (?:over|during|in|back in|last|before|"
        r"(?:a few|\d+|two|three|several|some) (?:days|weeks|months|years) ago)",
        r"(?:nobody|no one) was (?:hurt|injured)", "not a threat", "no concerns there",
        # The person of concern went when challenged: "He left when approached."
        r"(?:he|she|they|the (?:man|men|woman|car|van|group)) (?:then |quickly )?(?:left|drove off|"
        r"drove away|walked off|walked away|went away|ran off) (?:as soon as |when |once )"
        r"(?:approached|challenged|spoken to|asked|seen|staff|we|i|the)",
        # Contact cut by the person at risk: "She has blocked him."
        r"(?:has|have|had|she|he|they) (?:now )?blocked (?:him|her|them|the account|his account)",
        # Marks dated: "they are from two years ago", "these date from when she was 12".
        r"(?:they|these|those|it|this|that) (?:are|were|is|was|dates?) from (?:\w+ ){0,3}"
        r"(?:ago|years?|months?|last|before|when|(?:19|20)\d\d|primary|year \d+)",
    )
)
# The person is safe or well now: this sentence and the one before it are over ("She cut her knee
# and it bled a lot. She is fine now."), not the whole record.
SAFE_NOW = compile_words(
    words(
        r"(?:is|are) (?:fine|ok|okay|alright|all right) now", "safe and well", "home safe",
        r"(?:arrived|got|got home|got back|came home|came back) (?:home |back )?safe(?:ly)?",
        r"cleaned (?:up|it up|and (?:taped|dressed|bandaged))",
        r"(?:is|are|seems?|seemed) otherwise (?:well|fine|ok|okay)",
        r"(?:both|all|everyone|everybody|they) (?:is |are |were )?(?:now )?(?:home |back )?safe",
        r"(?:he|she) (?:is|was) (?:now )?(?:home |back )?safe(?! (?:from|to|at|in|with|for)(?!\S))",
        # The writer's own all-clear: "Nothing to worry about." "No current concerns."
        "nothing to worry about", r"no current concerns?",
        # "There are no wellbeing concerns", "no safeguarding concerns about him".
        r"no (?:current |ongoing |other |further )?(?:wellbeing|welfare|mental health|safety|"
        r"safeguarding) concerns?", r"(?:he|she|they) seemed fine",
        r"(?:he|she|they) (?:was|were) fine(?! until| when| but)",
        # Treated and home with a plan made for her: "she was assessed, is home with a plan".
        r"(?:is|are|was|were|went|sent|discharged|back) (?:now )?(?:at )?home with (?:a|her|his|"
        r"their) (?:\w+ )?(?:safety |care |crisis |support )?plan",
    )
)
# A protective adult goes along or stays with the child: "mum will take her and wait", "dad is
# going with her", "staff are staying with him".
_GUARDIAN = words(
    "mum", "mom", "dad", "mother", "father", r"parents?", r"(?:foster )?carers?", r"grandparents?",
    "nan", "gran", "grandma", "grandad", "aunt", "auntie", "uncle", "staff",
    r"(?:a )?member of staff", "we", "i", r"key ?worker", r"social worker",
)
ACCOMPANIED = compile_words(
    words(
        rf"{_GUARDIAN} (?:who )?(?:will |is going to |are going to |is |are |am |has agreed to |"
        r"have agreed to |has said (?:she|he) will )?(?:go|going|come|coming|stay|staying|wait|"
        r"waiting|be) (?:along )?with (?:her|him|them)(?! (?:and|to|for) (?:the |a )?(?:man|men|"
        r"boyfriend|him|them))",
        rf"{_GUARDIAN} (?:who )?(?:will |is going to |are going to |is |are )?(?:take|taking|drive|"
        r"driving) (?:her|him|them) (?:\w+ ){0,4}and (?:wait|stay|bring (?:her|him|them) back)",
        rf"{_GUARDIAN} (?:\w+ ){{0,3}}(?:accompany|accompanying|chaperone|chaperoning)",
    )
)
# The writer says outright that nobody is in danger now: weak signs alone do not count then.
NOT_URGENT = compile_words(
    words(
        r"no immediate (?:danger|risk|threat)", r"not in (?:any )?(?:immediate )?danger",
        "not urgent", r"nothing (?:has |had )?happened", r"no (?:one|body) is in danger",
        "no danger",
        r"no incident (?:has )?(?:happened|occurred)",
    )
)
RECOVERED = compile_words(
    words(
        r"now (?:supported|under|in recovery|doing well|settled|stable|better|safe|low risk|fine)",
        "doing well", r"feels? (?:much )?better", r"feeling (?:much )?better", "safety plan",
        r"support (?:is )?in place", "under camhs", "supported by", "in recovery", "eased",
        "low risk", "is fine now", "fine now", r"has not (?:done so|self harmed|harmed)",
        "is stable", "good support", "support network",
        # The person says outright there is no plan, or what keeps them going.
        r"no (?:plans?|intentions?|intent)(?: or (?:plans?|intentions?|intent))? (?:to|of) act\w*",
        r"reasons? to live", r"glad to be alive",
        r"no (?:thoughts|plans?|intentions?) of (?:hurting|harming|killing|ending)",
        r"(?:has been|was|been) discharged",
        r"no (?:current |active )?(?:plans?|intent\w*)(?: or (?:plans?|intent\w*))?(?!\S)",
        r"under the (?:crisis|home treatment|mental health) team",
        r"(?:reviewed|assessed|seen) (?:\w+ )?(?:and|as) (?:safe|fine|well|low risk)",
        r"(?:has been|have been|is|are) well for",
        # Marks that have healed are a history, unless fresh ones are told beside them.
        r"(?:old|healed|healing|faded|historic|white|silvery) (?:\w+ ){0,3}scars?"
        r"(?!.*(?:fresh|new|recent|bleeding|open))",
    )
)
NEGATION = compile_words(
    words(
        "no", "not", "never", "none", "nobody", "no one", "without", "deny", "denies", "denied",
        "neither", "nor", "nothing", "ruled out", "free of", "wasn't", "isn't",
    )
)
# A claim denied as a whole: "no suggestion that he would", "nothing to indicate she will".
DENIED_CLAIM = re.compile(
    r"(?:^| )(?:no|not any|not the slightest|nothing to) (?:\w+ )?(?:suggestion|evidence|"
    r"indication|indicate|suggest|sign|reason to (?:think|believe|suspect)|concerns?|"
    r"information|intelligence|mention|talk|report|reports) (?:at all )?(?:that |of |to suggest )?"
)
HEDGED_NEGATION = compile_words(
    words(
        r"not (?:sure|certain|clear|know|aware whether|aware if)", r"do not know", "no doubt",
        r"no (?:more|longer)", r"not (?:any ?more|any longer)",
    )
)
FICTION_OR_TEACHING = compile_words(
    words(
        r"(?:video|computer|online|shooting|war|console) games?", r"in (?:the|a|his|her) game",
        r"playing (?:a |the )?(?:\w+ )?games?", "gaming",
        r"on (?:the|his|her|their) (?:xbox|playstation)", "fortnite", "call of duty", "gta", "film",
        "films", "movie", "movies", "tv", "series",
        # A story is fiction, except the one posted on an app ("on his snapchat story").
        r"(?<!snapchat )(?<!snap )(?<!insta )(?<!instagram )(?<!facebook )(?<!fb )(?<!tiktok )"
        r"(?<!whatsapp )(?<!his )(?<!her )(?<!their )(?<!my )(?<!your )story",
        "book", "novel", r"poems?", "poetry",
        "character", "performance", "audience", r"(?:on|at) the stage",
        # Child's play: "'ran away' from her sister for a game of hide and seek".
        r"hide and seek", r"(?:for|as|in) a game",
        r"(?:school|a|the) play(?! area| park|ground)", "prop", "props", "lyrics", "song",
        "awareness", "pshe", "leaflet", "campaign", "prevention", "first aid", "discussion",
        "discussed",
        "debate", "topic", "celebrity", "boxing", "kickboxing", "sparring", r"martial arts",
        "wrestling", "policy", "procedure", "guidance", "suicide squad", "fiction",
        r"(?:talk|talks|talking|talked) (?:in class )?about "
        r"(?:suicide|self harm|knife crime|knives|"
        r"guns|murder|a stabbing|the stabbing)",
        # Schoolwork on a topic: "a presentation on county lines included how dealers...".
        "presentation", r"research(?:ing|ed)? (?:on|into)",
        r"(?:included|explained|showed|covered|describes?|described) how",
        "project", "documentary", "news", "dying matters", "what to do if", "fifa",
        # Literature studied: "an essay about the suicide scene in Romeo and Juliet". What an
        # essay says of its writer ("ended with 'I'll be gone'") is no topic.
        r"essays? (?:about|on|of)", "shakespeare", "literature", r"set texts?", "english lit",
        r"(?:suicide|death|dying|fight|battle|balcony|final|last|murder) scenes?",
        r"about (?:the|a) game", r"shooter games?", r"in (?:the )?game(?!\S)",
        r"(?:opposing|other|rival) (?:team|side)", "opposition",
        # A play in rehearsal: "in case", a precaution, is no fiction.
        "halloween", "zombie apocalypse", r"fake (?:blood|knife|knives|guns?|weapons?)",
        r"costumes?", "drill",
        r"practi[sc]ed", r"practi[sc]ing",
        "drama", r"rehears\w*", "musical", "theatre", r"panto(?:mime)?",
        r"stage (?:fights?|daggers?|swords?|props?|combat|blood)",
    )
)
# Where the writer was when they heard it. A lesson's topic is no danger, but a disclosure made in
# a session ("in our session she told me he will stab her tonight") is.
SETTING = compile_words(
    words(
        # Absent from it is no setting: "not in class after lunch".
        # "After training tonight" is a time, not where it happened.
        "workshop", "assembly", r"(?<!not in )(?<!not at )lesson",
        r"(?<!after )(?<!before )(?<!from )training", "course",
        "session", r"(?<!not )in class", "tutorial",
        "briefing",
    )
)
DISCLOSURE = compile_words(
    words(
        r"told (?:me|us|her|him|staff|the \w+|her \w+|his \w+)", "disclosed", "confided",
        r"(?:said|says|admitted|revealed) (?:that|to me|to us)", r"asked (?:me|us)",
        r"(?:she|he|they) (?:said|says) (?:he|she|they|i|her|his)",
        r"(?:kept|keeps|keep) (?:saying|telling)", r"saying (?:that|he|she|they|i)",
    )
)
# Taking, collecting or meeting a child is a danger sign only when nobody ordinary does it: a
# parent or carer, the writer and colleagues, or a routine ("as usual") make it everyday.
ESCORT = re.compile(r"^(?:tak|take|pick|collect|meet|driv|coming)")
ORDINARY_ESCORT = re.compile(
    r"(?:^| )(?:\w+ (?:mum|mom|dad|mother|father|parents?|grandad|grandma|"
    r"grandmother|grandfather|nan|gran|nana|carers?|foster carers?|foster parents?|teacher|"
    r"(?:older |big |younger |little )?(?:brother|sister|cousin)|uncle|aunt|auntie|"
    r"key worker|social worker)|we|i|staff|the school) "
    # ... as long as nobody else comes in between ("her mum said a man is coming to pick her up").
    r"(?:(?!(?:man|men|someone|somebody|stranger|boyfriend|he|they|who|said|says|told) )\w+ ){0,6}$"
)
ROUTINE = compile_words(
    words(
        r"as (?:usual|normal|always|every \w+)", r"as (?:he|she|they|we) (?:does|do|did) every",
        r"every (?:\w+day|day|week|weekend|morning|evening|night)", "keeps", "always", "usually",
        "regularly", "often",
    )
)
# Play: a dare or a swim is no self-harm ("dared each other to jump off the harbour wall").
PLAY = compile_words(
    words(
        r"dar(?:e|es|ed|ing) (?:each other|him|her|them|me|us)", "for a laugh", "for fun",
        r"on the (?:ghost train|rollercoaster|roller coaster|waltzers|rides?)", "having fun",
        r"messing (?:about|around)", "swimming", "tombstoning", "joked",
    )
)
# A danger only asked about ("I asked whether she feels in danger") unless the answer was yes.
QUESTIONED = re.compile(
    r"(?:^| )(?:asked|ask|asking|checked|wondered) (?:\w+ ){0,2}(?:whether|if) "
)
ANSWERED_YES = compile_words(
    words(
        r"(?:said|says|replied|answered|confirmed) (?:that )?yes",
        # A question answered by the deed: "asked what happens if you take 50 paracetamol, said
        # he did it 2 hours ago".
        r"(?:said|says|admitted|told me|confirmed) (?:that )?(?:he|she|they|i) (?:has |had |have )?"
        r"(?:did|done|took|taken|swallowed|drank|drunk) (?:it|them|that|some|all)",
    )
)
# After "taking her", a word that is no preposition, adverb or time makes "her" possessive:
# "taking her pension" takes no one.
OBJECT_FOLLOWERS = frozenset(
    [
        "to", "home", "out", "away", "back", "in", "into", "off", "for", "with", "round", "up",
        "down", "now", "tonight", "today", "tomorrow", "somewhere", "there", "here", "from", "at",
        "on", "and", "or", "if", "when", "after", "before", "later", "again", "by", ",", ".",
    ]
)
# Something that may happen one day, not something about to happen.
# Only ever a possibility, whatever the time words around it.
ONLY_POSSIBLE = compile_words(
    words(
        r"if (?:he|she|they) (?:ever|were|was)", r"if \w+ (?:\w+ )?ever", "one day",
        r"if (?:he|she|they|i) (?:disappeared|vanished|went missing|ran away|died|was gone)",
        r"in (?:the )?future", "eventually",
        r"(?:could|might|may) end up", r"long ?term",
        # A future age: "wants to run away when she is 16".
        r"when (?:he|she|they|i) (?:is|are|am|turns?|gets? to) \d+",
    )
)
MAYBE = compile_words(
    words(
        r"(?:worried|thought|thinking|feared) (?:that )?(?:she|he|they) "
        r"(?:had|would|has) (?:gone )?"
        r"missing",
        r"if (?:he|she|they) (?:ever|were|was)", r"if \w+ (?:\w+ )?ever", "one day",
        r"if (?:he|she|they|i) (?:disappeared|vanished|went missing|ran away|died|was gone)",
        r"in (?:the )?future", "might", "could",
        "may", r"at risk of", "potentially", r"long ?term", "eventually", "perhaps",
        r"(?:worried|concerned|concern|fear|fears|worry|worries) (?:that )?(?:he|she|they) "
        r"(?:could|might|may|will)",
    )
)
JOKE = compile_words(
    words(
        r"(?:but |only |just )(?:she|he|they|i) meant",
        r"figure of speech", r"not serious", r"did not mean it", r"just (?:a )?saying", "smiling",
        "smiled", "grinning", "laughs", "joke", "joked", "joking", "jokingly", "banter",
        "laughed(?! (?:it|this|that) off)",
        "laughing", "kidding", "pretend", "pretended", "pretending", "play fighting",
        "messing about", "messing around", "teasing", "hugging",
        r"dar(?:e|es|ed|ing) (?:each other|him|her|them|me|us)", "for a laugh", "for fun",
        r"on the (?:ghost train|rollercoaster|roller coaster|waltzers|rides?)", "having fun",
    )
)
# The writer says what the words meant, and it was no harm: "'end it' tonight - meaning break up
# with his girlfriend", "turned out she meant dye her hair". Not where the meaning is a harm.
_HARM_MEANT = (
    r"(?!(?:\w+ ){0,4}(?:die|dead|death|kill\w*|suicide|hurt|harm|stab\w*|shoot\w*|life|knife|"
    r"knives|gun|guns|weapon|blade|it(?= ,|$)|business|every word)(?!\S))"
)
CLARIFIED = compile_words(
    words(
        rf"turned out (?:he|she|they) (?:meant|was talking about|was on about) {_HARM_MEANT}\w+",
        rf"(?:he|she|they) (?:said|explained|told us|told me) (?:that )?(?:he|she|they) "
        rf"(?:meant|means|was talking about) {_HARM_MEANT}\w+",
        rf"(?:^|(?<=, ))meaning {_HARM_MEANT}\w+",
    )
)
# The writer says what the words meant anywhere in the record ("end it tonight-- meaning break
# up"): the learned reading leaves such a record to the rules.
MEANT_NO_HARM = compile_words(words(rf"meaning {_HARM_MEANT}\w+", rf"meant {_HARM_MEANT}\w+"))
# The next sentence says the words were light: "He was grinning", "It was clearly a joke". Laughing
# something off is no joke.
JOKE_AFTER = compile_words(
    words(
        r"(?:he|she|they|both|everyone|we|dad|mum|stepdad|stepmum|mother|father|nan|gran|uncle|"
        r"aunt) (?:was|were) (?:(?!not |never )\w+ )?"
        r"(?:laughing|joking|grinning|smiling|messing|kidding|teasing|having a laugh|funny)"
        r"(?! it off)",
        r"(?:it|that) was (?:clearly |obviously |just )?(?:a )?(?:joke|banter|game)",
        r"(?:everyone|everybody|all|they|we) (?:was |were )?(?:laughing|joking)",
        # Told in the past or as one word: "Everyone laughed." "Banter, they all laughed."
        r"(?:everyone|everybody|they all|we all|all of us|the others|his mates|her mates) "
        r"laughed(?! (?:it|this|that) off| at (?:him|her|them))",
        r"^(?:just |only |it was )?(?:banter|a joke|joking|messing about|messing around)"
        r"(?= ,| \.|$)",
    )
)
ORDINARY_WEAPON_CONTEXT = compile_words(
    words(
        "cooking", "cook", "chef", "chopping", "vegetables", "recipe", "food tech", "butcher",
        "fishing", "camping", "kit list", "duke of edinburgh", "licensed", r"licen[cs]es?",
        "legally", "locked cabinet", "gun club", r"armed (?:forces|services|police|response)",
        "shooting club", "range", "target shooting", "clay pigeon", "soldier", "army", "military",
        "cadets", "museum", "fancy dress", "costume", "toy", "nerf", "water guns?",
        "water pistols?", "fencer", "fencing", "cricket", "rounders", "baseball practice",
        "practice", r"(?<!after )(?<!before )(?<!from )training", "collection",
        r"for (?:his|her|their) job", r"job as", "fitter",
        "trade", "carpet", "display case", "display", "inherited", "antique", "ornamental",
        "for work", "gardener", "gardening", "tool", "tools",
        # Sold, stocked or stored: "we sell razor blades", "the kitchenware aisle", "armoury".
        r"(?:we|they|i) (?:sell|stock)", "aisle", "kitchenware", "behind the counter", "armoury",
        r"locked away", r"(?:gun|secure|locked) cabinet", r"sporting guns?", "supermarket",
        # A blade for a job: "a big knife for cutting the turkey".
        r"for (?:cutting|chopping|carving|slicing|peeling|opening|gutting|filleting|whittling|"
        r"trimming|prepping)",
        r"(?:cut|cutting|open|opening) (?:string|rope|tape|boxes|wire|card|cardboard|paper|fabric|"
        r"parcels)", r"bread knife",
        r"(?:craft|stanley) knife", r"in dt", "design and technology", "diy", "carpenter",
        "builder", "warehouse",
        "airsoft", "replica", "knife block", "ceremonial", "mounted", "medals",
        r"(?:on|from) (?:the|his|her|their) wall",
        # A blade as a tool or an exhibit: taught safely, carried for work, from history.
        "safely", r"under supervision", "whittling", r"scouts?", r"re-?enactment",
        r"as part of (?:his|her|their) (?:job|work|role|course|apprenticeship|training)",
        r"(?:on|at|scout|summer|cadet) camp", r"in history",
        r"history (?:lesson|class|trip|project)",
    )
)

WEAPON = compile_words(
    words(
        "knife", "knives", "blade", "blades", "machete", "machetes", "swords?", "samurai",
        "zombie knife", "rambo knife", "guns?", "handguns?", "pistols?", "firearms?", "revolvers?",
        "rifles?", "shotguns?", "armed", "crossbows?", "axe", "hatchet", "hammers?",
        "baseball bats?",
        # Improvised weapons, carried in numbers.
        r"bats", r"crowbars?", r"(?:iron|metal) bars",
        r"with (?:\w+ )?(?:bricks|chains|poles|planks)",
        r"(?:bricks|chains|poles|planks) and (?:bats|bricks|chains|poles|planks|crowbars)",
        r"bat with nails", r"(?:metal|wooden) bat", "acid", "corrosive", "ammunition", "ammo",
        "bullets", "glock", "strap", "burner", "screwdriver", "razor", "weapons?", "taser",
        "knuckle ?dusters?", "cleaver", "sickle", "nunchucks", "stun gun", "pepper spray", "bat",
        "9mm", "9 mm", r"sawn off", "switchblade", r"box cutters?", "shooter", "uzi", r"ak ?47",
        r"petrol bombs?", "firebomb", "molotov", "grenade", "explosives?", "pipe bomb",
        r"bomb (?:making|maker|makers|parts)",
        r"(?:make|making|made|build|building|built) (?:a |an )?(?:bomb|bombs|explosive device)",
    )
)
# Whatever someone is threatened with is a weapon ("threatening staff with a pair of scissors");
# a sanction is not ("threatened them with a detention").
THREAT_WITH = compile_words(
    r"threat\w* (?:[^\s.,]+ ){0,3}with (?:a |an |the |his |her |their )?(?:pair of |broken |large |"
    r"big )?(?:it|them|(?!(?:a|an|the|his|her|their|detention|exclusion|police|sack|eviction|fine|"
    r"court|report|ban|letter|legal|action|isolation|consequences)(?!\S))\w+)"
)
# A danger word naming an event, a business or a show: "murder mystery evening", "knife stall".
_NAMING = (
    r"(?:knife|knives|gun|guns|sword|swords|weapons?|murder|axe|zombie) (?:\w+ing )?"
    r"(?:mystery|stall|shop|club|range|display|exhibition|museum|show|fair|evening|night|party|"
    r"games?|class|safety|sharpener|sharpening|maker|scene|tattoos?|logos?|emojis?|stickers?|"
    r"prints?|designs?|earrings?|necklace|pendant)"
)
# A weapon word in an everyday sense: no weapon at all.
ORDINARY_WEAPON = compile_words(
    words(
        _NAMING,
        r"(?:nerf|water|toy|glue|staple|cap|spud|paintball|laser|nail|bubble|heat|massage) "
        r"(?:guns?|pistols?)",
        "gun club", r"finger guns?", r"knife crime", r"knife ?edge", r"(?:real|secret) weapon",
        r"weapon on the (?:pitch|field|court)", r"knife and fork", r"butter knife", r"knife skills",
        "cricket bat", "tennis bat", "rounders bat", r"bat mitzvah", r"acid (?:house|reflux)",
        r"citric acid",
        r"(?:bag|watch|shoulder) strap", r"strap (?:of|on) (?:his|her|the|a) bag",
        # A picture of one: "a tattoo of a machete", "a logo of crossed swords".
        r"(?:tattoos?|logos?|emojis?|stickers?|prints?|badges?|designs?|cartoons?|doodles?|"
        r"drawings?|patch|patches) of (?:a |an |two |crossed )?(?:\w+ )?(?:knife|knives|guns?|"
        r"machetes?|swords?|daggers?|axes?|weapons?|rifles?|pistols?|blades?|bullets?)",
        r"weapons? awareness", r"knife (?:amnesty|arch|bin|awareness)", "bullet points?",
        r"the knife incident",
    )
)
POSSESSION = compile_words(
    words(
        "has", "have", "had", "got", "carry", "carries", "carrying", "carried", "bring", "brings",
        "bringing", "brought", "take", "takes", "taking", "took", "hold", "holds", "holding",
        "armed", "arming", "waving", "waved", "wave", "show", "shows", "showed", "showing", "shown",
        "flashed", "flashing", "pulled", "pulling", "pulls", "sharpening", "sharpened", "posting",
        "passing", "passed", r"handing (?:out|over|round)", "handed", "dropped", "chased",
        "chasing", "fired", "firing", "posted", "posts", "loading", "loaded", "keeps", "keep",
        "keeping", "kept", "hide", "hides", "hiding", "hidden", "tucked", "stashed", "access to",
        "buy", "buying", "bought", "selling", "sells", "getting", "use", "uses", "using", "with",
        "threatened", "threatening", "pointing", "pointed", "swinging", "brandishing", "grabbed",
    )
)
NOT_POSSESSION = compile_words(
    words(
        "obsessed with", "interested in", "fascinated by",
        # Wanting one is not having one: "wants a pocket knife for his birthday".
        r"wants? (?:a|an|one)", r"asked (?:for|to buy) (?:a|an)", r"would like (?:a|an)",
        r"wish(?:es)? for (?:a|an)",
        r"(?:videos?|pictures?|photos?|"
        r"drawings?|images?|tattoos?|logos?|emojis?|stickers?|prints?|badges?|patch|patches|"
        r"designs?|cartoons?|doodles?) of",
        "talks about", "talking about", "about",
    )
)

WEAPON_VIOLENCE = compile_words(
    words(
        r"shots? fired", "gunshots?", "gunfire", "riding", "drive by", "ride out", "stab", "stabs",
        "stabbed", "stabbing", "stabbings", "shoot", "shoots", "shooting", "shootings", "shot",
        # "knife" the verb, with someone to knife; "found a knife" names a thing.
        r"knife (?:him|her|them|you|me|someone|somebody|anyone|the \w+)", "knifed", "knifing",
        "slash", "slashed", "slashing", rf"wet {gap(1)}up",
        r"chef (?:him|her|them)", r"dip (?:him|her|them)", "shoot up", "shank", "shanked",
    )
)
ORDINARY_SHOOTING = compile_words(
    words(
        r"shoot(?:ing|s)? (?:some |a few )?hoops",
        r"shoot(?:ing|s)? (?:you |him |her |me )?"
        r"(?:a |an )?(?:message|email|text|video|film|photos?|pictures?|scene)",
        r"shots? (?:of|at goal|glass|put)", r"photo ?shoot", r"took a shot", r"taking shots",
        r"(?:got |get |gets |getting )?shot down",
        r"flu (?:shot|jab)", r"booster shot", r"big shot", r"mug ?shot", "screenshot", r"long shot",
        r"shooting star", r"learn(?:ing|t|s)? to shoot", r"shoot(?:ing)? on the range",
        r"shooting range", r"shot at goal",
        r"(?:shoot|shot|shooting) (?:off|home|back|over|round|up in height)", r"shot up",
        r"shoot(?:ing)? "
        r"(?:for|at) (?:goal|the stars)",
        r"(?:a|his|her|their|the) shot",
        # A year's event, or one remembered: "the 2017 shooting", "a vigil for the stabbing".
        r"(?:19|20)\d\d (?:\w+ )?(?:shootings?|stabbings?|murders?|attacks?)",
        r"(?:memorial|vigil|anniversary) (?:\w+ ){0,4}(?:shootings?|stabbings?|murders?|attacks?)",
    )
)

KILL = words(
    "kill", "kills", "killing", "murder", "murders", "murdering", "strangle", "strangling",
    "end (?:him|her|them)", rf"finish {PERSON} off", r"do (?:him|her|them) in",
    rf"choke {gap(1)}to death", rf"beat {gap(2)}to death", rf"burn {gap(4)}down", "set fire to",
    rf"set {gap(2)}on fire", rf"throw {gap(3)}off", rf"run {gap(1)}over",
    r"smash (?:his|her|their) head in", r"cut (?:his|her|their) (?:face|throat)", "slit", "shoot",
    "stab", "knife", "shank", "hurt", "harm", "attack", "acid",
    r"break (?:his|her|their) (?:legs?|arms?|jaw|face|bones|fingers)",
    r"smash (?:his|her|their) (?:face|head)", r"rush (?:him|her|them)", "drown", "suffocate",
    "smother", rf"(?:break|snap) {gap(2)}neck", rf"cave {gap(2)}head in", r"stamp on", "batter",
    "torch", rf"burn {PERSON} out", rf"set {gap(2)}alight", rf"throw {gap(2)}down the stairs",
    r"(?:glass|bottle|cut|do in|sort out) (?:him|her|them|anyone|anybody|someone|somebody|everyone|"
    r"whoever)", "choke", r"cut (?:him|her|them) up",
    r"carve (?:him|her|them) up",
    # "finish her" is a killing; "finish her coursework" is not.
    r"finish (?:him|them|her)(?=$| ,| (?:off|tonight|today|now|for good|when|before|after|if|"
    r"and|at|on|in|this|once)(?!\S))",
    r"cut (?:his|her|their) (?:face|throat)",
)
THREAT = compile_words(
    words(
        r"put (?:him|her|them) in (?:hospital|a coma|the ground)",
        r"take (?:them|the kids|the "
        r"children|the baby) with (?:him|her)",
        rf"threat(?:s|en|ens|ened|ening)? to {gap(8)}(?:{KILL}|dog on)",
        rf"{INTENT} {gap_unnegated(3)}{KILL}", rf"(?:use|using) (?:it|them) on {PERSON}",
        rf"slit {PERSON} throat", r"petrol bomb", "firebomb", r"death threats?",
        rf"(?:have|get|got) {PERSON} (?:taken care of|dealt with|done in)",
        rf"get rid of (?:him|her|them|{PERSON} \w+)(?: for good)?", r"(?:will not|never) live",
        r"(?:i|we|he|she|they) (?:kill|stab|shoot|"
        r"murder|shank) (?:you|him|her|them)",
        r"kill (?:you|ya)", r"(?:a )?hit (?:out )?on (?:him|her|them|his|my)",
        r"(?:will|going to) be got at", r"posted (?:his|her|their) address",
        r"(?:is|are) (?:strangling|choking|stabbing|attacking|beating|smothering|drowning) "
        rf"{PERSON}",
        rf"threat(?:s|en|ens|ened|ening)? {gap(3)}(?:to|with) {gap(2)}(?:{KILL}|knife|gun|blade|"
        r"weapon|acid|machete|petrol)",
        r"(?:you are|your|you is|you re) dead", r"dead (?:man|meat|girl|boy)", "hit out on",
        rf"put {gap(2)}in {gap(3)}the ground", "finish the job", r"get what is coming",
        r"gets? what is coming", r"going to get it", r"you are next",
        # "ur mum gets it 2nite": said to someone of them or theirs.
        r"(?:you|your \w+|you are|you will) (?:gets?|getting|get) it"
        r"(?= tonight| today| now| next| when| if| ,| \.|$)",
        r"(?:is|are|you are|you re|he is|she is) getting it(?! (?:done|fixed|back|sorted|ready|out|"
        r"from|for|cut|checked|on|in|off|to)(?!\S))",
        r"watch (?:your|his|her) back", r"going to die", "will die tonight", "petrol",
        r"(?:is|will be|get|gets|getting) killed",
        # Killing told as mercy or as sleep: "put her out of her misery", "put him to sleep".
        r"put (?:him|her|them|you) (?:out of (?:his|her|their|your) misery|to sleep for good)",
        # A threat told by what it will leave behind: a body that stops breathing, a victim who
        # needs an ambulance or will not survive, a farewell the victim had better make.
        # Squeezed or choked until someone passed out, blacked out, "went to sleep".
        r"(?:until|till) (?:he|she|they|you|it|i) (?:passed out|pass out|passes out|blacked out|"
        r"black out|went (?:to sleep|limp|blue|floppy)|go (?:to sleep|limp|blue))",
        r"(?:break|smash|snap) every bone",
        r"until (?:he|she|they|you|it) (?:stops? |stop |not |can not |could not |no longer )?"
        r"(?:breath\w*|dies|die|is dead|are dead)",
        r"(?:need|needs|needing) (?:an ambulance|a hospital\w*|hospital|intensive care)",
        r"(?:will not|not going to|never|would not|will never) survive"
        r"(?! (?:the|this|another|a|an|my|his|her|their|without|on|in|at)(?!\S))",
        r"finish what (?:i|he|she|they|we) started",
        r"(?:better|should|can|will|going to|to) (?:say|start saying) (?:his|her|their|your) "
        r"(?:goodbyes?|prayers)(?! to)",
    )
)
THREAT_IDIOM = compile_words(
    words(
        _NAMING,
        r"kill(?:ing)? time", r"kill(?:ing)? it", r"kill this",
        r"(?:murder|smash|destroy|nail|ace) (?:the|that|this|his|her|my) (?:\w+ )?"
        r"(?:exam|test|game|match|race|audition|interview|quiz|presentation)",
        # Shouted at sport: "kill the ref!".
        r"kill (?:the|that) (?:ref|referee|umpire|linesman|keeper|goalie)",
        r"kill (?:the|that) (?:exam|test|"
        r"game|vibe|mood|show|competition)",
        "kill two birds",
        r"kill (?:the|those|these|that) (?:rumours?|idea|conversation|lights?|engine|music|bugs?|"
        r"germs|weeds|plants?|buzz|pain|noise)",
        r"kill for", "killer", r"(?:will|would|is going to) kill me (?:if|for|when)",
        rf"kill (?:me|us|you) (?:if|for|when) {gap(4)}"
        r"(?:detention|grounded|homework|late|mess|"
        r"report|grades|phone|room|caught)",
        # Said of another ("she'd kill him if he got another detention"), but not "if she's late
        # back": a curfew is what a controlling partner enforces.
        rf"kill (?:him|her|them) (?:if|for|when) {gap(4)}"
        r"(?:detention|grounded|homework|mess|report|grades|room|caught)",
        r"murder a \w+",
        # "my mum's going to kill me" reads "my mum going to kill me" (a noun's "'s" is dropped).
        r"(?:mum|mom|dad|mother|father|nan|gran|teacher|boss) (?:will|would|(?:is )?going to) "
        r"(?:kill|murder|strangle|throttle)",
        r"(?:get|gets|getting|got|be) (?:killed|murdered) by (?:his|her|their|my) (?:mum|mom|dad|"
        r"mother|father|nan|gran|parents|teacher|wife|husband|missus|boss)",
        r"(?:bored|scared|worried|frightened|terrified|petrified) to death",
        r"(?:heart|panic|asthma|anxiety) attacks?",
        # A pet or a thing as the object: "could murder the cat", "strangle the dog".
        r"(?:kill|strangle|murder|shoot|stab|throttle|kick) (?:the|my|his|her|their|that) "
        r"(?:dog|cat|puppy|kitten|printer|computer|laptop|phone|car|telly|tv|wifi|router)",
        "killing me", r"dying (?:to|for a)",
        # Dread of an ordinary ordeal: "gonna die in this exam tomorrow".
        rf"die (?:in|at|during|before|after) {EVERYDAY_ORDEAL}",
        # A death from illness: "his nan is dying in hospice", "end of life care".
        r"dying (?:in|at) (?:a |the )?(?:hospice|hospital|care home|nursing home)",
        r"(?:end of life|palliative|hospice) care", r"terminally ill",
        # An animal's danger is no threat from a person: "her dog would kill a child if it got out".
        r"(?:dog|dogs|cat|horse|bull|snake|it) (?:\w+ ){0,3}(?:would|will|could|might) "
        r"(?:kill|bite|attack|maul)",
        r"(?:pain|back|feet|head|tooth\w*|knees?|legs?|heat|shoes) (?:is |was |are |were )?"
        r"killing (?:me|him|her|them)", r"to die for",
        r"(?:die|dies|dying) of \w+",
        r"dead (?:tired|serious|good|easy|funny|bored|excited|on|end|set|to (?:me|him|her|them))",
        r"(?:at|on) fifa", r"(?:would|will) die (?:if|of|for|laughing)",
        r"dying (?:their|his|her|my|your) hair", r"beat(?:ing)? (?:them|him|her|us) at",
        r"killed (?:a|the) (?:deer|rabbit|fox|"
        r"pig|chicken|spider|wasp|fly|mouse|rat)",
        r"i am dead", r"dead inside",
        # Figures of speech: "train till they nearly die", "I feel like I'm dying".
        r"(?:nearly|almost|practically) (?:die|died|dies|dying|dead|killed|kill)",
        r"(?:feel|feels|felt|feeling) like (?:i|he|she|they) (?:am|is|are|was|were) "
        r"(?:dying|going to die|dead)",
        r"(?:would|will) have to kill (?:me|us)",
        # A death already over: "killed in a road accident", "the anniversary of her dad's death".
        r"(?:was|were|been) killed (?:in|by) (?:a|an|the)", r"who (?:was|were) killed",
        r"anniversary of", r"(?:his|her|their|my) (?:\w+ )?death",
        r"phone (?:is|was)? ?dead", "over my dead body",
        r"pain ?killers?",
        r"shoot (?:you|him|her|me) a",
    )
)

SELF_HARM = compile_words(
    words(
        # "Starving herself of sleep" is figurative.
        rf"(?:burn|burning|burnt|burned|scratch|scratching|starving|punching|hitting) "
        rf"{SELF}(?! of)",
        r"(?:been|started|is|was|keeps) cutting(?: again)?"
        r"(?! ties| class| lessons| hair| corners| back| down| out| it| the| up| in)",
        r"(?:for )?after (?:i am|she is|he is|they are) gone", r"sorted everything out",
        r"want(?:s|ed)? die", r"finish it(?: all)?", r"enough (?:\w+ ){0,2}to (?:finish|end|do) it",
        r"(?:gave|give|giving|given) (?:away )?all (?:his|her|their|my) "
        r"(?:things|stuff|belongings)",
        "suicide", "suicidal", rf"kill(?:ing|ed|s)? {SELF}",
        # Asking how a way of dying feels or how long it takes.
        r"(?:hurts?|painful|quick|long|easy|hard)(?: it takes| does it take)? to "
        r"(?:drown|die|hang|bleed out|bleed to death|overdose|jump)",
        r"end(?:ing|s)? (?:my|his|her|their) "
        r"(?:own )?life",
        # "End it all with her boyfriend" is a break-up.
        r"end(?:ing|s)? it(?: all)?(?!(?: all)? with)", r"take (?:my|his|her|their) (?:own )?life",
        r"taking (?:my|his|her|their) own life", "overdose", "overdosed", "overdosing",
        r"self harm(?:ing|ed|s)?", rf"(?:harm|hurt|cut|cutting|cuts|hang|hanging|hanged) {SELF}",
        r"cut(?:ting|s)? (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?)",
        r"jump(?:ing)? (?:off|from|in front of)", r"going to jump(?! (?:him|her|them|on))",
        r"want(?:s|ed)? to die", r"want to be dead", r"better off dead", r"rather be dead",
        r"(?:nothing|no reason|nothing left) to live for", r"not want to (?:live|be alive|be here)",
        r"no point (?:in )?living", r"drive into (?:a|the) (?:wall|tree|river|lorry)",
        r"over the railings", r"(?:on|over) the (?:bridge )?parapet",
        # Pills in a quantity; "takes tablets for epilepsy" is no overdose.
        rf"(?:took|taken|take|swallowed|taking|took a load of) {gap(1)}"
        r"(?:a load of|loads of|lots of|all (?:the|his|her|their|my)|a handful of|a box of|"
        r"a packet of|a bottle of|a pack of|packets of|boxes of|\d+|twenty|thirty|fifty) "
        rf"{gap(1)}(?:pills|tablets|paracetamol)",
        rf"(?:stockpil\w*|saving up|hoarding) {gap(2)}(?:tablets|pills|medication|meds|insulin)",
        rf"how many {gap(3)}to die", "noose", r"rather die",
        # Poison drunk or to be drunk: "she will drink bleach when her husband leaves".
        r"(?:drink|drinking|drank|drunk|swallow|swallowing|swallowed) (?:the |some |a bottle of |"
        r"a cup of )?(?:bleach|antifreeze|weedkiller|poison|drain cleaner|screenwash)",
        r"(?:wrong side|other side|edge) of (?:the )?(?:foot)?(?:bridge|railings?|barrier|roof|"
        r"cliff|platform)",
        r"on (?:the )?(?:train|railway|rail) (?:tracks?|lines?)", r"on the (?:roof|ledge)",
        r"end (?:things|everything)", r"(?:i|he|she) (?:am|is) done", r"had enough",
        r"when (?:i|he|she) (?:am|is) gone", r"(?:tomorrow|today|tonight) is the (?:day|night)",
        r"(?:no one|nobody) will (?:care|notice|miss)", r"suicide attempt",
        r"tried to (?:kill|hang|hurt|harm|cut) (?:him|her|them|my)self",
        r"engine running in (?:the|a) garage",
        r"wish(?:es|ed)? (?:i|he|she|they) (?:was|were) dead",
        r"(?:drive|driving|drove|steer|steering|jump|jumping|throw (?:him|her|them|my)self) "
        r"(?:(?:his|her|their|my|the|a) (?:car|van|bike|lorry|truck) )?"
        r"(?:off|into|from|in front of) "
        r"(?:a|the) (?:cliff|bridge|wall|tree|river|lorry|sea|train|motorway|building|car park|"
        r"roof|quarry|quarry edge|canal|reservoir|harbour)",
        # The whole of something swallowed: "a whole packet", "the whole bottle of his nan's pills".
        r"(?:taken|took|swallowed|swallowing|taking|drunk|drank) (?:a|the) (?:whole|full|entire) "
        r"(?:packet|box|bottle|strip|pack|tub)",
        rf"(?:sitting|standing|stood|sat|climbed|climbing) (?:on|onto|over) (?:the|a) {gap(1)}"
        r"(?:ledge|roof|parapet|railings?|edge|balcony|window ledge|window sill)",
        r"wish(?:es|ed)? (?:i|he|she|they) (?:was|were) not (?:here|alive|born)",
        rf"{SELF} hanging", rf"(?:throw|throwing|threw)\w* {SELF} (?:off|into|from|under|onto)",
        r"(?:lie|lying|lay|laid|sit|sitting|stand|standing) (?:down )?(?:on|across) (?:the )?"
        r"(?:railway |train |rail )?(?:tracks|line|rails)",
        r"(?:hitting|banging) (?:his|her|their|my) head (?:against|on)",
        r"(?:end|finish|take|ending|finishing|taking) (?:my|his|her|their) (?:own )?life",
        r"by the time you read this",
        r"(?:will not|not going to) be (?:here|around)(?! (?:at|on|for the|"
        r"next|this|until|in|over|during|between|after|before|from|today|tonight|as))",
        r"will not (?:be )?need(?:ing)? (?:it|them|anything|\w+ \w+)(?: any ?more)?",
        r"last time you (?:see|will see)", r"(?:nobody|no one) (?:would|will) miss",
        r"no point (?:anymore|any more|in anything|in living|in going on|going on|to anything)",
        r"(?:suicide|goodbye) (?:note|letter|message)", r"better off without (?:me|him|her|them)",
        r"(?:walk|walking|jump|jumping|step|stepping) (?:into|in front of) (?:the |a )?"
        r"(?:sea|river|traffic|train|bus|lorry|canal)",
        r"(?:i|he|she|they) will be gone",
        r"can not (?:go on|do this anymore|do this no more|"
        r"take it anymore|take any more|take it any more)",
        r"sorry for everything", r"(?:do|doing|going to do) it (?:tonight|today|now)",
    )
)
SELF_HARM_SIGN = compile_words(
    words(
        r"look after (?:\w+ )?(?:mum|mom|dad|\w+) for me",
        r"(?:gave|giving|given) (?:away )?"
        r"(?:his|her|their|my) \w+ to",
        "give all his things", r"(?:no|not) eat(?:ing)?",
        r"(?:will not|not going to) be (?:here|around)", r"not be (?:here|around)",
        r"last time you (?:see|will see)", r"say(?:ing|s)? goodbye", "goodbye", "bye",
        r"(?:gave|giving|give|given) (?:away )?(?:his|her|their|my) \w+(?: and \w+)? away",
        r"(?:gave|giving|give|given) away (?:his|her|their|my)",
        r"can not (?:go on|do this anymore|do this|cope|take it anymore|take any more)",
        r"sorry for everything", r"love (?:you|u) all", r"will not need (?:it|anything|them)",
        r"locked (?:himself|herself|themselves) in",
        r"barricaded (?:himself |herself |themselves )?in", r"door is barricaded",
        r"written (?:a )?(?:will|letters?|note)",
        r"(?:very|really) (?:flat|low)", "hopeless", r"going to do it",
        r"(?:not|never) (?:be )?coming back",
        r"do something (?:stupid|silly|drastic)", r"all too much",
        r"want(?:s|ed)? (?:it|everything) (?:all )?to (?:be over|end|stop)",
        r"(?:picked|set|chosen) a date", r"(?:has|have) a date (?:picked|set|chosen)",
        r"(?:fresh )?cuts on (?:his|her|their|my) "
        r"(?:arms?|wrists?|legs?|thighs?)",
        r"fresh cuts", r"(?:sleeping )?tablets",
        # A means found on them, or to be used: "found a ligature in his pocket", "use it tonight".
        r"ligatures?", r"(?:use|try) it (?:on (?:himself|herself|themselves|myself) )?"
        r"(?:tonight|today|later|when|after|now)",
        # Someone on the railway: "walking on the tracks towards the tunnel".
        r"(?:on|along|across|onto|down|near) the (?:railway |train |rail |tram )?"
        r"(?:tracks|track|rails)",
        r"on the (?:railway|train|rail) line",
        # Shown as it is: "a pic of her wrists all cut", "his arms are slashed".
        r"(?:wrists?|arms?|thighs?|legs?) (?:are |is |were |was )?(?:all |covered in |"
        r"really |badly )?(?:cut|cuts|slashed|sliced|bleeding)",
        r"this time (?:i am|he is|she is|they are|i will|he will|she will) not "
        r"(?:stopping|stop|going to stop)",
        r"(?:pills|tablets|paracetamol|rope|razor|insulin)", r"(?:bridge|roof|railings|ledge)",
        r"(?:it is|it will|everything is|everything will|all) (?:all )?(?:going to )?be over "
        r"(?:soon|tonight|today|by)",
        r"tell (?:\w+ ){1,2}(?:i am|that i am|i was) sorry",
        # Affairs put in order and farewells: things left for others, goodbyes already said.
        r"(?:his|her|their|my|the) (?:\w+ )?(?:dog|cat|pets?|things|stuff|belongings|keys|cards|"
        r"phone|wallet|passport)(?: and (?:his |her |their |my )?\w+)? (?:with (?:his|her|their|a)|"
        r"to (?:his|her|their)|on the (?:\w+ )?(?:table|side|bed|fridge|worktop|counter)|in boxes|"
        r"labelled for)",
        r"rehomed (?:his|her|their|my|the) \w+",
        # Goodbyes to people, not "goodbyes to the old house".
        r"(?:(?:said|say|saying) (?:all )?(?:his|her|their|my) )?goodbyes"
        r"(?! to (?:the|a|an|this|that|our|his|her|their) (?!family|mum|dad|mother|father|"
        r"brothers?|sisters?|kids|children|friends))",
        r"(?:not|never) (?:your|her|his|my|their) fault", r"(?:it|this) (?:will|would) be quick",
        r"one last time", r"(?:properly|for real|for good) this time",
        r"(?:being|am|is|feels?) a burden",
        r"written (?:to|letters? to|a letter to|notes? (?:to|for)) (?:his|her|their|my|\w+)",
    )
)
SELF_HARM_IDIOM = compile_words(
    words(
        r"(?:would|will) die (?:if|of|for|laughing)", "overdoses", r"(?:self harm|suicide) policy",
        r"(?:nearly|almost|practically) (?:die|died|dies|dying|dead)",
        r"(?:feel|feels|felt|feeling) like (?:i|he|she|they) (?:am|is|are|was|were) "
        r"(?:dying|going to die|dead)",
        r"dying to", r"(?:die|dies|dying) of \w+", r"to die for", r"dead inside",
        rf"die (?:in|at|during|before|after) {EVERYDAY_ORDEAL}",
        r"(?:bored|scared) to death",
        r"overdos\w* (?:of|on) (?:sugar|chocolate|caffeine|fun|sweets|sweeties|candy|cake|haribo|"
        r"fizzy drinks?|energy drinks?|netflix|tv|screen time|crisps|pizza)", r"died by suicide",
        "bye bye",
        r"waved goodbye", r"said goodbye to (?:his|her) (?:mum|dad|friends)",
        # A preference, not a wish to die: "I'd rather be dead than go in a home", "wants to die
        # in her own home rather than go into a care home".
        r"rather (?:be )?(?:dead|die) than",
        r"(?:die|dead) (?:\w+ ){0,5}rather than",
        r"die (?:in|at) (?:her|his|their|my) own (?:home|bed|house)",
    )
)

MISSING = compile_words(
    words(
        r"(?:not|no one has|nobody has) heard from (?:him|her|them)",
        r"no (?:contact|word|news) (?:from|with) (?:him|her|them) since",
        r"no (?:contact|word|news) since (?!then)\w+", r"gone off with",
        r"not been (?:home|in contact)", r"never arrived", r"not in the building",
        r"(?:can not|could not) find (?:him|her|them|my|his|her) "
        r"(?:\w+ )?(?:anywhere|son|daughter|sister|brother|child)",
        r"never (?:came|come|got|went|arrived) (?:home|back)",
        r"did not (?:come|go|get) (?:home|back)",
        rf"(?:not|no one|nobody) {gap(2)}knows? where (?:she|he|they)", r"wandered off",
        r"(?:nobody|no one) can (?:find|locate|reach)", r"not in (?:the )?(?:house|home) since",
        "awol", "kidnapped", "abducted", r"snatched",
        r"taken by (?:a|an|two|some|the) (?:man|men|"
        r"stranger|adult|male|group)",
        r"held against (?:her|his|their) will", "missing", "disappeared",
        # Held now: "being held there since Friday", "not allowed out".
        r"(?:being |is being |are being )held (?:there|here|captive|hostage|prisoner|against)",
        r"not (?:allowed|let) (?:out|to leave|to go home|home|back home|in)",
        r"keeping (?:her|him|them|my \w+|his \w+|her \w+) (?:in|at|locked)",
        r"not (?:come|came|been|gone|going) (?:back )?home",
        r"not (?:come|came|been) back"
        r"(?! to (?!home|the home|the house|the flat|the ward|the unit|the placement|the hostel|"
        r"the refuge|(?:his|her|their) (?:placement|foster home|carers?)))",
        "not returned", r"not been seen", r"not seen since",
        # Seen by nobody since, late back, lost: "nobody at the hostel has seen Rhiannon since".
        r"(?:not|nobody|no one) (?:\w+ ){0,3}(?:has |have |had )?(?:seen|heard from) "
        r"(?:\w+ ){1,2}since",
        r"(?:do not|does not|did not) (?:know|no) where "
        r"(?:i am|we are|she is|he is|they are taking)",
        # "Nobody has seen him" alone is missing; "nobody has seen him act up" is not.
        r"(?:no one|nobody) has seen (?:him|her|them)(?= (?:since|for|all|anywhere|at all)|$)",
        r"(?:no one|nobody) (?:knows where|has heard from)",
        r"(?:not been able|unable|not able|been unable) to (?:find|locate|trace|reach) "
        r"(?:him|her|them)",
        r"still not (?:back|home|found|located|returned|come back|came back)",
        r"not (?:back|home) (?:yet|since)",
        r"not back(?= ,|$)",
        r"can not be (?:found|located)", r"could not be (?:found|located)",
        r"can not (?:find|locate)", r"not been (?:found|located)",
        r"whereabouts (?:are )?(?:unknown|not known)", r"ran away", r"run away", "running away",
        "runaway", "absconded", "absconding", r"no sign of (?:him|her|them)", "wandering alone",
        rf"taken {gap(1)}(?:baby|child|children|kids|son|daughter)", r"not at home",
        r"not been home", r"nowhere to be (?:found|seen)",
        r"(?:searched|looked|checked) (?:\w+ ){0,4}(?:and|but) (?:he|she|they) (?:is|are|was|were) "
        r"(?:not|nowhere)",
    )
)
MISSING_SIGN = compile_words(
    words(
        r"last seen", r"phone (?:is |was )?(?:now |still )?(?:off|dead|switched off|closed)",
        r"(?:straight|goes|going|went) to voicemail", r"(?:was|were|is|are) due (?:back|home)",
        r"lost (?:sight|track) of (?:him|her|them|mr \w+|mrs \w+|ms \w+|\w+)",
        r"in (?:his|her|their) (?:pyjamas|nightie|nightdress|slippers|dressing gown)",
        r"(?:no|without) (?:contact|parental) rights",
        # "We don't know where." Told alone, the place is what is not known.
        r"(?:do|does|did) not know where"
        r"(?= ,|$| (?:she|he|they) (?:is|are|went|has gone|have gone))",
        # Silence since: "since then there has been no word from her".
        r"no (?:word|contact|news|reply|replies|response|messages?) (?:at all )?from "
        r"(?:him|her|them)",
        # Signs that someone living alone has not been up and about.
        r"not (?:taken|picked up|collected) (?:in )?(?:his|her|their|the) "
        r"(?:milk|post|mail|papers?|medication|prescription)(?: in)?",
        r"(?:post|mail|milk|papers) (?:has |have )?(?:piled|piling) up",
        r"curtains (?:have been |are |were |had been )?(?:shut|closed|drawn)",
        r"(?:nobody|no one) (?:has )?answered the door", r"not answering (?:the|his|her) door",
        # ... but not the person of concern going when challenged ("drove off when approached").
        r"(?:walked|ran|wandered|slipped|drove) (?:out|off|away)(?! (?:as soon as|when|once) "
        r"(?:approached|challenged|spoken|asked|seen|staff|we|i|the)(?!\S))",
        # Not where a child should be, told bare: "Mum says she's not home." "Not home, not at
        # friends." "She wasn't on the bus."
        r"not (?:at )?home(?= ,|$| yet| now| since)",
        r"not (?:at|with) (?:(?:his|her|their|a) )?(?:friends?|mates?|nan|gran|dad|mum)(?= ,|$)",
        r"(?:was|were|is|are) not on the (?:school )?(?:bus|coach|train|minibus|taxi)",
        # A runaway's note: "I'm leaving for good, don't look for me".
        r"(?:do not|never) (?:come )?(?:look|looking|search|searching) for (?:me|us|him|her|them)",
        r"(?:leaving|left|gone|going|run away|running away) for good",
        "not collected", r"no adult", r"(?:out |still )?(?:looking|searching) for (?:him|her|them)",
    )
)
ORDINARY_MISSING = compile_words(
    words(
        # Not coming to a club or a session the writer runs: "missing from youth club for weeks".
        r"missing (?:from |out on )?(?:his |her |their |the )?(?:youth )?(?:clubs?|training|"
        r"practice|sessions?|rehearsals?|groups?|scouts|guides|cadets|football|church|mosque|"
        r"madrassa|activities|appointments|tutoring|college|nursery)",
        r"missing (?:from )?(?:a lot of |lots of |some |several )?(?:lessons?|school|class(?:es)?|"
        r"homework|coursework|work|meals?|appointments?|the bus|deadlines?|out|in action|money|"
        r"cash|items?|teeth|tooth|pieces?)",
        r"(?:phone|purse|wallet|keys|bag|money|homework|item|bike|laptop|dog|cat|cash|benefits|"
        r"pension|card|cards|things|jewellery|medication|meds) "
        r"(?:(?:was|is|has been|went|had gone|gone|had been|been|is going|are going|keeps going|"
        r"keep going|going|goes) )?missing",
        # Days off school: "Missing Mondays mostly", "missing most mornings".
        r"missing (?:(?:a lot of|lots of|most|some|several|the odd|odd) )?(?:mondays|tuesdays|"
        r"wednesdays|thursdays|fridays|days?|mornings|afternoons|school days|registration|periods)",
        r"missing (?:her|his|their|my) (?:dad|mum|mom|mother|father|family|friends?|brother|"
        r"sister|nan|gran|grandma|grandad|home|old)",
        r"run away (?:from|with) (?:the|a) (?:dog|ball)",
        r"(?:started|starts|start|keeps|keep|kept|been|is|was|are|were|for) missing "
        r"(?!(?:since|from|for|after|overnight|again|now|today|tonight|this|by|at|in|on|with|"
        r"and|or|but|as|until|yesterday|last|person|persons|child|children|girl|boy|man|woman|"
        r"people|pupil|student|teen\w*)(?!\S))[a-z]\w*",
    )
)
# A pet got out: the search in the record is for an animal ("her dog got out, she's been
# searching all day").
PET_LOST = compile_words(
    r"(?:dog|cat|puppy|kitten|pet|tortoise|rabbit|parrot|budgie|horse|hamster|pony) "
    r"(?:\w+ ){0,2}(?:got out|escaped|ran off|run off|went missing|is missing|has gone|got lost|"
    r"is lost|missing|has been missing|lost)"
)
FOUND = compile_words(
    words(
        r"brought (?:her|him|them) (?:back|home)", "all along", "located", "traced",
        # The person found, not a thing of theirs ("found his wedding ring on the table").
        r"found(?! (?:me|us|out)(?!\S))(?! (?:(?:his|their|my|a|an|the|some) "
        r"(?!boy|girl|child|man|woman|lad|pupil|young|"
        r"kid|son|daughter|student|resident|patient|baby|person|teen)|"
        r"her (?!at|in|on|safe|and|with|by|near|outside))\w)",
        "returned", r"came (?:back|home)", r"come (?:back|home)", r"turned up", "back home",
        "home safe", r"(?:is|was|are|were) safe", "safe and well",
        r"knows where (?:he|she|they) (?:is|are)", "in the toilets", r"with us throughout",
        r"is (?:now )?(?:home|back)", r"with (?:his|her) family",
    )
)
# A return that was only hoped for, or belongs to an earlier time, does not end this one.
FOUND_ELSEWHERE = compile_words(
    words(
        "might", "may", "could", "hoped", "hoping", "whether", "if", "last time",
        "previously", "before", "usually", "normally", "used to", "in the past",
    )
)
NOT_FOUND = compile_words(
    words(
        r"not (?:been |yet )?(?:found|located|returned|come|came)",
        r"(?:not|nobody|no one) knows where", r"be found", r"yet to",
    )
)

DANGER_NOW = compile_words(
    words(
        r"(?:urgent|urgently|emergency|immediate danger|immediate risk|life at risk|risk to life|"
        r"needs? help now|send someone|call 999|ring 999|dial 999)",
        r"(?:slide|slid|sliding|ride|riding) on (?:the )?opps", r"or worse",
        r"on (?:his|her|their) own", r"(?:nobody|no one) answers", r"not in the building",
        r"gate was left open", r"coming to (?:get|collect|pick up|take) (?:her|him|them)",
        r"(?:man|men|someone|person|boy|guy) (?:she|he|they) met (?:online|on \w+)", "ledge",
        "balcony", "cliff", r"railway (?:line|track)", "canal",
        r"(?:blood|bleeding|injured|hurt|unsafe|in danger|panicking|hysterical)",
        r"(?:going to|will|gonna) do (?:him|her|them)(?! a)",
        r"(?:pick|picking|picked) (?:her|him|them) up", rf"invited (?:her|him|them) {gap(3)}party",
        r"not answering", r"grown (?:men|man)",
        r"(?:for|asking for|begging for|screaming for) help", r"help me",
        rf"giving (?:her|him|them) {gap(1)}(?:vodka|alcohol|drink|drugs|pills)",
        rf"(?:she|he) is (?:1[0-5]|[4-9]) {gap(12)}(?:with|and) {gap(2)}(?:men|man|males?|adults?)",
        r"smashing(?: up)?", "violent", r"kicking off", "rampage", "trashing", "drunk",
        r"squar(?:ing|ed) up",
        r"can not (?:get out|leave|escape)", r"given (?:drugs|alcohol)", "school uniform",
        r"(?:can not|could not|unable to) get up",
        # A pre-arranged alarm: "if you don't hear from me by 8, call someone".
        r"if (?:you|u) (?:do not|did not|have not) (?:hear|heard) from (?:me|us|him|her)",
        r"on the (?:\w+ )?floor (?:since|for|all)",
        # Signs on the body now: slurring, barely able to stand; pressure on the neck.
        "slurring", r"can (?:barely|hardly) (?:stand|breathe|walk|speak|talk)",
        r"(?:squeez|grabb|press|chok|strangl|throttl)\w* (?:on )?(?:his|her|their|my) "
        r"(?:throat|neck)",
        "unconscious", r"not breathing", "collapsed", r"bleeding(?: heavily| badly| a lot)?",
        r"(?:can not|could not|unable to) (?:wake|rouse) (?:him|her|them)(?! up for| for)",
        "unresponsive", "strangling", "choking", "beating", "hitting", "punching", "kicking",
        "stamping", "screaming", "attacking", r"(?:left |home )?alone", "stabbed", "shot",
        "injured", r"do something (?:stupid|silly|drastic)",
        rf"(?:taking|take|taken|picking {gap(1)}up|pick {gap(1)}up|collect(?:ing)?|meet(?:ing)?|"
        rf"meeting up with|arranged to meet|driving) (?:her|him|them|me|us|a girl|a boy|a child|"
        rf"the girl|the boy|the child)",
        # A cry for help quoted as it was written: "help, they're taking me somewhere".
        r"(?:^|(?<=, ))help(?: me| us)?(?= ,|$| please)",
        # A message that tells someone they are found: "we know where you live, don't bother
        # hiding" ("no" for "know" in text speak).
        r"(?:we|i|they) (?:know|no|knw) where (?:you|u) (?:live|are|stay|sleep)",
        r"(?:do not|no point|not worth) (?:even )?(?:bother )?(?:bothering )?(?:hiding|running)",
        r"(?:can not|can run but (?:you )?can not) hide",
        # Veiled: "watch what happens", "a surprise for his brother", "one way or another".
        r"watch what happens", r"one way or (?:another|the other)",
        r"(?:will not|would not) like (?:what happens|the other way|what comes)",
        r"(?:a |got a |have a |has a |got something |something )(?:special |little )?"
        r"(?:present|surprise|something) for (?:him|her|them|his \w+|her \w+|mr \w+|ms \w+|mrs \w+|"
        r"miss \w+|\w+)",
        # A court's protection crossed, or a child taken by someone who may not have them.
        r"(?:restraining|non molestation|court|protection) order",
        r"(?:no|without) (?:contact|parental) (?:rights|order)", r"(?:got|been|getting|get) jumped",
        r"(?:coming|come|be|go|going)(?: back)? (?:later )?for (?:him|her|them|you|me|us|the \w+)",
        # Coming at a time to take a child: "coming at 6 to take her daughter to Birmingham".
        r"coming (?:\w+ ){1,3}to (?:get|collect|pick up|take|fetch|grab) (?:"
        r"(?:her|his|their|the) (?:daughter|son|child|children|kids?|girl|boy|baby)|her|him|them)",
        r"not let (?:her|him|them|me|us|anyone) (?:leave|go|in|out)",
        r"locked (?:her|him|them|me|us|his \w+|her \w+|their \w+)"
        r"(?: and (?:the|her|his|their) \w+)? (?:in|inside|up)",
        r"(?:put|slipped|spiked) (?:something |\w+ )?(?:in|into)? ?(?:my|her|his|their) drinks?",
        "spiked", r"(?:told|warned|tell|telling) (?:\w+ ){0,4}to (?:stay|keep) away",
        r"locked (?:in|up)", r"held (?:against|at|in)",
        "trapped", "bundled", "dragged", r"forced (?:into|to)", r"kidnap\w*", r"abduct\w*",
        r"traffick\w*", r"(?:trying|tried) to (?:get|break) in", r"break(?:ing)? in",
        r"(?:banging|hammering|pounding|kicking) (?:on |at |in )?(?:the|her|his|their|my|our) "
        r"(?:front |back )?door",
        r"(?:break|kick|smash) (?:it|the door|her door|his door) (?:down|in)",
        "scared", "frightened", "terrified", r"in danger",
        # Followed now, "he'll have her later".
        r"(?:following|followed) (?:her|him|them|me|us|my \w+|the bus|the car|my car)",
        r"(?:following|followed) (?:a |the |some )?(?:group of )?(?:girls|boys|children|kids|"
        r"pupils|women|young people)",
        r"(?:get|have) (?:her|him|them|you) later",
        r"beat (?:him|her|them|me) (?:up|(?:very |really |so )?(?:bad|badly)|black and blue)",
        r"lock(?:s|ed)? (?:the door|her in|him in|them in|me in|her in the \w+)",
        r"jump (?:him|her|them)", "fight",
        r"fighting(?! in (?:it|the|a|this|that))", "attack", "attacking", "assault", "rape",
        r"hurt (?:him|her|them|\w+) "
        r"(?:really )?(?:bad|badly)",
        rf"(?:going to|will) {gap(1)}(?:hurt|harm|attack|beat)", r"sort (?:him|her|them) out",
        "revenge", "not want to go",
        r"(?:scared|afraid|frightened|terrified) to go (?:back )?home",
        r"(?:get|got|getting|pull|pulled|drag|lure|lured|grab|grabbed|push|pushed|force|bundle|"
        r"snatch|snatched) (?:a|the|this|that) (?:child|girl|boy|kid|young person)",
        r"(?:tried|trying) to (?:get|take|grab|snatch|lure|pull)",
        r"get in (?:the|his|their|a) (?:car|van)", "or else",
        # Luring and watching children; a threat to whoever gets in the way.
        # Luring as it happens ("calling to pupils to get into the van"), not a past offer.
        r"(?:asking|telling|calling|calling to|trying to get|urging|waving|beckoning) (?:\w+ ){0,3}"
        r"(?:to )?(?:come|get|go) (?:in|into|to|over to) (?:the|his|their|a|my) "
        r"(?:car|van|vehicle)",
        r"(?:photographing|filming|taking (?:photos|pictures) of) (?:the )?"
        r"(?:children|kids|girls|boys|pupils)",
        r"circling (?:the|a|round|around) (?:school|house|block|estate|park|area|flats?|street)",
        r"(?:you|anyone|whoever)(?: \w+){0,6} (?:will|would|are going to|is going to) regret "
        r"(?:it|this)",
        r"still in the (?:room|house|flat|car)",
        rf"(?:men|man|males?|adults?) {gap(3)}(?:a |the )?(?:girl|boy|child|kid)",
        rf"(?:girl|boy|child|kid) {gap(10)}(?:with|and) (?:two |three |some |an? |older |adult )*"
        r"(?:men|man|males?)",
        r"waiting for (?:a|the) (?:year \d+|child|girl|boy|kid)",
        # Someone who has tracked a person down: "found out where she now lives".
        r"(?:knows?|found out|find out|worked out|knowing) where (?:\w+ ){1,2}(?:now )?"
        r"(?:live|lives|are|is|work|works|stay|stays|sleep|sleeps|park|parks|go|goes|walks?)",
    )
)
# Words of death that no rule above placed: urgent on their own unless negated, over, an idiom,
# a story or a joke. Whose death they speak of decides the kind.
DEATH = compile_words(
    words(
        "die", "dies", "dying", "dead", "death", r"(?:not|last day|never) (?:be )?alive",
        r"body ?bag", "funeral", "coffin", "grave", r"(?:not|never) wake up", r"kill\w*",
        r"murder\w*", r"suicid\w*", r"join (?:him|her|them)(?! for| at| in the| on)",
        r"last day (?:alive|on earth)", r"(?:sleep|go to sleep) (?:forever|for ever)",
        r"six feet under", r"rest in peace", r"r ?i ?p (?:me|him|her)",
    )
)
SELF_REFERENCE = compile_words(
    words(
        "myself", "himself", "herself", "themselves",
        r"(?:i|he|she|they) (?:want|wants|wanted|"
        r"is going|am going|are going|will|would) (?:to )?(?:die|be dead|join|sleep|not wake)",
        r"(?:my|his|her|their) (?:own )?(?:funeral|grave|coffin)", r"go to sleep",
        r"(?:she|he|i) (?:wants|want) to join",
    )
)
SERIOUS_HARM = compile_words(words(r"(?:really |very )?(?:bad|badly|seriously)", "revenge"))
# fmt: on

# The when-answer read as a whole, for the record it dates. Settled ("tonight, dealt with",
# "confiscated") ends the record whatever time it also gives; distant ("back in August", "in
# 2023", "at the time", "last Sunday") ends it unless the answer also says now. Either way, an
# information sentence with a time of its own ("he will stab her tonight") keeps its danger.
# fmt: off
WHEN_SETTLED = compile_words(
    words(
        "dealt with", "resolved", "confiscated", "sorted", "handled",
        # Finished, not on the way: "it's all over now", but not "he's heading over now".
        r"(?:(?:^|all|it is|that is|this is|is|was) )over now",
        r"(?:now |since )?(?:home|back) safe(?:ly)?", "safe and well", r"(?:was|were) found",
        r"no (?:longer|further)", r"(?:has|have) since", "moved away", "moved out",
    )
)
WHEN_DISTANT = compile_words(
    words(
        r"at the time", r"back in", r"(?:19|20)\d\d", r"(?:years?|months?) ago",
        r"last (?:month|year|term|season|summer|spring|autumn|winter|christmas|easter|half term)",
        r"a (?:while|long time|few months) (?:ago|back)", "historic", "historical",
        r"in (?:january|february|march|april|may|june|july|august|september|october|november|"
        r"december)", r"when (?:he|she|they|i) (?:was|were) (?:\d+|little|young|small|younger)",
        r"over the (?:summer|holidays|christmas|easter|half term)", "previously", "used to",
        r"in year \d+", r"at primary",
        # The same for years: "longstanding", "for years", "chronic".
        r"long ?standing", r"(?:for|over) (?:many |several |some )?years", "chronic", "lifelong",
    )
)
WHEN_RECENT_PAST = compile_words(
    words(
        r"last (?:week|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        r"(?:\w+ )?weeks? ago", r"a few weeks (?:ago|back)",
    )
)
WHEN_ROUTINE = compile_words(
    r"(?:most|some|many|all|on) (?:days|evenings|nights|mornings|afternoons|weekends|weekdays)"
)
# A when-answer that tells a habit or a long stretch, not a moment ("most Friday evenings", "every
# week", "ongoing", "over the last few weeks", "since the summer"): with no word of now in it,
# the learned reading leaves the record to the rules.
WHEN_HABIT = compile_words(
    words(
        r"(?:most|many|some|all|every|on|at) (?:\w+ )?(?:days|evenings|nights|mornings|afternoons|"
        r"weekends|weekdays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)",
        r"every (?:\w+ )?(?:day|week|weekend|morning|evening|night|month)",
        r"(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)",
        "ongoing", "regularly", "usually", "often", "always", "weekly", "daily",
        r"for (?:\w+ )?(?:weeks|months|years)",
        r"over the (?:\w+ ){0,2}(?:weeks|months|year|term|summer|holidays)",
        r"since (?:the )?(?:summer|spring|autumn|winter|christmas|easter|half term|september|"
        r"january|last year|year \d+)",
    )
)
# A when-answer that says today without saying "now": a clock time ("18:15", "00:40", "at 6"),
# "later", "currently on the ward".
WHEN_TODAY = compile_words(
    words(
        r"\d{1,2}[.:]\d\d(?: ?(?:am|pm))?", r"(?:at|by|before|until|till) \d{1,2}",
        r"\d{1,2} ?(?:am|pm|o clock)", "later", "currently", "now", "tonight", "today",
        "this (?:morning|afternoon|evening|weekend)", "tomorrow", "ongoing now",
        "happening", "in progress", r"(?:min|mins|minutes|hour|hours|hrs) ago",
        r"soon(?! after)",
        r"right now", "as we speak", "still",
    )
)
# Signs that a danger is going on as it is written, without a clock: someone still there,
# outside, waiting, on the way, refusing to leave, at it now, has just done it. Weak times: they
# let a weak danger word count, never override a past marker.
GOING_ON = compile_words(
    words(
        r"still (?:here|there|outside|inside|in the|at the|sitting|sat|waiting|standing|parked|"
        r"around|hanging around|on the)",
        r"(?:is|are|am|still|now) outside", r"outside (?:\w+ ){1,3}(?:now|again|right now)",
        r"(?:waiting|parked|sitting|sat|standing|hanging around|lurking|circling) (?:outside|by|at|"
        r"near|for)",
        r"on (?:his|her|their|my) way", r"(?:refusing|refuses) to (?:leave|go)",
        r"keeps? (?:trying|coming|ringing|calling|texting|messaging|banging|knocking|turning up)",
        r"(?:has|have) just (?!been (?:told|informed))\w+",
        r"(?:is|are) (?:kicking off|banging|shouting|screaming|fighting|hitting|attacking|"
        r"smashing|threatening|waving|chasing|following|hammering)",
    )
)
# Said without the words of harm: "she might do something silly", "not safe to go home".
UNDERSTATED_SELF = compile_words(
    words(
        r"(?:do|doing|done) something (?:silly|stupid|daft|drastic|to (?:himself|herself|"
        r"themselves|myself))",
        r"can not keep (?:himself|herself|themselves|myself) safe",
    )
)
UNDERSTATED_DANGER = compile_words(
    words(
        r"not (?:feel |feeling )?safe (?:to go|going|to be|to return) (?:back )?home(?! (?:in|at) "
        r"(?:the|the long|future))",
        r"(?:too )?(?:scared|afraid|frightened|terrified) (?:to go|of going) (?:back )?home",
    )
)
# fmt: on
