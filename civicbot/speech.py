"""Offline speech-to-text for voice notes: the optional ``civicbot[speech]`` extra.

A proposal only: a facilitator hears the note and confirms or corrects the words with
``/transcribe``. PocketSphinx (CMU Sphinx) runs on the CPU with the US English model its
package ships (or a model folder named by ``CIVICBOT_SPEECH_MODEL``); soundfile
(libsndfile) decodes Telegram's Ogg Opus voice notes. Nothing is downloaded at run time.
Its accuracy on everyday speech is modest (see docs/operators.md): treat a proposal as a
draft, never as the answer.
"""

from __future__ import annotations

import io
import threading
from math import gcd
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_RATE = 16000


class SpeechUnavailable(RuntimeError):
    """The speech extra is not installed, or its model cannot be loaded."""


def decode(audio: bytes) -> np.ndarray:
    """Audio (Ogg Opus, WAV, FLAC…) as 16 kHz mono 16-bit samples."""
    try:
        import soundfile
    except ImportError as exc:
        raise SpeechUnavailable("install civicbot[speech] (soundfile) to decode audio") from exc
    from scipy.signal import resample_poly

    try:
        data, rate = soundfile.read(io.BytesIO(audio), dtype="float32", always_2d=True)
    except (RuntimeError, ValueError) as exc:  # soundfile's errors derive from RuntimeError
        raise ValueError(f"cannot decode the audio: {exc}") from None
    mono = data.mean(axis=1)
    if rate != SAMPLE_RATE and len(mono):
        common = gcd(int(rate), SAMPLE_RATE)
        mono = resample_poly(mono, SAMPLE_RATE // common, int(rate) // common)
    return np.asarray(np.clip(mono, -1.0, 1.0) * 32767, dtype=np.int16)


class Transcriber:
    """One PocketSphinx decoder (not thread-safe: calls take turns)."""

    def __init__(self, model_dir: Path | None = None) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError as exc:
            raise SpeechUnavailable(
                "speech-to-text needs the civicbot[speech] extra (pocketsphinx)"
            ) from exc
        options: dict[str, Any] = {"samprate": SAMPLE_RATE, "loglevel": "FATAL"}
        if model_dir is not None:
            options.update(_model_files(model_dir))
        try:
            self._decoder = Decoder(**options)
        except (RuntimeError, ValueError) as exc:
            raise SpeechUnavailable(f"cannot load the speech model: {exc}") from None
        self._lock = threading.Lock()

    def transcribe(self, audio: bytes) -> str:
        """The words heard in ``audio`` (lower case, no punctuation), or "" for none."""
        samples = decode(audio)
        with self._lock:
            self._decoder.start_utt()
            self._decoder.process_raw(samples.tobytes(), full_utt=True)
            self._decoder.end_utt()
            found = self._decoder.hyp()
        return "" if found is None else " ".join(found.hypstr.split())


def _model_files(folder: Path) -> dict[str, str]:
    """A PocketSphinx model folder: an acoustic model folder, a ``.lm.bin`` (or ``.lm``)
    language model and a ``.dict`` pronouncing dictionary."""
    if not folder.is_dir():
        raise SpeechUnavailable(f"CIVICBOT_SPEECH_MODEL: {folder} is not a folder")
    acoustic = [p for p in folder.iterdir() if p.is_dir() and (p / "mdef").exists()]
    language = sorted(folder.glob("*.lm.bin")) or sorted(folder.glob("*.lm"))
    words = sorted(folder.glob("*.dict"))
    if not (acoustic and language and words):
        raise SpeechUnavailable(
            f"CIVICBOT_SPEECH_MODEL: {folder} needs an acoustic model folder, a .lm.bin"
            " language model and a .dict dictionary (the layout pocketsphinx ships)"
        )
    return {"hmm": str(acoustic[0]), "lm": str(language[0]), "dict": str(words[0])}
