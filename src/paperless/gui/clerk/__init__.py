"""The clerk's workspace (issue 13): prepare, publish and follow a session without writing TOML."""
