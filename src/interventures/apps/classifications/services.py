"""services for the classifications domain."""
