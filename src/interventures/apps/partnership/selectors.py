"""selectors for the partnership domain."""
