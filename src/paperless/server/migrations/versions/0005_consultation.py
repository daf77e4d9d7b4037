"""Comments and poll answers to the office, sealed (docs/consultation.md).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consultation",
        sa.Column("member", sa.String(40), primary_key=True),  # the token's member: who sent it
        sa.Column("kind", sa.String(8), primary_key=True),  # comment | answer
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("key", sa.String(40), primary_key=True),  # the comment's uuid or the poll's id
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("op_id", sa.String(36), nullable=False),  # the device's op id: stored once
        sa.Column("device", sa.String(36), nullable=False),
        sa.Column("received", sa.BigInteger, nullable=False),  # the server's clock, ms: the deadline goes by it
        sa.Column("sealed", sa.LargeBinary, nullable=False),  # age, to the office and the member
    )
    op.create_index("consultation_op", "consultation", ["member", "op_id"], unique=True)
    op.create_index("consultation_session", "consultation", ["session_id"])


def downgrade() -> None:
    op.drop_index("consultation_session", table_name="consultation")
    op.drop_index("consultation_op", table_name="consultation")
    op.drop_table("consultation")
