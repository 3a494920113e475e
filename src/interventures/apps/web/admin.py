"""admin for the web domain."""
