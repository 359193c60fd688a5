"""Offline speech-to-text (the civicbot[speech] extra) on speech made with espeak-ng.

Skipped, with the reason, where the extra or espeak-ng is missing. The word recall below
is the figure docs/operators.md quotes: a draft for a facilitator, not an answer."""

from __future__ import annotations

import pytest

from civicbot.speech import SpeechUnavailable, Transcriber, decode
from tests.speech_audio import SENTENCES, missing, recall, spoken

pytestmark = pytest.mark.skipif(missing() is not None, reason=str(missing()))


def test_speech_is_proposed_from_ogg_opus_voice_notes() -> None:
    transcriber = Transcriber()
    found = total = 0
    for sentence in SENTENCES:
        heard = transcriber.transcribe(spoken(sentence))
        assert heard, f"nothing heard in {sentence!r}"
        hit, n = recall(sentence, heard)
        found, total = found + hit, total + n
    # Measured 14/42 (33%) with pocketsphinx 5.1.1's shipped US English model.
    print(f"word recall {found}/{total} = {found / total:.0%}")
    assert found / total >= 0.2


def test_decoding_silence_and_rubbish() -> None:
    import io

    import numpy as np
    import soundfile

    out = io.BytesIO()
    soundfile.write(out, np.zeros(48000, dtype="float32"), 48000, format="OGG", subtype="OPUS")
    assert len(decode(out.getvalue())) == 16000
    with pytest.raises(ValueError, match="cannot decode"):
        decode(b"OggS not really")


def test_a_bad_model_folder_is_explained(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SpeechUnavailable, match="acoustic model"):
        Transcriber(tmp_path)
