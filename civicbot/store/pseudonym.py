"""Resident pseudonyms: an HMAC of the Telegram user ID under a secret kept outside the DB.

Every table but ``identities`` keys residents by :func:`pseudonym`. The key comes from the
environment (``CIVICBOT_SECRET``) or a file it names (``CIVICBOT_SECRET_FILE``) and is never
written to the database, so a copy of the database alone cannot be linked back to people
without also holding the key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from pathlib import Path

from civicbot.errors import SettingError

MIN_SECRET_BYTES = 16
PSEUDONYM_CHARS = 32  # 128 bits of the HMAC: ample against collisions, short to read


HOW_TO_SET_SECRET = (
    "set CIVICBOT_SECRET to a random string of at least "
    f"{MIN_SECRET_BYTES} characters, or CIVICBOT_SECRET_FILE to a file holding one "
    '(for example: python -c "import secrets; print(secrets.token_urlsafe(32))")'
)


class SecretError(SettingError, ValueError):
    """The pseudonym key is missing, unreadable or too short."""


def load_secret(env: Mapping[str, str]) -> bytes:
    """Read the pseudonym key from ``CIVICBOT_SECRET`` or the file ``CIVICBOT_SECRET_FILE``.

    Surrounding whitespace is stripped (files usually end in a newline). The value must be
    at least :data:`MIN_SECRET_BYTES` bytes long.
    """
    value = env.get("CIVICBOT_SECRET", "").strip()
    file_name = env.get("CIVICBOT_SECRET_FILE", "").strip()
    if value and file_name:
        raise SecretError("set either CIVICBOT_SECRET or CIVICBOT_SECRET_FILE, not both")
    if value:
        secret = value.encode("utf-8")
        origin = "CIVICBOT_SECRET"
    elif file_name:
        try:
            secret = Path(file_name).read_bytes().strip()
        except OSError as exc:
            raise SecretError(
                f"cannot read the secret file named by CIVICBOT_SECRET_FILE ({file_name}): "
                f"{exc.strerror or exc}"
            ) from None
        origin = f"the file {file_name}"
    else:
        raise SecretError(f"no pseudonym secret: {HOW_TO_SET_SECRET}")
    if len(secret) < MIN_SECRET_BYTES:
        raise SecretError(
            f"the secret in {origin} is {len(secret)} bytes long; it must be at least "
            f"{MIN_SECRET_BYTES}"
        )
    return secret


def pseudonym(secret: bytes, telegram_user_id: int) -> str:
    """The stable pseudonym of a Telegram user under ``secret`` (hex, 32 characters)."""
    digest = hmac.new(secret, str(int(telegram_user_id)).encode("ascii"), hashlib.sha256)
    return digest.hexdigest()[:PSEUDONYM_CHARS]
