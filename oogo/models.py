"""Models follow in the issue that builds this app."""
