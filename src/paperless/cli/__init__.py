"""The ``paperless`` command line (clerk and scripting tool)."""
