"""services for the analysis domain."""
