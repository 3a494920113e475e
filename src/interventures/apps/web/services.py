"""services for the web domain."""
