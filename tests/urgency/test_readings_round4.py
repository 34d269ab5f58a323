"""Round 4: the readings added after the third blind set, each crossed with its neighbours.

dev_blind_3's misses were read by kind of wording, not text by text: an act of harm told plainly
with any sign that it is going on; a when-answer that dates the whole record (settled, distant,
or today by a clock); understatement; a word quoted as it was said. Each test below crosses the
parts of one kind (act x sign of now, danger x when-answer), so a rule for one sentence fails.
"""

from itertools import product

import pytest

from urgency import detect


def _detect(information: str, when: str = "", descriptions: list[str] | None = None):
    return detect(information=information, when=when, descriptions=descriptions or [])


# An act of harm told plainly, by kind: taken or held by force, hurt in the body, drugged,
# cut or married off, a violent person arrived and not leaving.
ACTS = [
    "Her dad snatched the boy from the playground",
    "Two men bundled a girl into the back of a van",
    "They have got a lad in the boot of a car",
    "Her stepdad dragged her out by the hair",
    "His brother's nose is bleeding where the man hit him",
    "The boyfriend has broken her arm",
    "A man put something in her drink and she has collapsed",
    "Her aunt is going to make her get cut at a family party",
    "The girl says her parents will force her to marry a man she has never met",
    "Her ex has turned up at the flat and is refusing to leave",
    "A man is banging on her door and trying to get in",
    "A dealer is holding his son in a flat until he pays",
]
# Signs that it is going on, in the information or the when-answer.
NOW_IN_TEXT = [" right now.", " and he is still outside.", " and they are on their way.", "."]
NOW_IN_WHEN = ["", "", "", "18:15"]


@pytest.mark.parametrize(("act", "now"), list(product(ACTS, range(len(NOW_IN_TEXT)))))
def test_an_act_of_harm_with_any_sign_of_now_is_urgent(act, now):
    result = _detect(act + NOW_IN_TEXT[now], NOW_IN_WHEN[now])
    assert result.urgent, (act, now)
    assert "imminent" in result.kinds
    quoted = result.quotes(
        information=act + NOW_IN_TEXT[now], when=NOW_IN_WHEN[now], descriptions=[]
    )
    # The page quotes the act itself, not only the time.
    assert any(
        word not in {"right now", "18:15", "still outside", "on their way"} for word in quoted
    )


# The same acts long over, or settled in the when-answer.
OVER_IN_WHEN = [
    "back in 2019, when he was little",
    "at the time; they have no contact now",
    "last year",
    "earlier, dealt with by staff",
    "yesterday evening, she is now home safe",
]


@pytest.mark.parametrize(("act", "when"), list(product(ACTS, OVER_IN_WHEN)))
def test_the_same_act_dated_over_by_the_when_answer_is_not_urgent(act, when):
    assert not _detect(act + ".", when).urgent, (act, when)


def test_an_act_told_alone_with_no_sign_of_now_is_not_urgent():
    assert not _detect("Her stepdad dragged her out by the hair.").urgent
    assert not _detect("The boyfriend has broken her arm.", "not sure when").urgent


DANGERS = [
    "Pupil said her step-brother keeps a machete under his bed.",
    "Boy said he was going to stab his brother.",
    "Man seen carrying a large knife on the high street.",
    "Nobody has seen the man since.",
]


@pytest.mark.parametrize(("danger", "when"), list(product(DANGERS, OVER_IN_WHEN)))
def test_a_when_answer_that_dates_the_record_ends_a_danger_with_no_time_of_its_own(danger, when):
    assert not _detect(danger, when).urgent, (danger, when)


@pytest.mark.parametrize("when", ["back in 2019", "earlier, dealt with", "at the time"])
def test_a_danger_with_a_time_of_its_own_still_counts_whatever_the_when_answer(when):
    assert _detect("He says he will stab his brother tonight.", when).urgent


def test_a_self_harm_thought_told_last_week_still_counts_but_not_one_told_years_ago():
    assert _detect("After her friend died she said she wants to join her.", "Last week").urgent
    assert not _detect(
        "She said she wanted to kill herself.", "back in 2019, now doing well"
    ).urgent


@pytest.mark.parametrize("when", ["18:15", "00:40", "at 6", "later today", "currently on the ward"])
def test_a_clock_time_or_later_in_the_when_answer_is_today(when):
    result = _detect("Her ex has sent a photo of her own front door. He is on a non-mol.", when)
    assert result.urgent, when


@pytest.mark.parametrize("when", ["most days at 3.15", "every evening around 18:00"])
def test_a_routine_time_in_the_when_answer_is_not_today(when):
    assert not _detect("Older lads hang around the gates and one grabbed a boy's bag.", when).urgent


@pytest.mark.parametrize(
    "information",
    [
        "She keeps saying she might do something silly.",
        "He told me he may do something stupid tonight.",
        "The girl says she is not safe to go home because of her stepdad.",
        "He is too scared to go home.",
    ],
)
def test_understatement_is_itself_the_warning(information):
    assert _detect(information).urgent, information


@pytest.mark.parametrize(
    "information",
    [
        "She said she might do something silly like dye her hair blue, laughing.",
        "He used to feel not safe to go home but that was in 2019 and he is fine now.",
    ],
)
def test_understatement_in_jest_or_long_over_is_not_urgent(information):
    assert not _detect(information).urgent, information


@pytest.mark.parametrize(
    ("information", "urgent"),
    [
        ("His stepmum told him when his dad gets in he is 'dead'.", True),
        ("Her brother is going to 'snatch' her from school today.", True),
        ("He calls his new boots his 'weapons' on the pitch.", False),
        ("After the match he said the other team got 'murdered'.", False),
    ],
)
def test_a_word_quoted_as_said_to_someone_is_used_and_a_name_for_a_thing_is_mentioned(
    information, urgent
):
    assert _detect(information).urgent is urgent, information


@pytest.mark.parametrize(
    "information",
    [
        "He's got a blade in his sock, going to do the lad who glassed him last week tonight.",
        "She said he is going to hurt the boy who hit her last month, tonight after school.",
    ],
)
def test_a_past_in_a_relative_clause_dates_that_clause_not_the_threat(information):
    assert _detect(information).urgent, information


def test_where_the_writer_heard_it_is_no_ordinary_use_of_a_blade():
    assert _detect("He told me at training that his brother is going to stab a boy tonight.").urgent
    assert not _detect("At training the coach showed the lads how to use a knife safely.").urgent


@pytest.mark.parametrize(
    "information",
    [
        "Her son says he is going to put her out of her misery tonight.",
        "A toddler was left at the park an hour ago with a teenager nobody knew.",
        "Kyle messaged: I'm at the top of the multistorey, tell my mum I love her.",
        "She left at 7 with a holdall and her phone is now off.",
    ],
)
def test_veiled_and_indirect_danger_now_is_urgent(information):
    assert _detect(information, "today").urgent, information


@pytest.mark.parametrize(
    ("information", "when"),
    [
        ("Long-standing suicidal ideation, no current plan or intent, reviewed and safe.", "today"),
        ("They were playing who would you kill first. It was a game, everyone laughing.", "today"),
        (
            "Girl said she wants to run away when she is 16 and live with her boyfriend.",
            "this week",
        ),
        ("Man buying needles and citric acid every week for others who wait outside.", "weekly"),
        ("Residents' meeting tonight about the memorial for the 2017 shooting.", "tonight"),
        (
            "At the briefing this morning we heard of knife-point robberies last month.",
            "last month",
        ),
        ("He is scared of walking home. Nothing has happened to him. Parents now collect him.", ""),
    ],
)
def test_hard_negatives_of_round_four_stay_calm(information, when):
    assert not _detect(information, when).urgent, information
