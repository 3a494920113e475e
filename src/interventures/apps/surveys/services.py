"""services for the surveys domain."""
