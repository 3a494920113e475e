"""admin for the classifications domain."""
