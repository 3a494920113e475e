"""selectors for the classifications domain."""
