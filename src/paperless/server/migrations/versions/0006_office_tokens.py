"""The office's tokens (docs/office-api.md): the clerk's app, logged in with the office's key.

Kept apart from the members' ``tokens``: a member's token is never looked up as the office's,
nor the office's as a member's.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_tokens",
        sa.Column("hash", sa.String(64), primary_key=True),
        sa.Column("office", sa.String(40), nullable=False),
        sa.Column("expires", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_office_tokens_expires", "office_tokens", ["expires"])


def downgrade() -> None:
    op.drop_index("ix_office_tokens_expires", table_name="office_tokens")
    op.drop_table("office_tokens")
