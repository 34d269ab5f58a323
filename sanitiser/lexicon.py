"""Word lists the identifier finder reads a text with.

The finder looks for every identifier whoever it belongs to, so unlike the source matchers'
vocabulary these lists decide what counts as an identifier at all: which capitalised words are
ordinary words (days, months, apps, car makes), which words name a job, which a family tie.
Common English is read from wordfreq's frequency list once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .vocabulary import COMMON_FIRST_NAMES, DIMINUTIVES, word_set

# Capitalised words that never identify anyone on their own.
CAPITALISED_ORDINARY = word_set(
    """
    i i'm i've i'd i'll monday tuesday wednesday thursday friday saturday sunday mondays tuesdays
    wednesdays thursdays fridays saturdays sundays weekends mon tue tues wed weds
    express extra metro superstore premier inn travelodge
    thu thur thurs fri sat sun january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter eid
    ramadan diwali halloween bonfire new year years yr year's mum mummy mam mom dad daddy nan nanna
    nana gran granny grandad grandma grandpa auntie aunty uncle police officer officers pc pcso
    english british welsh scottish irish polish romanian albanian somali nigerian ghanaian
    pakistani indian bangladeshi chinese vietnamese kurdish turkish arabic urdu punjabi portuguese
    brazilian jamaican african asian european eastern western muslim christian sikh hindu jewish
    islamic catholic
    black white mixed-race caucasian latino latina hispanic arab roma romany traveller travellers
    italian spanish french german dutch belgian swiss austrian greek cypriot maltese czech slovak
    hungarian bulgarian croatian serbian bosnian slovenian lithuanian latvian estonian ukrainian
    russian belarusian moldovan georgian armenian afghan iranian iraqi syrian lebanese jordanian
    palestinian israeli egyptian libyan tunisian algerian moroccan sudanese eritrean ethiopian
    kenyan ugandan tanzanian rwandan congolese cameroonian senegalese gambian ghanian liberian
    zimbabwean zambian malawian mexican colombian venezuelan peruvian chilean argentinian
    ecuadorian bolivian cuban dominican haitian trinidadian bajan guyanese filipino thai malaysian
    indonesian korean japanese nepali nepalese sri lankan bengali gujarati kashmiri yemeni saudi
    emirati kuwaiti qatari swedish norwegian danish finnish canadian american australian
    caribbean scouse geordie tigrinya amharic pashto dari farsi persian hindi tamil twi yoruba
    igbo hausa swahili lingala shona
    mr mrs ms miss dr sir madam re fw fwd subject sent from to cc bcc date time dob
    snapchat snap insta instagram tiktok facebook fb whatsapp telegram twitter youtube discord
    signal messenger imessage facetime google gmail outlook hotmail yahoo iphone ipad android
    samsung apple playstation xbox nike adidas gucci north face canada goose stone island
    amazon uber deliveroo bolt lime tesco asda aldi lidl sainsbury's sainsburys morrisons
    mcdonald's mcdonalds kfc greggs subway primark boots costa starbucks
    cse cce asb ok okay yes no hi hello dear thanks thank regards kind best wishes many cheers
    please note update action outcome concern concerns summary background information details
    incident report referral safeguarding name address phone email tel mobile postcode
    """
)

# Car makes: a capitalised run holding one is a vehicle ("maroon Ford Mondeo").
VEHICLE_MAKES = word_set(
    """
    audi bmw mercedes mercedes-benz merc ford vauxhall toyota honda nissan volkswagen vw kia
    hyundai peugeot renault citroen citroën fiat mini range rover land-rover jaguar lexus tesla
    skoda škoda seat yamaha suzuki kawasaki mazda volvo dacia mitsubishi subaru porsche jeep
    chevrolet chevy alfa cupra ds mg lotus bentley ducati triumph piaggio vespa lambretta ktm
    isuzu ssangyong polestar byd chrysler dodge cadillac saab daihatsu maserati ferrari
    lamborghini talaria sur-ron surron lexmoto sinnis
    """
)

# Models people name without the make ("a white Transit van", "black Golf R").
VEHICLE_MODELS = word_set(
    """
    transit golf polo corsa astra focus fiesta mondeo kuga civic yaris prius qashqai juke micra
    clio megane sprinter vito zafira insignia octavia fabia leon ibiza i10 i20 i30 tucson sportage
    picanto c-class a-class e-class series ceed cla gla evoque discovery defender caddy passat
    tiguan jazz
    swift berlingo partner transporter hiace navara hilux ranger cooper punto 500 208 308 3008
    """
)
COLOURS = word_set(
    """
    black white silver grey gray red blue green yellow orange purple maroon brown gold beige navy
    dark light pale bright metallic matt burgundy
    """
)
# Words that make a capitalised name a street or a place, besides the usual street words.
MORE_PLACE_WORDS = word_set(
    "broadway croft cross mills flats quays quay house heights court tower towers marsh moor"
)
WELSH_STREET_WORDS = word_set("heol stryd ffordd lon lôn rhodfa")

# Whole words that tie what follows or precedes to a third person, not to the source.
KINSHIP = word_set(
    """
    mum mother mam mom dad father stepdad stepmum step-dad step-mum brother sister sibling
    siblings half-brother half-sister nan nana gran granny grandma grandad grandfather
    grandmother aunt auntie aunty uncle cousin boyfriend girlfriend bf gf partner husband wife
    fiance son daughter nephew niece carer guardian foster stepbrother stepsister ex ma da pa
    nain taid mammy maw paw granda
    """
)

# Job words: a role phrase holding one of these, said of the writer, points to them.
ROLE_NOUNS = word_set(
    """
    teacher teachers ta tas hlta lsa senco sendco dsl ddsl head headteacher deputy principal
    tutor lecturer supervisor supervisors assistant assistants nurse nurses midwife gp doctor
    receptionist pharmacist dispenser technician hca paramedic dentist vet nurse carer
    caretaker cleaner cleaners manager managers mgr owner boss lead leader coordinator officer
    worker workers advisor adviser coach instructor librarian driver drivers cabbie porter
    doorman door staff steward security guard warden operative crew binman bin binmen
    collector postman postwoman postie chef cook waiter waitress barista barman barmaid
    bartender cashier clerk administrator admin secretary slt smt sgl practitioner therapist
    counsellor psychologist visitor hv chaplain imam vicar pastor priest volunteer volunteers
    mentor keyworker key-worker support staff colleague colleagues team crewmate crewmates
    operative operatives lecturer lecturers concierge matron registrar consultant
    sonographer phlebotomist optometrist optician hygienist groomer locksmith escort marshal
    controller dispatcher attendant housekeeper handyman janitor lifeguard invigilator
    """
)
# Phrases that say where the writer works or what they do there: "my visit", "our residents".
WORK_NOUNS = word_set(
    """
    visit visits shift shifts round rounds route students pupils patients clients residents
    customers guests tenants passengers learners members service users caseload class classes
    lessons ward wards clinic surgery practice pharmacy chemist shop store branch office depot
    site premises car park reception counter till desk crew team colleague colleagues manager
    boss lorry van cab taxi minibus bus unit school college nursery setting centre club gym
    hotel kitchen yard warehouse plant rooms room kiosk stall salon workshop garage wagon truck
    """
)
# Words too common in English to be read as a name when written in lower case.
_AMBIGUOUS_NAME_ZIPF = 4.7
# Phonetic alphabet words: "papa november seven three", "Delta 32".
PHONETIC = word_set(
    """
    alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima mike
    november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray x-ray
    yankee zulu
    """
)
# The handful of short capitals that are ordinary in these texts even as a tag.
ORDINARY_TAGS = word_set("gp uk nhs dob id tv ok pc pe it re cc am pm a i")
# Role acronyms that point to the writer when they are the writer's: removed wherever they stand.
ROLE_ACRONYMS = word_set(
    "ta hlta lsa senco sendco dsl ddsl hca slt smt sgl pcso hv ewo fsw cpn cmhn hoy hod aht dht"
)
# Acronyms that are ordinary in these texts and never an organisation.
ORDINARY_ACRONYMS = word_set(
    """
    a i ok dob cse cce asb nhs uk gb usa eu tv dvd cctv id pe ict sen send adhd asd ehcp pm am
    gcse gcses btec ks1 ks2 ks3 ks4 y1 y2 y3 y4 y5 y6 y7 y8 y9 y10 y11 y12 y13 re fw fwd cc bcc
    mash camhs a&e ae gp dwp hmrc dvla mot sim wifi pin url faq asap fyi nb ps pps aka approx
    tbc tba n/a na mdma thc cbd pcp iphone mp ceo hr it dna rip lol omg btw imo smh
    rta fgm dv ipv dva lac cin cp cpp ccjs nfa nrm cctv bmw vw kfc suv hgv ac dc mr mrs ms dr
    st rd ave uk's nspcc rspca dbs sia cqc ofsted urn gmc nmc hcpc ods cpi cpis cpoms emis
    mosaic gdpr dpa lado marac mappa cin cp mft nok gbh abh pnc ipcc iopc tbc wk pls
    """
)
# Words that make a capitalised name an organisation: "Brightlock Security Services".
ORG_NOUNS = word_set(
    """
    school schools academy primary secondary infants juniors nursery college university uni
    surgery practice clinic hospital pharmacy chemist chemists centre center hub trust ltd
    limited plc llp cic co company group foundation services service council borough
    association homes housing hotel hotels inn lodge taxis taxi cabs cars hire club fc afc rfc
    church chapel mosque masjid temple gurdwara synagogue cathedral parish project team dept
    department unit partnership partners federation network charity society ventures
    solutions security supermarket superstore store stores shop shops express metro local
    takeaway kebab pizza chicken cafe café restaurant pub bar gym leisure salon barbers garage
    motors logistics transport coaches buses bus depot station police constabulary nhs ft
    ysgol meddygfa fferyllfa canolfan eglwys capel clwb cyngor
    """
)
# Words that open a sign-off; what follows to the end of the block is the writer's signature.
SIGN_OFFS = (
    "kind regards",
    "kindest regards",
    "warm regards",
    "best regards",
    "many thanks",
    "thanks again",
    "thank you",
    "thanks",
    "thx",
    "ta",
    "cheers",
    "best wishes",
    "best",
    "regards",
    "rgds",
    "kr",
    "bw",
    "yours sincerely",
    "yours faithfully",
    "yours truly",
    "yours",
    "diolch",
    "diolch yn fawr",
    "cofion",
    "cofion gorau",
    "sent from my iphone",
    "sent from my android",
    "sent from outlook",
    "get outlook for",
    "signed",
    "sincerely",
    "take care",
    "speak soon",
    "all the best",
    "with thanks",
)


@lru_cache(maxsize=1)
def common_english() -> frozenset[str]:
    """Words common in English (about 1 in 300,000 words or more), less everyday first names:
    a capitalised one opening a sentence is an ordinary word, not a name."""
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("en", wordlist="best")
    return frozenset(
        word for word, share in frequencies.items() if share >= 3e-6 and word not in FIRST_NAMES
    )


def is_common_word(lower: str) -> bool:
    return lower in common_english()


@lru_cache(maxsize=1)
def _very_common_words() -> frozenset[str]:
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("en", wordlist="best")
    floor = 10 ** (_AMBIGUOUS_NAME_ZIPF - 9)
    return frozenset(word for word, share in frequencies.items() if share >= floor)


def is_lower_case_name(lower: str) -> bool:
    """A first name that is not also an everyday word: "sharon", "kev", not "will" or "grace"."""
    return lower in _lower_case_names()


@lru_cache(maxsize=1)
def _lower_case_names() -> frozenset[str]:
    return (FIRST_NAMES - _very_common_words() - _ABBREVIATIONS) | _world_first_names()


@lru_cache(maxsize=1)
def _given_names_listed() -> frozenset[str]:
    """Given names from the many communities a UK force serves (sanitiser/first_names.txt,
    written for this project: ~9,500 names and short forms, from Welsh and Irish to Somali,
    Kurdish, Tigrinya, Polish, Yoruba and Vietnamese), less those that are a place word, a
    colour, a vehicle, an abbreviation or a capitalised ordinary word."""
    listed = (Path(__file__).with_name("first_names.txt")).read_text(encoding="utf-8").split()
    ordinary = CAPITALISED_ORDINARY | VEHICLE_MAKES | VEHICLE_MODELS | COLOURS | _ABBREVIATIONS
    return frozenset(
        name
        for name in listed
        if len(name) >= 2 and name not in ordinary and name not in MORE_PLACE_WORDS
    )


@lru_cache(maxsize=1)
def _world_first_names() -> frozenset[str]:
    """The listed given names that are no everyday English ("grace", "mark" are): typed without
    capitals, a colleague's "soran" or "abdi" is found as a name."""
    return frozenset(
        name for name in _given_names_listed() if len(name) >= 3 and not is_english_word(name)
    )


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    from wordfreq import get_frequency_dict

    frequencies = get_frequency_dict("en", wordlist="best")
    return frozenset(word for word, share in frequencies.items() if share >= 3e-6)


def is_english_word(lower: str) -> bool:
    """Common in English, names or not: "mark", "will", "young", "hope"."""
    return lower in _english_words()


# Short forms that are also diminutives of names: "tel" is a telephone number's label.
_ABBREVIATIONS = frozenset(
    ["tel", "mob", "fax", "ext", "ref", "dob", "ta", "al", "ed", "st", "rd", "ave", "appt"]
)


_SHORT_FORMS = frozenset(short for forms in DIMINUTIVES.values() for short in forms)
FIRST_NAMES = COMMON_FIRST_NAMES | frozenset(DIMINUTIVES) | _SHORT_FORMS


def is_first_name(lower: str) -> bool:
    return lower in FIRST_NAMES or lower in _listed_first_names()


@lru_cache(maxsize=1)
def _listed_first_names() -> frozenset[str]:
    """The listed given names, also those that are English words ("fiona", "dawn"), but not the
    very common ones ("rose", "summer")."""
    return _given_names_listed() - _very_common_words()
