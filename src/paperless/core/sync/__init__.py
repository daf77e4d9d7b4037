"""Sync of a member's sealed notes with the office server (Qt-free; see docs/sync-protocol.md)."""
