"""models for the analysis domain."""
