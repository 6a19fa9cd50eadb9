"""Stable identifiers derived from content, never from run order."""
from __future__ import annotations

import hashlib

# Bound once: a report makes an id per row (hundreds), and the module attribute lookup and the
# encoding's name parsed per call cost a third of the call.
_SHA1 = hashlib.sha1
_SEPARATOR = "\x1f"


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """``prefix`` + a short SHA-1 of the parts: the same content always gets the same id."""
    return prefix + "-" + _SHA1(_SEPARATOR.join(map(str, parts)).encode()).hexdigest()[:length]
