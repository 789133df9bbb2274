"""A bounded cache for per-word results, shared by the stages that analyse words."""

from __future__ import annotations

from typing import Generic, TypeVar

V = TypeVar("V")


class Generations(Generic[V]):
    """A bounded cache that keeps what is used: two generations of at most ``size`` keys.

    Lookups hit the young generation, then the old one (promoting the entry); when the
    young one is full it becomes the old one and the previous old one is dropped. Words
    in use survive every turnover, rare ones fall out, and memory never exceeds two
    generations — unlike clearing everything when full, which makes the next batch cold.
    """

    def __init__(self, size: int) -> None:
        self._size = max(1, size)
        self._young: dict[str, V] = {}
        self._old: dict[str, V] = {}

    def get(self, key: str) -> V | None:
        value = self._young.get(key)
        if value is None:
            value = self._old.get(key)
            if value is not None:
                self.put(key, value)
        return value

    def put(self, key: str, value: V) -> None:
        if len(self._young) >= self._size:
            self._old = self._young
            self._young = {}
        self._young[key] = value

    def __len__(self) -> int:
        return len(self._young) + len(self._old)
