"""Consultation on drafts: comments to the office and written opinion polls (issue 12,
docs/consultation.md). Qt-free."""
