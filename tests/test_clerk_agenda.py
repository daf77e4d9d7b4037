"""Moving, adding and removing agenda items keeps polls with their items (Qt-free)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperless.core.clerk import ItemDraft, MemberDraft, PollDraft, SessionDraft
from paperless.core.clerk.agenda import insert_item, move_item, polls_of, readers, remove_item


def _draft(n: int, about: list[int | None]) -> SessionDraft:
    return SessionDraft(folder=Path("."), items=[ItemDraft(title=f"Mục {i + 1}") for i in range(n)],
                        polls=[PollDraft(poll_id=f"p{k}", item=item) for k, item in enumerate(about)])


def _about(d: SessionDraft) -> list[str | None]:
    """Which item (by title) each poll is about."""
    return [None if p.item is None else d.items[p.item - 1].title for p in d.polls]


def test_moving_an_item_down_renumbers_its_poll_and_those_in_between() -> None:
    d = _draft(4, [2, 3, 1, None, 4])
    d.items[1].restricted_to = ["Nguyễn Văn An"]
    before = _about(d)
    move_item(d, 1, 3)
    assert [i.title for i in d.items] == ["Mục 1", "Mục 3", "Mục 4", "Mục 2"]
    assert [p.item for p in d.polls] == [4, 2, 1, None, 3]
    assert _about(d) == before
    assert d.items[3].restricted_to == ["Nguyễn Văn An"]  # the restriction went with its item


def test_moving_an_item_up_and_back_is_the_same_draft() -> None:
    d = _draft(5, [5, 1, 3])
    move_item(d, 4, 0)
    assert [i.title for i in d.items][:2] == ["Mục 5", "Mục 1"] and [p.item for p in d.polls] == [1, 2, 4]
    move_item(d, 0, 4)
    assert d == _draft(5, [5, 1, 3])


def test_moving_to_the_same_place_changes_nothing_and_out_of_range_raises() -> None:
    d = _draft(3, [1])
    move_item(d, 1, 1)
    assert d == _draft(3, [1])
    for src, dst in [(3, 0), (0, 3), (-1, 0)]:
        with pytest.raises(IndexError):
            move_item(d, src, dst)
    assert d == _draft(3, [1])


def test_inserting_and_removing_keep_polls_with_their_items() -> None:
    d = _draft(3, [1, 2, 3])
    assert insert_item(d, 1, ItemDraft(title="Mới")) == 1
    assert _about(d) == ["Mục 1", "Mục 2", "Mục 3"] and [p.item for p in d.polls] == [1, 3, 4]
    assert insert_item(d, 99) == 4 and d.items[4] == ItemDraft()
    remove_item(d, 2)  # "Mục 2": its poll stays, about no item
    assert [p.item for p in d.polls] == [1, None, 3] and _about(d) == ["Mục 1", None, "Mục 3"]
    with pytest.raises(IndexError):
        remove_item(d, 9)


def test_readers_and_polls_of() -> None:
    d = _draft(2, [2, None, 2])
    d.members = [MemberDraft(f"Thành viên {i}", "") for i in range(15)]
    assert readers(d, 0) == (15, 15)
    d.items[1].restricted_to = ["Thành viên 1", " Thành  viên 2", "Thành viên 3", "Người ngoài"]
    assert readers(d, 1) == (3, 15)
    d.items[1].restricted_to = []
    assert readers(d, 1) == (0, 15)
    assert polls_of(d, 1) == [0, 2] and polls_of(d, 0) == []


@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.one_of(st.none(), st.integers(1, n)), max_size=6),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=6))))
def test_any_sequence_of_moves_keeps_every_poll_with_its_item(case: tuple[int, list[int | None],
                                                                          list[tuple[int, int]]]) -> None:
    n, about, moves = case
    d = _draft(n, about)
    before = _about(d)
    for src, dst in moves:
        move_item(d, src, dst)
    assert _about(d) == before
    assert sorted(i.title for i in d.items) == sorted(f"Mục {i + 1}" for i in range(n))
