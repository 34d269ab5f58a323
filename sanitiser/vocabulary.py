"""Word lists the matchers consult.

They are small on purpose: the sanitiser knows who the source is, so these lists only decide how a
candidate match is read (a title, a street suffix, a generic organisation word), never what to
remove on their own.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """Word lists are written as prose-like blocks; this turns one into a set."""
    return frozenset(text.split())


MARKER = "[source removed]"

APOSTROPHES = "'\u2019\u2018`"

TITLES = word_set(
    """
    mr mrs ms miss mx dr doctor prof professor sister nurse rev revd reverend father fr pastor
    sir dame lady lord cllr councillor coach matron imam rabbi canon madame mme mother sheikh
    shaykh ustadh ustadha puan encik
    """
)
# Words that join a surname to what comes before it ("de Souza", "van der Berg", "binti Ahmad"):
# never a given name, and a title may stand before them and the surname.
NAME_PARTICLES = word_set(
    "de da di do dos das du del della van von der den ter le la al el bin binti binte ap"
)

# Qualifications written after a name in signatures ("S.H. RN", "Dr Patel MBChB MRCGP").
POST_NOMINALS = tuple(
    sorted(
        word_set(
            """
            RN RGN RMN RSCN RNLD RM SCPHN SPHN NMP MBBS MBChB BMBS MRCGP FRCGP MRCP MRCPCH FRCP
            DRCOG DCH DFSRH MRPharmS MPharm FRPharmS IP BSc MSc BA MA MEd BEd PGCE PGDip QTS NPQH
            NPQSL DipSW CQSW MBE OBE CBE PhD LLB Hons DipHE CertHE FdA ACA MCIH CIH SWE HCPC
            """
        ),
        key=lambda item: (-len(item), item),
    )
)

# Words after a surname or organisation word that make it a place, not the source.
PLACE_WORDS = word_set(
    """
    road rd street st lane ln avenue ave close cl drive dr way park court ct crescent cres place pl
    gardens gdns terrace tce hill square sq green estate grove walk row mews parade rise view vale
    fields meadow meadows common heights wharf quay bridge yard gate end field industrial retail
    shopping recreation rec playing leisure library station arms tavern inn bypass roundabout
    junction circus boulevard embankment hall causeway
    """
)

# Words that do not identify an organisation on their own.
# Welsh words for kinds of organisation ("Canolfan Ieuenctid" is Youth Centre).
WELSH_ORG_WORDS = word_set(
    """
    ysgol canolfan ieuenctid meddygfa fferyllfa cymuned cymunedol gynradd uwchradd gyfun feithrin
    eglwys capel clwb gwasanaeth gwasanaethau teulu tai cyngor ysbyty coleg prifysgol iechyd
    """
)

ORG_GENERIC_WORDS = (
    word_set(
        """
    the of and for at in on a an & ltd limited plc llp cic co company group trust foundation
    school schools academy academies primary secondary infant infants junior juniors nursery high
    grammar college sixth form university uni community church england ce c of e voluntary aided
    surgery practice medical health healthcare centre center clinic hospital nhs partnership
    partners pharmacy pharmacies chemist chemists council borough city county district services
    service housing association homes hotel hotels taxis taxi cabs cars private hire
    youth club project projects team department dept unit hub store stores shop shops supermarket
    superstore local social care children's childrens family families team services
    maternity
    federation mat multi learning free studio studios catholic cofe methodist anglican
    islamic jewish christian baptist rc dental dentist dentists opticians optician vets veterinary
    salon garage cafe restaurant pub gym fc afc rfc sports juniors shopping retail mall arcade
    """
    )
    | WELSH_ORG_WORDS
)

# Leading parts of English place-name compounds, used to guess acronyms ("Kingsweston" -> "KW").
COMPOUND_HEADS = (
    "kings",
    "queens",
    "north",
    "south",
    "east",
    "west",
    "new",
    "old",
    "long",
    "great",
    "little",
    "upper",
    "lower",
    "high",
    "bishops",
    "church",
    "market",
    "castle",
    "saint",
    "brook",
    "green",
    "oak",
    "ash",
    "elm",
    "black",
    "white",
    "red",
    "lady",
    "st",
    "fair",
    "south",
    "river",
    "hill",
    "stone",
    "wood",
    "moor",
)
COMPOUND_TAILS_MIN = 3

# Towns and cities an organisation is often named after ("Leeds Family Hub"): named alone they are
# usually a place in the information, so only the organisation's full name is removed.
MAJOR_PLACES = word_set(
    """
    london birmingham manchester liverpool leeds sheffield bristol newcastle nottingham leicester
    coventry bradford cardiff swansea newport glasgow edinburgh aberdeen dundee belfast derry
    southampton portsmouth plymouth exeter bath gloucester cheltenham swindon oxford cambridge
    reading brighton hove norwich ipswich peterborough northampton milton keynes luton watford
    stoke wolverhampton walsall dudley sandwell salford stockport oldham rochdale bolton wigan
    preston blackpool blackburn burnley lancaster carlisle sunderland durham middlesbrough york
    hull wakefield huddersfield halifax doncaster rotherham barnsley derby lincoln chester crewe
    warrington wirral worcester hereford taunton weston yeovil bournemouth poole salisbury
    winchester basingstoke guildford woking crawley maidstone canterbury dover chelmsford
    colchester southend basildon harlow stevenage bedford slough wycombe somerset devon cornwall
    avon kent essex surrey sussex yorkshire lancashire cheshire
    """
)

# Common first names: a capitalised word from this list just before the source's surname means a
# different person shares the surname ("Kyle Hughes" is not "Mrs Hughes").
COMMON_FIRST_NAMES = word_set(
    """
    aaliyah aaron abbie abby abdul abigail adam adele adrian ahmed aidan aiden aisha alan albert
    alex alexander alexandra alfie alice alicia alison amber amelia amir amy ana andrea andrew
    angela anna anne annie anthony archie arjun arthur ashley aurora ava barbara bella ben benjamin
    beth bethany billy bob bobby bradley brandon brian brooke callum cameron carl carla carol
    caroline catherine charles charlie charlotte chelsea chloe chris christine christopher claire
    connor courtney craig daisy dale daniel danielle darren david dean debbie declan demi dennis
    diane dominic donna dylan eddie edward eleanor elijah elizabeth ella ellie elliot elsie emily
    emma eric erin ethan eva evelyn evie faith farah fatima finley florence frankie freddie freya
    gary gemma george georgia grace graham hannah harley harper harrison harry harvey hayden hayley
    heather helen holly hugo ian imogen isaac isabel isabella isla ivy jack jackson jacob jade
    jake james jamie jane janet jasmine jason jay jayden jennifer jenny jess jessica joanne joe
    joel john jonathan jordan joseph josh joshua julie justin kai karen kate katie kayden kayla
    kelly kerry kevin khalid kieran kim kyle laila lauren layla leah lee leo leon lewis liam
    lily lisa logan louie louis louise lucas lucy luke lydia mackenzie maddison madison maisie
    maria mark marcus martin mason matilda matthew max maya megan melissa mia michael michelle
    mohammed mohammad muhammad molly nathan neil nicola nicole noah olivia oliver omar oscar owen
    paige patrick paul peter phoebe poppy priya rachel rebecca reece reggie rhys richard riley
    robert robyn rory rosie ruby ryan sam samantha samuel sandra sara sarah scarlett scott sean
    shane shannon sharon sienna sofia sophia sophie stacey stephen steven stuart summer susan
    tanya taylor teddy theo thomas tia tiffany tom tommy toby tony tyler vanessa victoria wayne
    william willow yasmin yusuf zac zach zak zara zain zayn zoe
    """
)

# Short forms people sign with ("Thanks, Becky"); prefixes ("Dan", "Stu") are added automatically.
DIMINUTIVES = {
    "rebecca": ("becky", "becca", "bex"),
    "elizabeth": ("liz", "lizzie", "beth", "betty"),
    "katherine": ("kate", "katie", "kath", "kat"),
    "catherine": ("cath", "cathy", "kate", "katie"),
    "william": ("will", "bill", "billy"),
    "robert": ("rob", "bob", "bobby", "robbie"),
    "margaret": ("maggie", "meg", "peggy"),
    "stephen": ("steve",),
    "steven": ("steve",),
    "michael": ("mike", "mick", "mikey"),
    "richard": ("rich", "richie", "dick"),
    "jennifer": ("jen", "jenny"),
    "samantha": ("sam", "sammy"),
    "samuel": ("sam", "sammy"),
    "alexander": ("alex", "sandy"),
    "alexandra": ("alex", "lexi"),
    "christopher": ("chris",),
    "christine": ("chris", "chrissie"),
    "nicholas": ("nick", "nicky"),
    "jonathan": ("jon", "jonny"),
    "joseph": ("joe", "joey"),
    "susan": ("sue", "suzie"),
    "victoria": ("vicky", "vic", "tori"),
    "beverley": ("bev",),
    "agnieszka": ("aga",),
    "thomas": ("tom", "tommy"),
    "daniel": ("dan", "danny"),
    "matthew": ("matt",),
    "benjamin": ("ben",),
    "edward": ("ed", "eddie", "ted"),
    "anthony": ("tony",),
    "patricia": ("pat", "trish"),
    "olumide": ("olu",),
    "mohammed": ("mo",),
    "muhammad": ("mo",),
    "joanne": ("jo", "jojo"),
    "joanna": ("jo",),
    "johanna": ("jo",),
    "josephine": ("jo", "josie"),
    "david": ("dave", "davy"),
    "james": ("jim", "jimmy", "jamie"),
    "andrew": ("andy", "drew"),
    "jacqueline": ("jackie", "jacqui"),
    "amanda": ("mandy",),
    "gareth": ("gaz",),
    "gary": ("gaz",),
    # English short forms beyond a simple prefix.
    "nicola": ("nicky", "nikki"),
    "kimberley": ("kim",),
    "timothy": ("tim", "timmy"),
    "philip": ("phil", "pip"),
    "phillip": ("phil",),
    "gregory": ("greg",),
    "frederick": ("fred", "freddie"),
    "albert": ("bert", "bertie"),
    "henry": ("harry", "hal"),
    "terence": ("terry", "tel"),
    "lawrence": ("laurie", "larry", "loz"),
    "leonard": ("len", "lenny"),
    "raymond": ("ray",),
    "ronald": ("ron", "ronnie"),
    "donald": ("don", "donny"),
    "douglas": ("doug", "dougie"),
    "francis": ("frank", "fran"),
    "frances": ("fran", "frankie"),
    "gillian": ("gill", "jill", "gilly"),
    "kathleen": ("kath", "kathy"),
    "eleanor": ("ellie", "nell", "nora"),
    "isabel": ("izzy", "issy", "bel"),
    "isabella": ("izzy", "bella"),
    "abigail": ("abi", "abby", "gail"),
    "charlotte": ("lottie", "charlie", "lotte"),
    "natasha": ("tash", "tasha"),
    "natalie": ("nat", "tally"),
    "penelope": ("penny",),
    "philippa": ("pippa", "pip"),
    "theresa": ("tess", "terri", "tessa"),
    "teresa": ("tess", "terri", "tessa"),
    "caroline": ("caz", "carrie", "caro"),
    "carolyn": ("caz",),
    "sharon": ("shaz",),
    "karen": ("kaz",),
    "sarah": ("saz",),
    "stephanie": ("steph",),
    "suzanne": ("suzy", "sue"),
    "christina": ("tina", "chris"),
    "bernard": ("bernie",),
    "bernadette": ("bernie", "detta"),
    "nathaniel": ("nat", "nate"),
    "nathan": ("nate",),
    "jeremy": ("jez",),
    "gerald": ("gerry",),
    "geraldine": ("gerry",),
    "barry": ("baz",),
    "darren": ("daz",),
    "kevin": ("kev",),
    "trevor": ("trev",),
    "kenneth": ("ken", "kenny"),
    "vincent": ("vince", "vinny"),
    "oliver": ("olly", "ollie"),
    "harriet": ("hattie", "hetty"),
    "jessica": ("jess", "jessie"),
    "matilda": ("tilly",),
    "rosemary": ("rosie",),
    "rosalind": ("ros", "roz"),
    "deborah": ("debbie", "deb", "debs"),
    # Irish, Welsh and Scottish.
    "siobhan": ("shiv",),
    "padraig": ("paddy",),
    "patrick": ("pat", "paddy"),
    "seamus": ("shay",),
    "rhiannon": ("rhi",),
    "dafydd": ("dai", "dave", "dafs"),
    "llewellyn": ("llew",),
    "myfanwy": ("myf",),
    "catriona": ("cat", "trina"),
    "alasdair": ("ali", "al"),
    "alistair": ("ali", "al"),
    "alastair": ("ali", "al"),
    # Polish.
    "katarzyna": ("kasia", "kasha", "kate"),
    "paweł": ("pav", "pawel"),
    "pawel": ("pav",),
    "małgorzata": ("gosia", "małgosia", "malgosia"),
    "malgorzata": ("gosia", "malgosia"),
    "aleksandra": ("ola",),
    "wojciech": ("wojtek",),
    "krzysztof": ("krzys", "chris"),
    "magdalena": ("magda",),
    "grzegorz": ("greg",),
    "tomasz": ("tomek", "tom"),
    "jakub": ("kuba",),
    # South Asian.
    "rajinder": ("raj",),
    "rajesh": ("raj",),
    "jaswinder": ("jas",),
    "priyanka": ("priya",),
    "sukhwinder": ("sukhi",),
    "ravinder": ("ravi",),
    "mohamed": ("mo",),
    # Nigerian and West African.
    "oluwaseun": ("seun",),
    "oluwatobi": ("tobi",),
    "oluwafemi": ("femi",),
    "chukwuemeka": ("emeka",),
    "chidinma": ("chi", "dinma"),
    "chiamaka": ("amaka", "chi"),
    "chinonso": ("nonso",),
    "babatunde": ("tunde",),
    "folasade": ("sade", "fola"),
    "ifeoma": ("ife",),
    "chinedu": ("nedu",),
}

# Ordinary words that are also surnames: only matched alone when capitalised.
COMMON_WORD_SURNAMES = word_set(
    """
    baker smith taylor wood woods hill green white brown black young king wright turner cook
    walker hall ward bell moore rose may hope mason carter hunter fisher butler marsh lane field
    fields price long little rich sharp swift wise gray grey stone bishop knight page porter
    cooper chambers booth church dean fox hart lamb north west south east penny pool power rice
    rivers reed bird bush banks brook day gold frost hardy holly joy lord love mills miles payne
    pike prince read short steel street summers summer tanner tower webb weaver winter grant case
    cross dove drake fry glass head mann best good clay waters hay bond cash chance noble french
    english gardener singer miller archer savage lucky sterling moon star snow storm
    """
)

# Upper-case tokens too common to be read as initials or an acronym on their own.
UPPER_STOPLIST = word_set(
    """
    a i am an as at be by do go he if in is it me my no of oh ok on or so to up us we ok pm ps nb
    uk gb us eu un gp pc dc ds di dci cid mp id tv pe re it dt iq asb cse cce ae ed nhs camhs
    mash sen senco dsl bbc itv hgv suv mot atm cctv dob eta fyi asap rip usa lol omg btw imo ceo hr
    pa pr qc rn rd st the and for but not all any can has had her his him its our out who why how
    yes you are was one two new old get got see saw say sad bad man men boy car van bus cab
    """
)

# Short lower-case words; a token that equals one of these is never a fuzzy name match.
COMMON_WORDS = word_set(
    """
    about above after again against along already also always among another around asked away
    back because been before being below between both brother called came child children class
    could daughter days during each early evening every father female friend friends from girl
    going group half have having house however inside know large later least leave left light
    little local looked looking lower making male mother never night nothing often other outside
    parents people place please point quite really right round said school second seemed seen
    several shall should since sister small something sometimes still street their there these
    thing things think those though three through today together told tonight took towards under
    until upper using usually very watch water weeks where which while white whole would years
    young yours hotel house hours heard
    """
)

# Web mail and shared domains: an address there says nothing about the source's organisation.
GENERIC_EMAIL_DOMAINS = word_set(
    """
    gmail.com googlemail.com hotmail.com hotmail.co.uk outlook.com outlook.co.uk live.com
    live.co.uk msn.com yahoo.com yahoo.co.uk ymail.com icloud.com me.com mac.com aol.com
    btinternet.com sky.com virginmedia.com talktalk.net protonmail.com proton.me gmx.com gmx.co.uk
    mail.com nhs.net example.com example.org example.net
    """
)

# Domain labels that are not an organisation's own name ("sch" in kwa.sch.uk).
GENERIC_DOMAIN_LABELS = word_set(
    "www mail email staff office sch ac co org gov nhs net com uk police gsi example"
)

# Other names the same role goes by: each is matched as the role is.
ROLE_SYNONYMS = {
    "headteacher": ("Head Teacher", "HT", "Head"),
    "head teacher": ("Headteacher", "HT", "Head"),
    "deputy headteacher": ("Deputy Head", "DHT"),
    "deputy head teacher": ("Deputy Head", "DHT"),
    "assistant headteacher": ("Assistant Head", "AHT"),
    "assistant head teacher": ("Assistant Head", "AHT"),
    "community mental health nurse": ("Community Psychiatric Nurse", "CPN", "CMHN"),
    "community psychiatric nurse": ("Community Mental Health Nurse", "CPN", "CMHN"),
    "designated safeguarding lead": ("Safeguarding Lead", "DSL"),
    "deputy designated safeguarding lead": ("Deputy DSL", "DDSL"),
    "youth offending officer": ("YOT Officer", "Youth Justice Officer", "YOS Officer"),
    "youth justice officer": ("YOT Officer", "Youth Offending Officer", "YJS Officer"),
    "special educational needs coordinator": ("SENCo", "SENDCo"),
    "senco": ("SENDCo", "SEN Coordinator", "SEND Coordinator"),
    "sendco": ("SENCo", "SEN Coordinator", "SEND Coordinator"),
    "general practitioner": ("GP",),
    "police community support officer": ("PCSO",),
    "education welfare officer": ("EWO",),
    "health visitor": ("HV",),
    "family support worker": ("FSW",),
    "teaching assistant": ("TA",),
    "learning support assistant": ("LSA",),
}
# Families of names for the same work, as writers describe it rather than as the form titles it
# ("dinner lady" for a cook or a midday assistant, "front desk" for a receptionist): a role that
# is one of a family is also matched as each of the others.
ROLE_FAMILIES = (
    ("receptionist", "reception", "front desk", "front of house"),
    ("cook", "dinner lady", "dinner ladies", "school cook", "kitchen assistant",
     "catering assistant", "midday supervisor", "midday assistant", "lunchtime supervisor",
     "dinner supervisor", "lunchtime assistant"),
    ("refuse collector", "refuse loader", "refuse operative", "bin man", "bin men", "binman",
     "bin crew", "bin lorry"),
    ("caretaker", "site manager", "premises manager", "school keeper", "site supervisor"),
    ("civil enforcement officer", "parking enforcement", "parking warden", "parking attendant",
     "traffic warden", "parking enforcement officer"),
    ("door supervisor", "doorman", "door staff", "bouncer", "head doorman", "door team"),
    ("healthcare assistant", "health care assistant", "care assistant", "nursing assistant",
     "HCA"),
    ("teaching assistant", "classroom assistant", "learning support assistant", "TA"),
    ("church warden", "churchwarden"),
    ("senior conductor", "conductor", "guard", "train guard", "train manager"),
    ("delivery driver", "delivery rider", "courier", "deliveries"),
    ("bus driver", "driver", "bus route"),
    ("taxi driver", "cabbie", "cab driver", "private hire driver"),
    ("plumber", "repairs operative", "repairs team"),
    ("youth worker", "youth leader"),
    ("invigilator", "exams office", "exam invigilator"),
)  # fmt: skip
for _family in ROLE_FAMILIES:
    for _name in _family:
        _others = tuple(other for other in _family if other != _name)
        ROLE_SYNONYMS[_name] = tuple(dict.fromkeys(ROLE_SYNONYMS.get(_name, ()) + _others))

# Short forms of words in job titles: 'Snr Social Worker', 'Sch Nurse', 'Asst Head'.
ROLE_WORD_SHORT_FORMS = {
    "senior": ("snr", "sr"),
    "school": ("sch",),
    "assistant": ("asst",),
    "deputy": ("dep", "dpty"),
    "manager": ("mgr", "mngr"),
    "officer": ("offr",),
    "department": ("dept",),
    "coordinator": ("coord", "coordinator"),
    "co-ordinator": ("coord", "coordinator"),
    "year": ("yr",),
    "practitioner": ("prac",),
    "administrator": ("admin",),
    "supervisor": ("supvr",),
    "specialist": ("spec",),
    "principal": ("prin",),
    "safeguarding": ("sg",),
}
