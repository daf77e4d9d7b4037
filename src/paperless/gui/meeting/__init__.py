"""The meeting room in the reader (issue 14): follow the presenter, check in, ask to speak, vote;
the chair's and the secretariat's controls (docs/meeting.md)."""
