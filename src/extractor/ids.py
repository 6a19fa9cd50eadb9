"""Stable identifiers derived from content, never from run order."""
from __future__ import annotations

import hashlib


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """``prefix`` + a short SHA-1 of the parts: the same content always gets the same id."""
    return prefix + "-" + hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:length]
