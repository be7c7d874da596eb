"""Immutable snapshots of source data, owned by the model.

The model keeps, for each entity, the source fields it was built from
(``champs``): the resolved ``pacte.json`` and the diff need every source key,
including those the typed fields do not name. The snapshot is frozen so no
later stage can change what the model says, and it travels with its entity
so nothing zips model lists with source lists.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

#: A frozen source mapping: read-only, its lists turned into tuples.
Champs = Mapping[str, Any]


class Gele(Mapping[str, Any]):
    """A read-only mapping that pickles (builds send dossiers to worker processes)."""

    __slots__ = ("_items",)

    def __init__(self, items: dict[str, Any]) -> None:
        self._items = items

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Gele({self._items!r})"

    def __reduce__(self) -> tuple[type[Gele], tuple[dict[str, Any]]]:
        return (Gele, (self._items,))


EMPTY: Champs = Gele({})


def freeze(value: Any) -> Any:
    """A deep, read-only copy of loaded YAML data (mappings become :class:`Gele`, lists tuples)."""
    if isinstance(value, Mapping):
        return Gele({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """A plain ``dict``/``list`` copy of a frozen snapshot, for JSON and comparison."""
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


def empty() -> Champs:
    """The empty snapshot (a dataclass default factory: a mapping is not a hashable default)."""
    return EMPTY
