"""Sealed voice files: the audio of residents' voice notes, encrypted at rest in one folder
beside the database.

Each file is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the
deployment secret, the same secret as the pseudonyms and never stored with the data. Each
file has a random name (never the pseudonym), bound into the seal, so a file cannot be
swapped for another unnoticed. Files are written whole and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from civicbot.store.rows import StoreError

MAGIC = b"CBV1"
NONCE_BYTES = 12
SUFFIX = ".cbv"
# Files no row names are deleted by a sweep only once this old, so that a file being
# written (its row is updated just after) is never taken for a leftover.
SWEEP_AFTER_SECONDS = 10 * 60


class VoiceUnreadable(StoreError):
    """A voice file is missing, or fails its seal (changed, or another secret's)."""


def voice_key(secret: bytes) -> bytes:
    """The 256-bit key for voice files, derived from the deployment secret."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=b"civicbot voice notes",
        info=b"civicbot/voice/aes-256-gcm/v1",
    ).derive(secret)


class VoiceVault:
    """Sealed audio files in one folder (created, owner-only, when first needed)."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self._aead = AESGCM(voice_key(secret))

    def seal(self, name: str, audio: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, audio, name.encode("ascii"))

    def open_sealed(self, name: str, blob: bytes) -> bytes:
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + NONCE_BYTES + 16:
            raise VoiceUnreadable(f"{name} is not a civicbot voice file")
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES :], name.encode())
        except InvalidTag:
            raise VoiceUnreadable(
                f"{name} fails its check: changed, or sealed under another secret"
            ) from None

    def write(self, audio: bytes) -> str:
        """Seal ``audio`` into a new file (written whole, then renamed) and name it."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        name = secrets.token_hex(16) + SUFFIX
        final = self.folder / name
        partial = self.folder / (name + ".part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, self.seal(name, audio))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, final)
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        return name

    def read(self, name: str) -> bytes:
        try:
            blob = (self.folder / name).read_bytes()
        except OSError:
            raise VoiceUnreadable(f"{name} is missing") from None
        return self.open_sealed(name, blob)

    def delete(self, names: list[str]) -> int:
        gone = 0
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / name).unlink()
                gone += 1
        return gone

    def files(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.name.endswith(SUFFIX))

    def sweep(self, keep: set[str], *, older_than: float = SWEEP_AFTER_SECONDS) -> int:
        """Delete files (and half-written ones) no row names, once ``older_than`` seconds
        old: what a crash between a delete's commit and its unlink leaves behind."""
        if not self.folder.is_dir():
            return 0
        cutoff = time.time() - older_than
        gone = 0
        for path in self.folder.iterdir():
            if not path.name.endswith((SUFFIX, SUFFIX + ".part")) or path.name in keep:
                continue
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime <= cutoff:
                    path.unlink()
                    gone += 1
        return gone
