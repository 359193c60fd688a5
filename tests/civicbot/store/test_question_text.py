"""Questions in RoundData read well for everyone: back-references become an ellipsis."""

from __future__ import annotations

from civicbot.store.rounddata import plain_text


def test_template_references_are_replaced() -> None:
    text = "You chose \"{{ answers.helped_most | default('x') }}\". What helped?"
    assert plain_text(text) == 'You chose "…". What helped?'


def test_plain_text_is_unchanged() -> None:
    assert plain_text("How cared for do you feel?") == "How cared for do you feel?"
    assert plain_text("{% if answers.a %}Yes{% endif %} and more") == "…Yes… and more"
