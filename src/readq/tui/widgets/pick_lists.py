"""Lists and pickers that take the paper list's keys: ``j``/``k`` as well as the arrows, ``g``/``G`` for the
first and the last (home and end still work). Every list in the app is one of these, so a key learnt on the
paper list works in every dialog."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList, SelectionList

LIST_KEYS: list[BindingType] = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]


T = TypeVar("T")


class PickList(OptionList):
    """An OptionList with the paper list's movement keys."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_KEYS


class PickSelectionList(SelectionList[T]):
    """A SelectionList (space ticks) with the paper list's movement keys."""

    BINDINGS: ClassVar[list[BindingType]] = LIST_KEYS
