"""The clerk's workspace, without Qt: a session being prepared (:mod:`.draft`)."""

from paperless.core.clerk.draft import (
    FieldRef,
    ItemDraft,
    MemberDraft,
    PolicyDraft,
    PollDraft,
    Problem,
    QuestionDraft,
    SessionDraft,
    toml_text,
)

__all__ = [
    "FieldRef",
    "ItemDraft",
    "MemberDraft",
    "PolicyDraft",
    "PollDraft",
    "Problem",
    "QuestionDraft",
    "SessionDraft",
    "toml_text",
]
