"""Phrasings built from parts, so the detector is tested on wording that is in no set.

Each urgent template crosses who tells it, who is at risk, a word of intent or an absence, the
harm, and a time that is now; each calm template puts the same danger words behind a marker
that ends them: the past, a hypothetical, a negation, a lesson, a story, a find, a historic
disclosure. `threat_cases()` and `urgent_cases()` give (text, kinds the detector must find),
`calm_cases()` texts that must not be urgent.
"""

from __future__ import annotations

from itertools import product

TELLERS = [
    "A parent told me",
    "The girl whispered to me that",
    "A neighbour rang to say",
    "My client said",
    "One of the lads messaged me saying",
    "Her friend showed me a text saying",
]
AGGRESSORS = ["her ex", "his stepdad", "the boyfriend", "a man called Dean", "her partner"]
INTENTS = [
    "is going to",
    "will",
    "has threatened to",
    "is gonna",
    "says he'll",
    "swore he is going to",
    "is about to",
]
HARMS_WITH_WEAPON = ["stab", "shoot", "glass", "slash", "knife"]
HARMS = ["kill", "strangle", "smother", "drown", "murder", "batter", "choke", "burn"]
VICTIMS = ["her", "him", "his girlfriend", "her mum", "the baby", "his ex", "everyone in the house"]
TIMES_NOW = [
    "tonight",
    "right now",
    "rn",
    "in the next hour",
    "before morning",
    "when she gets home",
    "today",
    "at midnight",
]

SELF_SUBJECTS = ["He", "She", "My student", "The lad", "Our resident", "A young woman"]
SELF_INTENTS = ["is going to", "said she will", "wants to", "is planning to", "texted that he'll"]
SELF_ACTS = [
    "kill herself",
    "hang himself",
    "end her life",
    "take all her tablets",
    "jump off the bridge",
    "overdose",
    "cut herself open",
    "throw himself in front of a train",
]

# Written in a hurry, in slang or misspelt: each must read as its plain twin.
SLANG_THREATS = [
    "hes gonna shank him 2nite",
    "man said he'll merk him tonite",
    "bro is strapped rn and waiting for him",
    "he sed he wil stabb her wen she gets home",
    "shes got a nyfe and says she'll use it on him today",
    "they r gonna jook him after skool today",
    "he's gna kil her tonight",
    "the olders are gonna wet him up rn",
]
SLANG_SELF = [
    "she said kms tonight",
    "he texted im gonna end it 2nite",
    "she's gna take all her pills rn",
    "he sed he's gonna hang himself 2nite",
    "she wants to unalive herself tonight",
    "he's on the wrong side of the bridge railings rn",
]
VIOLENCE_NOW = [
    "is strangling her in the kitchen",
    "is hitting her with a bottle",
    "has a knife to her throat",
    "is beating him with a bat",
    "is choking her and she has gone quiet",
    "is kicking him on the floor and he is not moving",
]
SELF_MEANS = [
    "has a belt round his neck in the bathroom",
    "is standing on the ledge of the multi-storey",
    "has taken a whole packet of paracetamol",
    "has sent goodbye messages and her phone is now off",
    "is sitting in the garage with the car engine running",
]
# Harm told by its outcome, not its act.
OUTCOMES = [
    "will make sure she doesn't come out of there alive",
    "says she won't be breathing by morning",
    "is going to put a pillow over her face",
    "said he'll take everyone in the house with him",
    "has the gas on and says nobody is leaving",
]
# A child who swallowed what can kill.
POISONINGS = [
    "Her toddler drank from a bottle of methadone",
    "The baby swallowed some of her tablets",
    "Her little boy got into the bleach under the sink",
]
# Everyday idioms of the family: no danger at all.
FAMILY_IDIOMS = [
    "said his mum will murder him for missing the bus",
    "laughed that he'd get murdered by his dad for being late",
    "joked that her nan would kill her if she got another detention",
]
# Held or left now, told without a word of harm.
HELD_OR_LEFT = [
    "has barricaded himself and the kids in the house",
    "sent a video of him tied to a chair",
    "left the baby in a car seat on the pavement",
    "says she's not allowed home till he leaves",
]
# Calm look-alikes: a pet, a game, a show.
LOOK_ALIKES = [
    "Her dog got out this morning and she has been searching all day.",
    "The little girl 'ran away' from her sister for a game of hide and seek.",
    "During the school performance of Macbeth a boy shouted 'kill him' at the stage.",
    "A teenager fell off his bike and was bleeding from his knee. Cleaned up, fine.",
]
MISSING_PEOPLE = [
    "Our 12 year old",
    "Ellie, 14,",
    "A boy in our care",
    "Mrs Hill, 88,",
    "The toddler",
]
ABSENCES = [
    "has not come home and her phone is off",
    "went out of the window and nobody knows where she is",
    "has gone from his bed and the front door is open",
    "hasn't been seen since she left school",
    "is not anywhere in the building and we have searched",
    "has not returned and is not answering her phone",
    "left with two older men in a car and has not come back",
    "wandered off in her nightie and cannot be found",
]
RECENCY_SENTENCES = [
    "She was last seen {recency}.",
    "This was {recency}.",
    "We noticed {recency}.",
    "Her mum rang us {recency}.",
]
RECENCY = ["an hour ago", "since 4pm today", "this evening", "20 minutes ago", "since this morning"]

HOLDERS = ["Her husband", "The man in flat 3", "Her pimp", "The uncle"]
HELD_NOW = [
    "won't let her leave the flat",
    "has locked her in the bedroom",
    "is still in the house with her now",
    "is keeping her in the van",
    "has taken her phone and won't let her out",
]

# Calm: the same words, ended by what surrounds them.
PAST = [
    "Two years ago",
    "In 2019",
    "When she was little",
    "Last summer",
    "Several months ago",
]
PAST_ENDINGS = [
    "He was convicted and is in prison.",
    "There has been no contact since.",
    "It was dealt with at the time.",
    "They separated and she moved away.",
]
HYPOTHETICALS = [
    "She worries that one day her ex might",
    "If he ever came back he could",
    "He has never once threatened to",
    "There is no suggestion he would",
]
LESSONS = [
    "In our knife crime workshop we talked about how people",
    "The drama group rehearsed a scene where a character tries to",
    "Pupils wrote a story in which a man plans to",
    "In the PSHE lesson on staying safe we discussed why some people",
]
PAST_ABSENCES = [
    "did not come home",
    "ran away from the unit",
    "went missing after school",
    "was not in her room at bedtime",
]
HISTORIC = [
    "She disclosed that when she was eight her stepdad tried to {harm} her. He died in 2015.",
    "He told me that years ago his uncle threatened to {harm} him. They have had no contact since.",
    "Her mum said that in 2018 her ex used to threaten to {harm} her. He is now in prison.",
]
# Told now, about then: the time of the telling is no time of the danger.
TOLD_NOW_ABOUT_THEN = [
    "At the session this evening, she told me that years ago her uncle tried to {harm} her.",
    "Today, her mum said that last year her ex threatened to {harm} her; he has since moved away.",
    "This morning, a lad told me that in Year 7 someone tried to {harm} him at the bus stop.",
]
LESSONS_NOW = [
    "Today's assembly was a talk on knife crime, about how easily people {harm} each other.",
    "Tonight the youth club is watching a film in which a gangster tries to {harm} a rival.",
    "In the first aid course this morning we practised what to do if someone tries to "
    "{harm} themselves.",
]
FOUND_ENDINGS = [
    "but she came home safe this morning.",
    "but he was found safe and well by police.",
    "but she turned up at her nan's an hour later.",
    "but he is back home now and fine.",
]


def threat_cases() -> list[tuple[str, set[str]]]:
    """Every teller x aggressor x intent x harm x victim x time: about 150,000 sentences."""
    cases: list[tuple[str, set[str]]] = []
    for teller, aggressor, intent, harm, victim, time in product(
        TELLERS, AGGRESSORS, INTENTS, HARMS_WITH_WEAPON + HARMS, VICTIMS, TIMES_NOW
    ):
        kinds = {"threat_to_life"} | ({"weapon"} if harm in HARMS_WITH_WEAPON else set())
        cases.append((f"{teller} {aggressor} {intent} {harm} {victim} {time}.", kinds))
    return cases


def urgent_cases() -> list[tuple[str, set[str]]]:
    """The other urgent families: self-harm, missing now, slang, violence and confinement now."""
    cases: list[tuple[str, set[str]]] = []
    for subject, intent, act, time in product(SELF_SUBJECTS, SELF_INTENTS, SELF_ACTS, TIMES_NOW):
        cases.append((f"{subject} {intent} {act} {time}.", {"self_harm"}))
    for person, absence, recency, sentence in product(
        MISSING_PEOPLE, ABSENCES, RECENCY, RECENCY_SENTENCES
    ):
        told = sentence.format(recency=recency)
        cases.append((f"{person} {absence}. {told}", {"missing_now"}))
    for teller, text in product(TELLERS, SLANG_THREATS):
        cases.append((f"{teller} {text}", {"threat_to_life"}))
    for teller, text in product(TELLERS, SLANG_SELF):
        cases.append((f"{teller} {text}", {"self_harm"}))
    for aggressor, violence in product(AGGRESSORS, VIOLENCE_NOW):
        cases.append((f"Right now {aggressor} {violence}.", {"imminent"}))
    for aggressor, outcome, time in product(AGGRESSORS, OUTCOMES, TIMES_NOW):
        cases.append((f"{aggressor.capitalize()} {outcome} {time}.", {"threat_to_life"}))
    for poisoning, recency in product(POISONINGS, RECENCY):
        cases.append((f"{poisoning} {recency} and is very sleepy.", {"threat_to_life"}))
    for aggressor, held, time in product(AGGRESSORS, HELD_OR_LEFT, TIMES_NOW):
        cases.append((f"{aggressor.capitalize()} {held} {time}.", set()))
    for subject, means in product(SELF_SUBJECTS, SELF_MEANS):
        cases.append((f"{subject} {means}. I am with the family now.", {"self_harm"}))
    for holder, held in product(HOLDERS, HELD_NOW):
        cases.append((f"{holder} {held}. She is scared.", set()))
    return cases


def calm_cases() -> list[str]:
    cases: list[str] = []
    for past, aggressor, harm, victim, ending in product(
        PAST, AGGRESSORS, HARMS_WITH_WEAPON + HARMS, VICTIMS[:4], PAST_ENDINGS
    ):
        cases.append(f"{past} {aggressor} threatened to {harm} {victim}. {ending}")
    for past, aggressor, harm, victim in product(
        PAST, AGGRESSORS, HARMS_WITH_WEAPON + HARMS, VICTIMS[:4]
    ):
        # A time told after a comma still dates the clause before it.
        cases.append(f"{aggressor.capitalize()} threatened to {harm} {victim}, {past.lower()}.")
    for opening, harm, victim in product(HYPOTHETICALS, HARMS_WITH_WEAPON + HARMS, VICTIMS[:4]):
        cases.append(f"{opening} {harm} {victim}. No concerns at present.")
    for opening, harm in product(LESSONS, HARMS_WITH_WEAPON + HARMS):
        cases.append(f"{opening} {harm} someone.")
    for template, harm in product(
        HISTORIC + TOLD_NOW_ABOUT_THEN + LESSONS_NOW, HARMS_WITH_WEAPON + HARMS
    ):
        cases.append(template.format(harm=harm))
    for teller, look_alike, time in product(TELLERS, LOOK_ALIKES, TIMES_NOW):
        cases.append(f"{teller} that {time}: {look_alike}")
    for teller, idiom in product(TELLERS, FAMILY_IDIOMS):
        cases.append(f"{teller} a lad {idiom}.")
    for person, absence, ending in product(MISSING_PEOPLE, PAST_ABSENCES, FOUND_ENDINGS):
        cases.append(f"Last week {person} {absence}, {ending}")
    return cases
