"""admin for the analysis domain."""
