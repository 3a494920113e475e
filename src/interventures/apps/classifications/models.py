"""models for the classifications domain."""
