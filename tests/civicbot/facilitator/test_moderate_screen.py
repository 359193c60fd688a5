"""The moderation screen masks personal data even in items queued by an older scrubber."""

from __future__ import annotations

from civicbot.bot.facilitator.moderate import describe
from civicbot.bot.services import Services
from civicbot.settings import Settings
from civicbot.store import Store
from civicbot.store.rounddata import parse_frozen_script
from tests.civicbot.store.conftest import SCRIPT, new_round

ZW = "\u200b"


async def test_item_queued_before_an_upgrade_is_masked_on_screen(store: Store) -> None:
    round_id = await new_round(store)
    # As an older scrubber left it: the live bot's case, zero-width spaces and all.
    old_text = f"ring me on 0770{ZW}0 900{ZW}123"
    await store.queue_for_moderation(round_id, "r1", "answer", "matters", old_text, ["review"])
    item = await store.next_for_moderation(round_id)
    assert item is not None and item.text == old_text
    svc = Services(store=store, settings=Settings.from_env({}))
    svc._scripts[round_id] = parse_frozen_script(SCRIPT)
    shown = await describe(svc, item, 1)
    assert "[phone]" in shown and "900" not in shown.replace(ZW, "")


async def test_a_question_that_refers_back_is_shown_filled_in(store: Store) -> None:
    """Issue #13: the screen showed the raw template ``{{ answers.helped_most | ... }}``.
    It shows the question as the resident read it (their earlier answer, scrubbed), and
    the neutral wording once their session is gone."""
    from civicbot.bot.facilitator.moderate import question_as_asked
    from civicbot.engine.types import AnswerGiven, SessionState
    from civicbot.script.load import load_script
    from tests.e2e.conftest import ROOT

    loaded = load_script(ROOT / "prompts" / "values-and-services.yaml")
    round_id = await store.create_round(
        title="Pilot",
        script_id=loaded.script.id,
        script_version=loaded.script.version,
        script_source=loaded.source,
        script_sha256=loaded.sha256,
        status="open",
    )
    resident = await store.register_identity(77, 77)
    state = SessionState(
        status="active",
        step_id="helped_how",
        answers={"helped_most": "neighbours", "care_meaning": "ring 07700 900123"},
        history=("care_meaning", "helped_most"),
    )
    records = (AnswerGiven("helped_most", "neighbours"),)
    await store.apply_outcome(
        update_id=None, round_id=round_id, resident=resident, state=state, records=records
    )
    await store.queue_for_moderation(
        round_id, resident, "answer", "helped_how", "my neighbour Sam", ["review"]
    )
    item = await store.next_for_moderation(round_id)
    assert item is not None
    svc = Services(store=store, settings=Settings.from_env({}))
    shown = await describe(svc, item, 1)
    assert "{{" not in shown and "answers." not in shown
    assert 'Answer to: You chose "Neighbours, family or friends". What did they do' in shown
    # A free-text answer referred back to is scrubbed first.
    script = loaded.script
    template = SessionState(answers={"main_service": "Dr Jones on 07700 900123"},
                            history=("main_service",))  # fmt: skip
    intro = question_as_asked(script, "experience_intro", template)
    assert intro.startswith("Please think about this one: Dr [name] on [phone].")
    # No session (the resident used /forget): the neutral wording.
    assert question_as_asked(script, "helped_how", None) == (
        'You chose "someone". What did they do that helped?'
    )
