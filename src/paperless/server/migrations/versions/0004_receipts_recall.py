"""Read receipts, recalls and the devices' acknowledgements of recalls (docs/receipts-recall.md).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipts",
        sa.Column("member", sa.String(40), primary_key=True),
        sa.Column("op_id", sa.String(36), primary_key=True),  # the device's op id: stored once
        sa.Column("device", sa.String(36), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("target", sa.Text, nullable=False),  # entry:NAME or item:N
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),  # the device's clock, informative only
        sa.Column("received", sa.BigInteger, nullable=False),  # the server's clock, ms
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_index("receipts_session", "receipts", ["session_id"])
    op.create_table(
        "recalls",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("member", sa.String(40), nullable=False, index=True),
        sa.Column("session_id", sa.String(64), nullable=False, index=True),
        sa.Column("item", sa.Integer),  # NULL: the whole session
        sa.Column("notes", sa.String(8), nullable=False),  # keep | delete
        sa.Column("recalled_at", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "recall_acks",
        sa.Column("recall", sa.String(36), primary_key=True),
        sa.Column("device", sa.String(36), primary_key=True),
        sa.Column("member", sa.String(40), nullable=False),
        sa.Column("acked_at", sa.BigInteger, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("recall_acks")
    op.drop_table("recalls")
    op.drop_index("receipts_session", table_name="receipts")
    op.drop_table("receipts")
