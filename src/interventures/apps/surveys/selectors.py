"""selectors for the surveys domain."""
