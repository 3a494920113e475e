"""selectors for the analysis domain."""
