"""The sets written blind (tests/sanitiser/sets): well formed, and the development ones held to
what they measure now, so a change that loses ground on them fails.

The frozen test sets (sets/test_*) are checked for form only: they are scored with
`python -m bench.sanitiser_corpora` once per design change, never tuned against.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .corpus_scoring import corpus_load, corpus_score

SETS = Path(__file__).with_name("sets")
# Development sets: identifiers left (upper bound) and subject details kept (lower bound) with the
# structured answers given. The learned reading is trained on all but Q and R (see
# sanitiser/learned/train.py), so only Q's and R's figures are held out. Most of what is left is
# wording about the writer's work ("on the till", "home visit").
DEV_BOUNDS = {
    "dev_blind_a.jsonl": (23, 0.965),
    "dev_blind_b.jsonl": (9, 0.975),
    # Former test sets C, E and F (development data since 2026-12-05).
    "dev_blind_c.jsonl": (5, 0.955),
    "dev_blind_d.jsonl": (8, 0.975),
    "dev_blind_e.jsonl": (10, 0.965),
    "dev_blind_f.jsonl": (4, 0.995),
    # Former test sets G and H (development data since the session of 2026-12-05 afternoon).
    "dev_blind_g.jsonl": (19, 0.955),
    "dev_blind_h.jsonl": (6, 0.95),
    # Former test sets I and J (development data since the night of 2026-12-05).
    "dev_blind_i.jsonl": (10, 0.955),
    "dev_blind_j.jsonl": (27, 0.945),
    # Written blind on 2026-12-06 as development data from the start (Q: the writer's own
    # routine and position; R: premises, work numbers, short forms), scored once unseen.
    "dev_blind_q.jsonl": (30, 0.88),
    "dev_blind_r.jsonl": (71, 0.955),
    # Written blind on 2026-12-06 (second sitting) as development and training data (S: chat
    # and mail; T: dictation and letters; U: case-system prints), scored once unseen.
    "dev_blind_s.jsonl": (52, 0.94),
    "dev_blind_t.jsonl": (13, 0.935),
    "dev_blind_u.jsonl": (41, 0.935),
    # Written blind later that day (W: colleagues and the organisation every way; X: the
    # writer's name, numbers and work identifiers in every form; Y: role and premises in other
    # words beside rich subject details), scored once unseen; not trained on (see LEFT_OUT).
    "dev_blind_w.jsonl": (42, 0.95),
    "dev_blind_x.jsonl": (51, 0.96),
    "dev_blind_y.jsonl": (43, 0.885),
    # Written blind on 2026-12-06 (third sitting), scored once unseen on 4c08ea2, not trained on
    # (see LEFT_OUT). AA: everyday short messages from 60 professions, forms filled unevenly;
    # AB: long pasted documents (mail chains, letters, case prints, minutes, chat exports).
    "dev_blind_aa.jsonl": (49, 0.885),
    "dev_blind_ab.jsonl": (98, 0.885),
    # Indirect self-identification, written by the sanitiser's engineer before any rule for it.
    "dev_indirect.jsonl": (0, 0.97),
}


@pytest.mark.parametrize("path", sorted(SETS.glob("*.jsonl")), ids=lambda p: p.name)
def test_every_blind_record_is_well_formed(path: Path) -> None:
    records = corpus_load(path)
    assert len(records) >= 40
    for item in records:
        assert {"id", "source", "form", "text", "must_remove", "must_keep"} <= set(item)
        for expected in item["must_remove"] + item["must_keep"]:
            assert expected in item["text"], (item["id"], expected)


@pytest.mark.parametrize("name", sorted(DEV_BOUNDS))
def test_the_development_sets_lose_no_ground(name: str) -> None:
    most_left, least_kept = DEV_BOUNDS[name]
    score = corpus_score(corpus_load(SETS / name))
    print(f"{name}: {score.summary()}")
    assert len(score.leaks) <= most_left, score.leaks
    assert score.retention >= least_kept, score.lost
