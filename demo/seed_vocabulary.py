"""Fictional vocabulary for the demo data (demo.seeding): every name, place and story here
was written for this project; none belongs to a real person."""

from submissions.models import Category


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


def words(text: str) -> list[str]:
    """Space-separated words: long lists stay readable and ruff-formatted."""
    return _split(text)


FIRST_NAMES = words(
    "Aaliyah Aaron Abdul Adam Aisha Alfie Amara Amelia Amir Archie Ava Bethany Billy Blessing "
    "Brandon Caleb Callum Chloe Connor Courtney Daisy Daniel Darius Declan Demi Dylan Ebony Eden "
    "Elijah Ella Ellie Emily Erin Ethan Evie Faith Farah Finley Freya Gracie Hamza Harley Harvey "
    "Hassan Holly Ibrahim Imogen Isaac Isla Jack Jacob Jade Jamal Jayden Jessica Jordan Joshua "
    "Kacper Kai Kayla Keira Kian Kyle Layla Leah Leon Lewis Liam Lily Logan Lucy Luke Maddison "
    "Maisie Marcus Maryam Mason Megan Mia Mohammed Molly Nathan Niamh Noah Oliver Olivia Oscar "
    "Paige Precious Reece Riley Rhys Rosie Ruby Ryan Sami Scarlett Sienna Sophie Summer Tanisha "
    "Taylor Theo Tyler Tyrone Wiktoria Yusuf Zain Zara Zoe"
)
SURNAMES = words(
    "Adeyemi Ahmed Ali Allen Atkinson Bailey Baker Barker Begum Bennett Booth Bradley Brennan "
    "Campbell Carter Chambers Chapman Clarke Coleman Collins Cooper Cox Davies Dawson Doherty "
    "Edwards Ellis Evans Fletcher Foster Francis Gallagher Gill Graham Grant Hall Harper Hart "
    "Hayes Henderson Hill Holmes Hope Hussain Iqbal Jackson James Jenkins Johnson Jones Kaur "
    "Kelly Khan Kowalski Lawrence Lewis Lloyd Lowe McCarthy Mahmood Marsh Mason Miah Mills "
    "Mitchell Moore Morgan Murphy Murray Nowak Obi Okafor Osei Palmer Parker Patel Pearson "
    "Phillips Powell Price Quinn Rahman Reid Reynolds Richards Riley Robinson Rogers Ryan Shaw "
    "Simpson Singh Stevens Stewart Sutton Taylor Thomas Thompson Turner Walker Walsh Ward Watson "
    "Webb Wells White Wilkinson Williams Wilson Wood Wright Young"
)
NICKNAMES = words(
    "Tiny Ghost Bricks Jay Smokey K-Dog Ace Blade Skinny Red Deano Mo Bigz Snoop Flash Taz Zed "
    "Shorty Kilo Nino Ricky Dee Boss Rocco Sly Ty"
)
TOWNS = words(
    "Ashcombe Northbridge Easthaven Wychford Hollowmere Castlegate Redbrook Stonebury Millbrook "
    "Dunmere Westerleigh Calder Vale Brackenhurst Oldcastle Saltmarsh"
)
STREETS = _split(
    "Elm Row, Birch Avenue, Rowan Close, Larch Way, Hazel Grove, Willow Walk, Aspen Court, "
    "Alder Road, Poplar Street, Linden Crescent, Juniper Lane, Cedar Drive, Holly Terrace, "
    "Maple Rise, Sycamore Gardens, Heron Parade, Kestrel Road, Lapwing Lane, Wren Street",
    ", ",
)
PLACES = _split(
    "the underpass by the railway station|the bus station|the skate park|the retail park car park|"
    "the chicken shop on {street}|a flat above the launderette on {street}|the canal towpath|"
    "the recreation ground off {street}|the multi-storey car park in {town}|the corner shop on "
    "{street}|a house on {street}|the alley behind {street}|the petrol station on the ring road|"
    "the park by the library|a hostel on {street}|the nail bar on {street}|a car wash on {street}",
    "|",
)
VEHICLES = (
    ("Ford", "Fiesta"), ("Vauxhall", "Corsa"), ("Volkswagen", "Golf"), ("BMW", "3 Series"),
    ("Audi", "A3"), ("Toyota", "Prius"), ("Mercedes-Benz", "C-Class"), ("Nissan", "Qashqai"),
    ("Peugeot", "208"), ("Kia", "Sportage"), ("Honda", "Civic"), ("Seat", "Leon"),
    ("Skoda", "Octavia"), ("Land Rover", "Discovery"), ("Ford", "Transit"),
)  # fmt: skip
COLOURS = ("Black", "White", "Silver", "Grey", "Blue", "Red", "Dark blue", "Dark green")
REG_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXYZ"
# A source's organisation and its distinctive word never appear in subject details: the
# sanitiser would (rightly) remove such a word from a log, and the export gate would refuse it.
ORG_STEMS = words(
    "Aldric Bramwell Cadogan Dorrington Elmsworth Fairhaven Gresley Harcourt Inglewood Kenward "
    "Loxley Marchbank Penhallow Quenby Rushmere Thornbury"
)
SOURCE_KINDS = (
    # (role, organisation pattern, email domain pattern, how they came to know, first person)
    ("Head of Year 9", "{stem} Academy", "{slug}-academy.example.sch.uk",
     "{sf} is in my Year 9 tutor group and told me at registration."),
    ("Teacher", "St {stem}'s High School", "st{slug}.example.sch.uk",
     "I teach {sf} and overheard this in my class."),
    ("Designated safeguarding lead", "{stem} Primary School", "{slug}primary.example.sch.uk",
     "A younger sibling at our school told me."),
    ("School nurse", "{stem} Community Health", "{slug}-health.example.nhs.uk",
     "{sf} told me this at a drop-in session I run."),
    ("GP", "{stem} Medical Practice", "{slug}medical.example.nhs.uk",
     "{sf} told me this at an appointment at our surgery."),
    ("Pharmacist", "{stem} Pharmacy", "{slug}pharmacy.example.co.uk",
     "I noticed it when {sf} came into the pharmacy where I work."),
    ("Social worker", "{stem} Family Services", "{slug}-family.example.gov.uk",
     "I found out on a home visit to the family I work with."),
    ("Housing officer", "{stem} Housing Association", "{slug}housing.example.org.uk",
     "I saw this on an inspection of one of our properties."),
    ("Youth worker", "{stem} Youth Project", "{slug}youth.example.org.uk",
     "{sf} comes to our youth club on Thursdays and told me there."),
    ("Hotel duty manager", "The {stem} Hotel", "{slug}hotel.example.co.uk",
     "I see them at our reception most weekends on my shift."),
    ("Taxi driver", "{stem} Cars", "{slug}cars.example.co.uk",
     "I have driven {sf} there myself more than once."),
    ("Shop manager", "{stem} Convenience Store", "{slug}store.example.co.uk",
     "It happens outside my shop most evenings when I lock up."),
)  # fmt: skip
CONTACT_TIMES = ("Weekdays after 3pm", "Mornings before 9am", "Any time on my mobile", "")
WHEN = ("Most Friday evenings", "Over the last few weeks", "Last weekend", "Since the summer", "")
SUBJECT_DESCRIPTIONS = (
    "Slim build, dark hair, often wears a grey hoodie.", "Tall for their age, short fair hair.",
    "Wears glasses; usually has a black rucksack.", "Recently dyed their hair red.", "",
)  # fmt: skip
PERSON_DESCRIPTIONS = (
    "Older man, about 25, gold chain, drives a lot.", "Woman in her 40s, lives locally.",
    "Teenager, about 17, always on an electric bike.", "Man in his 30s, tattoo on his neck.", "",
)  # fmt: skip
STORIES = {
    Category.MISSING_EXPLOITED_TRAFFICKED: (
        "{s} has been missing from home overnight several times this month and comes back with "
        "new clothes and a second phone.",
        "{sf} said they had been staying with friends in {town} but would not say who.",
    ),
    Category.CHILD_SEXUAL_EXPLOITATION: (
        "{s} is being picked up near {place} by an older man in a {vehicle}.",
        "{sf} has talked about a 'boyfriend' called {p} who is much older and buys them alcohol.",
    ),
    Category.CRIMINAL_EXPLOITATION: (
        "{s} has been carrying large amounts of cash and says they owe {p} money.",
        "{sf} has been seen at {place} handing small packages to people who arrive on foot.",
    ),
    Category.DRUG_RELATED_HARM: (
        "{s} appears to be using cannabis daily and has been seen buying from {p} near {place}.",
        "{sf} has had two recent hospital visits after taking pills at parties in {town}.",
    ),
    Category.MODERN_SLAVERY: (
        "Several adults are living at {place} and are collected each morning in a {vehicle}.",
        "{s} does not seem to hold their own passport and says {p} keeps their wages.",
    ),
    Category.COMMUNITY_COHESION: (
        "Leaflets targeting a local mosque have appeared near {place}; {sf} mentioned a group "
        "chat where it was planned.",
        "{s} has been repeating slogans from an online group run by {p}.",
    ),
    Category.ANTI_SOCIAL_BEHAVIOUR: (
        "A group including {s} gathers at {place} most evenings and throws stones at buses.",
        "{sf} and others have been riding off-road bikes through {town} late at night.",
    ),
    Category.ORGANISED_CRIME: (
        "{p} appears to run a network from {place}; vehicles including a {vehicle} visit for a "
        "few minutes at a time.",
        "{s} has been asked by {p} to hold a bag at home and is frightened to say no.",
    ),
}
CLOSING = (
    "This has been going on for about a month.", "{sf} seemed frightened when asked about it.",
    "Other young people may be involved.", "",
)  # fmt: skip
PROVENANCE_DETAILS = (
    "Seen from the school gate at home time.", "Told to me during an appointment.",
    "A colleague mentioned it to me.", "I saw it myself on my way to work.", "",
)  # fmt: skip
