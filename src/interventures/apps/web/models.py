"""models for the web domain."""
