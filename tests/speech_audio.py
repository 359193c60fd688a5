"""Speech made offline for the speech-to-text tests: espeak-ng says a sentence, and the
audio is encoded as Telegram sends voice notes (Ogg Opus, 48 kHz, mono)."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

SENTENCES = (
    "the bus to the clinic never comes on time",
    "i would like more help from the council",
    "my doctor listens to me and that matters",
    "we need more time with people who care",
    "the library is a warm place to meet friends",
)


def missing() -> str | None:
    """Why the speech path cannot be tested here, or None when it can."""
    for module, extra in (("pocketsphinx", "pocketsphinx"), ("soundfile", "soundfile")):
        if importlib.util.find_spec(module) is None:
            return f"{extra} is not installed (pip install 'civicbot[speech]')"
    if shutil.which("espeak-ng") is None:
        return "espeak-ng is not installed (apt-get install espeak-ng) to make test speech"
    return None


def spoken(sentence: str, words_per_minute: int = 120) -> bytes:
    """``sentence`` spoken by espeak-ng, as Ogg Opus bytes."""
    import soundfile
    from scipy.signal import resample_poly

    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "speech.wav"
        subprocess.run(
            ["espeak-ng", "-s", str(words_per_minute), "-w", str(wav), sentence],
            check=True,
            capture_output=True,
        )
        data, rate = soundfile.read(wav, dtype="float32")
    if rate != 48000:
        data = resample_poly(data, 48000 // 50, rate // 50) if rate % 50 == 0 else data
    out = io.BytesIO()
    soundfile.write(out, data, 48000, format="OGG", subtype="OPUS")
    return out.getvalue()


def recall(reference: str, heard: str) -> tuple[int, int]:
    """(words of ``reference`` found in ``heard``, words of ``reference``)."""
    said, got = reference.split(), heard.split()
    return sum(1 for word in said if word in got), len(said)
