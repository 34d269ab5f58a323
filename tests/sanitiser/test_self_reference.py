"""Indirect self-identification: the writer's own work, position or tie to the subject is an
unknown the machine removes and the handler confirms; what the writer saw of the subjects
stays."""

from __future__ import annotations

from sanitiser import REMOVE, UNKNOWN, SourceIdentity, SubjectDetails, sanitise

SOURCE = SourceIdentity(name="Priya Nair", organisation="Hollins Park Academy")


def run(text: str, subjects: list[str] = (), decisions=None):
    form = {"subjects": [{"name": name} for name in subjects]}
    return sanitise(text, SOURCE, SubjectDetails.from_form(form), decisions)


def test_what_the_writer_does_at_work_goes_as_an_unknown():
    result = run("I took the phone off her in period 3. She cried.")
    assert "period 3" not in result.text and "She cried." in result.text
    (finding,) = [f for f in result.unknowns if f.kind == "self-description"]
    assert finding.cls == UNKNOWN and finding.machine_removed


def test_what_the_writer_saw_of_the_subject_stays():
    text = "I saw him get into a grey Audi at 15:20. I heard the man call him Kyle."
    result = run(text, ["Kyle"])
    assert result.text == text
    assert not [f for f in result.findings if f.kind == "self-description"]


def test_the_writers_position_and_how_long_go():
    text = "I've been his key worker since 2019 and I am his mum's home carer. He is 14."
    result = run(text)
    assert "key worker" not in result.text and "home carer" not in result.text
    assert "He is 14." in result.text


def test_a_subject_entered_inside_the_writers_clause_stays_and_the_rest_is_listed():
    result = run(
        "When I took the phone off Kyle Brannigan in period 3 he swore.", ["Kyle Brannigan"]
    )
    assert "Kyle Brannigan" in result.text and "took the phone" not in result.text
    pieces = {f.text: f.machine_removed for f in result.unknowns if f.kind == "self-description"}
    assert pieces["When I took the phone off"] is True
    assert pieces["in period 3 he swore"] is False


def test_the_writers_work_things_go_alone():
    result = run("Kyle is in my tutor group and comes to my counter every Thursday.", ["Kyle"])
    assert "tutor group" not in result.text and "my counter" not in result.text
    assert "Kyle is" in result.text and "every Thursday" in result.text


def test_a_tie_only_the_writer_has_goes_a_third_persons_stays():
    text = (
        "He only talks to me because I speak Tigrinya. I am the only first aider on our shift. "
        "He is the only boy in the class who walks home."
    )
    result = run(text)
    for phrase in ("talks to me", "Tigrinya", "only first aider"):
        assert phrase not in result.text, result.text
    # The third person's tie stays; "class", a word of the writer's own kind of workplace (the
    # source is a school's), goes on its own.
    assert "He is the only boy in the " in result.text
    assert " who walks home." in result.text


def test_a_dictated_run_on_loses_only_its_opening():
    text = (
        "i drive the number sixteen route most evenings over the last two weeks a young lad "
        "about twelve gets on at the stop outside armley library with a bag"
    )
    result = run(text)
    assert "number sixteen route" not in result.text
    assert "armley library with a bag" in result.text


def test_the_handler_keeps_a_self_description():
    text = "I run the breakfast club. He has missed four mornings."
    first = run(text)
    (finding,) = [f for f in first.unknowns if f.kind == "self-description"]
    kept = run(text, decisions={finding.key: "keep"})
    assert "I run the breakfast club" in kept.text
    removed = run(text, decisions={finding.key: REMOVE})
    assert "breakfast club" not in removed.text


def test_the_subject_in_the_writers_group_and_their_shared_language_go():
    text = (
        "Lad who trains with us, Aaron, is 17. She told me in Tigrinya that he keeps her "
        "passport. Two of my juniors have been missing. I'm Sue, been behind the bar 11 years."
    )
    result = run(text, ["Aaron"])
    for phrase in ("trains with us", "in Tigrinya", "my juniors", "behind the bar"):
        assert phrase not in result.text, result.text
    assert "Aaron" in result.text and "he keeps her passport" in result.text


def test_a_subjects_age_in_years_is_no_tenure():
    text = "I saw him with a man who looked about 40 years old."
    assert run(text).text == text


def test_each_stretch_has_one_decision():
    text = "I coach. I coach his under-14s on Saturdays and I run the club every week."
    keys = [f.key for f in run(text).findings]
    assert len(keys) == len(set(keys))


def test_where_the_writer_happened_to_be_stays_their_driving_job_goes():
    for text in (
        "I was in the front garden when I saw him get into a van.",
        "I was driving home when I saw the car.",
    ):
        assert run(text).text == text
    result = run("I drive the bin lorry for the council every Tuesday. He was there.")
    assert "bin lorry" not in result.text and "He was there." in result.text
