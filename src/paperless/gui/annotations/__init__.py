"""The member's annotations and notes in the reader (issue 4)."""
