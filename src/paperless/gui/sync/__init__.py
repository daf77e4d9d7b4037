"""The GUI side of syncing with the office server."""
