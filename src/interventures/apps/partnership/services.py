"""services for the partnership domain."""
