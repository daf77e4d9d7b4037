"""The meeting room (docs/meeting.md): who may run each published bundle's meeting, the meeting's
signed events and the members' signed ballots.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(  # the signed manifest's meeting_control hashes of a bundle (the chair and the secretariat)
        "dist_control",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("hash", sa.String(64), primary_key=True),
    )
    op.create_table(  # one row per meeting: its counters, locked by every write (the meeting's order)
        "meeting_sessions",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),  # the last event's number
        sa.Column("ballots", sa.BigInteger, nullable=False),  # the last ballot's number
    )
    op.create_table(
        "meeting_events",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True),  # 1, 2, … in the order the server applied them
        sa.Column("event_id", sa.String(36), nullable=False),  # the sender's id: stored once
        sa.Column("member", sa.String(40), nullable=False),
        sa.Column("device", sa.String(36), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("body", sa.Text, nullable=False),  # canonical JSON, as signed
        sa.Column("signature", sa.LargeBinary, nullable=False),  # Ed25519 by the device key
        sa.Column("received", sa.BigInteger, nullable=False),  # ms since the epoch, the server's clock
    )
    op.create_index("meeting_events_id", "meeting_events", ["session_id", "event_id"], unique=True)
    op.create_table(
        "meeting_ballots",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("n", sa.BigInteger, primary_key=True),  # 1, 2, … in the order received
        sa.Column("vote", sa.String(36), nullable=False),
        sa.Column("member", sa.String(40), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("choice", sa.String(8), nullable=False),
        sa.Column("body", sa.Text, nullable=False),  # canonical JSON, as signed
        sa.Column("signature", sa.Text, nullable=False),  # the member's minisign signature
        sa.Column("seq", sa.BigInteger, nullable=False),  # the meeting's last event when it arrived
        sa.Column("received", sa.BigInteger, nullable=False),
    )
    op.create_index("meeting_ballots_one", "meeting_ballots", ["session_id", "vote", "member", "revision"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("meeting_ballots_one", table_name="meeting_ballots")
    op.drop_table("meeting_ballots")
    op.drop_index("meeting_events_id", table_name="meeting_events")
    op.drop_table("meeting_events")
    op.drop_table("meeting_sessions")
    op.drop_table("dist_control")
