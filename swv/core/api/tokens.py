"""API client tokens: `kr_<prefix>_<secret>`.

The prefix (12 hex characters) is public: it finds the row with an indexed lookup and lets a beheerder
recognise a token in logs without seeing it. The secret is 32 bytes from `secrets` (256 bits).

Only SHA-256 of the secret is stored. A slow password hash (PBKDF2, Argon2) exists to make guessing
*low-entropy* passwords expensive; a 256-bit random secret cannot be guessed at any hash speed, so a
fast hash gives the same protection against a leaked database while keeping every API request cheap
(a PBKDF2 check would cost hundreds of milliseconds per request). No salt is needed for the same
reason: there are no repeated or dictionary values to precompute.
"""

import hashlib
import hmac
import secrets
from typing import NamedTuple

TOKEN_KENMERK = "kr"
PREFIX_BYTES = 6  # 12 hex characters
SECRET_BYTES = 32


class NieuwToken(NamedTuple):
    plaintext: str
    prefix: str
    hash: str


class OntleedToken(NamedTuple):
    prefix: str
    secret: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def nieuw_token() -> NieuwToken:
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return NieuwToken(f"{TOKEN_KENMERK}_{prefix}_{secret}", prefix, hash_secret(secret))


def ontleed(token: str) -> OntleedToken | None:
    """Split a presented token into prefix and secret; None when it does not have our shape."""
    kenmerk, _, rest = token.partition("_")
    prefix, _, secret = rest.partition("_")
    if kenmerk != TOKEN_KENMERK or len(prefix) != PREFIX_BYTES * 2 or not secret or len(secret) > 128:
        return None
    return OntleedToken(prefix, secret)


def secret_klopt(secret: str, opgeslagen_hash: str) -> bool:
    """Compare in constant time, so response timing says nothing about how much of the hash matched."""
    return bool(opgeslagen_hash) and hmac.compare_digest(hash_secret(secret), opgeslagen_hash)
