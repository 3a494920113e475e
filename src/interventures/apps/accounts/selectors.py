"""selectors for the accounts domain."""
