"""Distribution: published bundles (content-addressed), session versions, audience hashes.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dist_bundles",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("published", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "dist_versions",
        sa.Column("session_id", sa.String(200), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("dist_bundles.sha256"), nullable=False, unique=True),
        sa.Column("due", sa.String(10)),
        sa.Column("superseded", sa.Boolean, nullable=False),
    )
    op.create_table(
        "dist_audience",
        sa.Column("sha256", sa.String(64), sa.ForeignKey("dist_bundles.sha256"), primary_key=True),
        sa.Column("hash", sa.String(64), primary_key=True),
    )
    op.create_index("ix_dist_audience_hash", "dist_audience", ["hash"])


def downgrade() -> None:
    op.drop_index("ix_dist_audience_hash", "dist_audience")
    op.drop_table("dist_audience")
    op.drop_table("dist_versions")
    op.drop_table("dist_bundles")
