"""models for the surveys domain."""
