"""Changing a draft's agenda without losing what hangs on its items (Qt-free).

A poll names its agenda item by number (:attr:`PollDraft.item`, from 1), so moving, adding or
removing an item must renumber the polls, or a poll would silently follow another item.
Restrictions, levels, deadlines and documents are fields of the item itself and move with it.
These functions change the draft in place: the workspace calls them inside one
:meth:`~paperless.core.clerk.workspace.Workspace.edit` (one undo step each).
"""

from __future__ import annotations

from paperless.core.clerk.draft import ItemDraft, SessionDraft
from paperless.core.consultation.polls import clean_text


def move_item(draft: SessionDraft, src: int, dst: int) -> None:
    """Move item ``src`` (index from 0) so that it ends at index ``dst``; polls keep their item.
    IndexError for an index out of range."""
    n = len(draft.items)
    if not (0 <= src < n and 0 <= dst < n):
        raise IndexError(f"move_item({src}, {dst}) with {n} items")
    if src == dst:
        return
    order = list(range(n))  # order[new index] = old index
    order.insert(dst, order.pop(src))
    new_number = {old + 1: new + 1 for new, old in enumerate(order)}
    draft.items = [draft.items[old] for old in order]
    for poll in draft.polls:
        if poll.item is not None and poll.item in new_number:
            poll.item = new_number[poll.item]


def insert_item(draft: SessionDraft, index: int, item: ItemDraft | None = None) -> int:
    """Insert ``item`` (default: an empty one) at ``index`` (clamped to the agenda); polls about
    the items after it keep their item. Returns the index it went to."""
    index = max(0, min(index, len(draft.items)))
    draft.items.insert(index, item if item is not None else ItemDraft())
    for poll in draft.polls:
        if poll.item is not None and poll.item > index:
            poll.item += 1
    return index


def remove_item(draft: SessionDraft, index: int) -> None:
    """Remove item ``index``; a poll about it stays, attached to no item; polls about later items
    keep their item. IndexError for an index out of range."""
    if not 0 <= index < len(draft.items):
        raise IndexError(f"remove_item({index}) with {len(draft.items)} items")
    del draft.items[index]
    number = index + 1
    for poll in draft.polls:
        if poll.item == number:
            poll.item = None
        elif poll.item is not None and poll.item > number:
            poll.item -= 1


def readers(draft: SessionDraft, index: int) -> tuple[int, int]:
    """(members who may read item ``index``, members of the session): "3 of 15 members"."""
    names = {clean_text(m.name) for m in draft.members if clean_text(m.name)}
    restricted = draft.items[index].restricted_to
    if restricted is None:
        return len(names), len(names)
    return len(names & {clean_text(n) for n in restricted}), len(names)


def polls_of(draft: SessionDraft, index: int) -> list[int]:
    """The indexes of the polls about item ``index``."""
    return [i for i, p in enumerate(draft.polls) if p.item == index + 1]
