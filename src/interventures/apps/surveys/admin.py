"""admin for the surveys domain."""
