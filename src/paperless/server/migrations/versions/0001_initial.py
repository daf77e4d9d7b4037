"""The first schema: members, devices, challenges, tokens, records, ops, notes keys.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "members",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("card", sa.Text, nullable=False),
        sa.Column("signing_key", sa.String(64), nullable=False),
        sa.Column("counter", sa.BigInteger, nullable=False),
        sa.Column("rotate", sa.Boolean, nullable=False),
        sa.Column("enrolled", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("member", sa.String(40), sa.ForeignKey("members.id"), primary_key=True),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created", sa.Text, nullable=False),
        sa.Column("certificate", sa.Text, nullable=False),
        sa.Column("registered", sa.BigInteger, nullable=False),
        sa.Column("last_seen", sa.BigInteger, nullable=False),
        sa.Column("revoked_at", sa.BigInteger),
        sa.Column("wiped_at", sa.BigInteger),
    )
    op.create_index("devices_by_id", "devices", ["id"])
    op.create_table(
        "challenges",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("member", sa.String(40), nullable=False),
        sa.Column("device", sa.String(36), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("expires", sa.BigInteger, nullable=False),
    )
    op.create_index("challenges_by_expiry", "challenges", ["expires"])
    op.create_table(
        "tokens",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("member", sa.String(40), nullable=False),
        sa.Column("device", sa.String(36), nullable=False),
        sa.Column("expires", sa.BigInteger, nullable=False),
    )
    op.create_index("tokens_by_expiry", "tokens", ["expires"])
    op.create_table(
        "records",
        sa.Column("member", sa.String(40), sa.ForeignKey("members.id"), primary_key=True),
        sa.Column("uuid", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("counter", sa.BigInteger, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("updated", sa.BigInteger, nullable=False),
    )
    op.create_index("records_by_counter", "records", ["member", "counter"], unique=True)
    op.create_table(
        "ops",
        sa.Column("member", sa.String(40), sa.ForeignKey("members.id"), primary_key=True),
        sa.Column("op_id", sa.String(36), primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("counter", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "notes_keys",
        sa.Column("member", sa.String(40), sa.ForeignKey("members.id"), primary_key=True),
        sa.Column("generation", sa.Integer, primary_key=True),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("created", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    for table in ("notes_keys", "ops", "records", "tokens", "challenges", "devices", "members", "server_meta"):
        op.drop_table(table)
