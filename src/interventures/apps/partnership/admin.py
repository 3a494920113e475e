"""admin for the partnership domain."""
