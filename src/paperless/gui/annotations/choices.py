"""A drop-down of exclusive choices for a tool button: one checkable action per value."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

V = TypeVar("V", str, float)


def choice_menu(owner: QWidget, values: Iterable[V]) -> tuple[QActionGroup, QMenu, dict[V, QAction]]:
    """The group (its ``triggered`` carries the action; ``action.data()`` is the value), the menu
    and each value's action; texts and icons are the caller's."""
    group = QActionGroup(owner)
    menu = QMenu(owner)
    actions: dict[V, QAction] = {}
    for value in values:
        action = QAction(menu)
        action.setCheckable(True)
        action.setData(value)
        group.addAction(action)
        menu.addAction(action)
        actions[value] = action
    return group, menu, actions
