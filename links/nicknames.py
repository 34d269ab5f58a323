"""Common English short forms of given names, both ways: a nickname is a close match, never an
exact one, so a handler always sees why ("Jay" for "Jayden") and decides."""

# formal name: its usual short forms
_SHORT_FORMS = {
    "alexander": "alex al alec sandy xander",
    "alexandra": "alex lexi sandra sasha",
    "andrew": "andy drew",
    "anthony": "tony ant",
    "benjamin": "ben benny",
    "callum": "cal",
    "charles": "charlie chas chuck",
    "charlotte": "charlie lottie",
    "christopher": "chris kit",
    "daniel": "dan danny",
    "david": "dave davy",
    "dominic": "dom",
    "edward": "ed eddie ted",
    "elizabeth": "liz lizzie beth betty eliza",
    "gabriel": "gabe",
    "harrison": "harry",
    "henry": "harry hal",
    "isabella": "bella izzy isabel",
    "jacob": "jake",
    "james": "jim jimmy jamie",
    "jayden": "jay",
    "jessica": "jess jessie",
    "jonathan": "jon jonny",
    "john": "johnny jack",
    "joseph": "joe joey",
    "joshua": "josh",
    "katherine": "kate katie kat kathy",
    "kieran": "kez",
    "kyle": "ky",
    "leonardo": "leo",
    "margaret": "maggie meg peggy",
    "matthew": "matt matty",
    "michael": "mike mikey mick",
    "mohammed": "mo moe",
    "muhammad": "mo moe",
    "nathaniel": "nat nate",
    "nicholas": "nick nicky",
    "oliver": "ollie olly",
    "patrick": "pat paddy",
    "rebecca": "becky becca",
    "richard": "rich rick ricky dick",
    "robert": "rob robbie bob bobby",
    "samuel": "sam sammy",
    "samantha": "sam sammy",
    "sebastian": "seb",
    "stephen": "steve stevie",
    "steven": "steve stevie",
    "thomas": "tom tommy",
    "timothy": "tim timmy",
    "victoria": "vicky tori",
    "william": "will bill billy liam",
    "zachary": "zach zac",
}

# short or formal form -> every formal name it may stand for
FORMAL: dict[str, frozenset[str]] = {}
for _formal, _shorts in _SHORT_FORMS.items():
    FORMAL.setdefault(_formal, frozenset())
    FORMAL[_formal] = FORMAL[_formal] | {_formal}
    for _short in _shorts.split():
        FORMAL[_short] = FORMAL.get(_short, frozenset()) | {_formal}


def formal_forms(first: str) -> frozenset[str]:
    """The formal names a given name may stand for; itself when it is no known short form."""
    return FORMAL.get(first, frozenset({first}))


def nickname_of(a: str, b: str) -> bool:
    """Whether one given name is a short form of the other (or both of one formal name)."""
    return a != b and bool(formal_forms(a) & formal_forms(b))
