"""The meeting room in the app (issue 14): the member's part, the chair's and secretariat's controls, the ballot."""
