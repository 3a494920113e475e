from __future__ import annotations

from decimal import Decimal

from interventures.core.actionplans import (
    ActionFacts,
    ActionStatus,
    Cited,
    Freshness,
    IndicatorFacts,
    PlanFacts,
    Step,
    diff,
    freshness,
    indicator_progress,
    missing,
    status_counts,
)

COMPLETE_ACTION = ActionFacts(
    title="Amend the scheme",
    background="Lesson from the study visit",
    description="A preparedness test in the call",
    players=2,
    timeframe="2021-2022",
    costs=Decimal("10000"),
    funding="TA of the programme",
    evidence=1,
    indicators=(IndicatorFacts("SMEs applying", "SMEs", 40, 80, "JS monitoring"),),
)


def _plan(*actions: ActionFacts, **kw: object) -> PlanFacts:
    base: dict[str, object] = dict(
        organisation=True, contact="Ms A", instrument=True, improvement_type="management", context="ctx"
    )
    base.update(kw)
    return PlanFacts(actions=tuple(actions), **base)  # type: ignore[arg-type]


def test_a_complete_plan_misses_nothing() -> None:
    assert missing(_plan(COMPLETE_ACTION)) == []


def test_a_plan_without_actions_misses_them_and_its_context_first() -> None:
    gaps = missing(_plan(contact=" ", improvement_type=""))
    assert [(g.step, g.code) for g in gaps] == [
        (Step.CONTEXT, "contact"),
        (Step.CONTEXT, "improvement_type"),
        (Step.ACTIONS, "no_action"),
    ]


def test_each_gap_of_an_action_names_the_action_and_its_step() -> None:
    bare = ActionFacts(title="Second")
    gaps = missing(_plan(COMPLETE_ACTION, bare))
    assert {g.action for g in gaps} == {1}
    assert [g.step for g in gaps] == [
        Step.EVIDENCE,
        Step.ACTIONS,
        Step.ACTIONS,
        Step.MONEY,
        Step.MONEY,
        Step.MONEY,
        Step.MONEY,
        Step.INDICATORS,
    ]


def test_an_indicator_without_baseline_is_incomplete() -> None:
    action = ActionFacts(
        **{**COMPLETE_ACTION.__dict__, "indicators": (IndicatorFacts("x", "SMEs", None, 5, "s"),)}
    )
    assert [g.code for g in missing(_plan(action))] == ["indicator_incomplete"]


def test_a_figure_of_a_newer_run_is_changed_even_with_the_same_value() -> None:
    assert freshness(Cited("7", 0.42), Cited("7", 0.42)) is Freshness.CURRENT
    assert freshness(Cited("7", 0.42), Cited("9", 0.42)) is Freshness.CHANGED
    assert freshness(Cited("7", 0.42), Cited("7", 0.40)) is Freshness.CHANGED
    assert freshness(Cited("7", 0.42), None) is Freshness.GONE


def test_indicator_progress_runs_from_baseline_to_target() -> None:
    assert indicator_progress(Decimal(40), Decimal(80), Decimal(60)) == Decimal("0.5")
    assert indicator_progress(Decimal(40), Decimal(80), Decimal(30)) == Decimal("-0.25")
    assert indicator_progress(Decimal(40), Decimal(40), Decimal(60)) is None
    assert indicator_progress(Decimal(40), Decimal(80), None) is None
    # a falling target (fewer rejected applications) works the same way
    assert indicator_progress(Decimal(50), Decimal(10), Decimal(20)) == Decimal("0.75")


def test_status_counts_take_unmonitored_actions_as_not_started() -> None:
    counts = status_counts(["late", None, "done", "late"])
    assert counts[ActionStatus.LATE] == 2
    assert counts[ActionStatus.NOT_STARTED] == 1
    assert counts[ActionStatus.ON_TRACK] == 0
    assert sum(counts.values()) == 4


def test_diff_keys_actions_by_their_key_not_their_position() -> None:
    before = {"title": "P", "actions": [{"key": "a1", "title": "One"}, {"key": "a2", "title": "Two"}]}
    after = {"title": "P", "actions": [{"key": "a2", "title": "Two!"}]}
    changes = {c.path: c for c in diff(before, after)}
    assert set(changes) == {"actions.a1.title", "actions.a2.title"}
    assert changes["actions.a1.title"].kind == "removed"
    assert changes["actions.a2.title"].before == "Two"
    assert changes["actions.a2.title"].after == "Two!"
    assert diff(before, before) == []


def test_diff_names_the_language_each_side_is_written_in() -> None:
    before = {
        "context": "Old",
        "translations": {"hu": {"context": "Régi"}},
        "actions": [
            {
                "key": "a1",
                "title": "Amend",
                "players": ["Ministry"],
                "evidence": [{"key": "figure:F", "note": "shows it", "language": "en"}],
                "translations": {"hr": {"title": "Izmjena"}},
            }
        ],
        "monitoring": [{"key": "m1", "progress": "Folyamatban", "language": "hu", "status": "late"}],
        "improvements": [{"key": "p1", "description": "Nuova call", "language": "it"}],
    }
    after = {
        "context": "New",
        "translations": {"hu": {"context": "Új"}},
        "actions": [
            {
                "key": "a1",
                "title": "Amend the call",
                "players": ["Agency"],
                # a note cited before its language was recorded: unknown, not English
                "evidence": [{"key": "figure:F", "note": "shows it well"}],
                "translations": {"hr": {"title": "Izmjena poziva"}},
            }
        ],
        # the entry rewritten from another page language
        "monitoring": [{"key": "m1", "progress": "W toku", "language": "pl", "status": "done"}],
        "improvements": [{"key": "p1", "description": "Nuova call aperta", "language": "BAD CODE"}],
    }
    got = {c.path: (c.before_lang, c.after_lang) for c in diff(before, after)}
    assert got == {
        "context": ("en", "en"),
        "translations.hu.context": ("hu", "hu"),
        "actions.a1.title": ("en", "en"),
        "actions.a1.players.0": (None, None),
        "actions.a1.evidence.figure:F.note": ("en", None),
        "actions.a1.evidence.figure:F.language": (None, None),
        "actions.a1.translations.hr.title": ("hr", "hr"),
        "monitoring.m1.progress": ("hu", "pl"),
        "monitoring.m1.language": (None, None),
        "monitoring.m1.status": (None, None),
        "improvements.p1.description": ("it", None),
        "improvements.p1.language": (None, None),
    }


def test_diff_gives_no_language_to_a_side_that_is_absent() -> None:
    [change] = diff(
        {"monitoring": []}, {"monitoring": [{"key": "m2", "progress": "Hecho", "language": "es"}]}
    )[:1]
    assert (change.path, change.before_lang, change.after_lang) == ("monitoring.m2.language", None, None)
    [progress] = [
        c
        for c in diff({}, {"monitoring": [{"key": "m2", "progress": "Hecho", "language": "es"}]})
        if c.path.endswith("progress")
    ]
    assert (progress.before, progress.before_lang, progress.after_lang) == (None, None, "es")
