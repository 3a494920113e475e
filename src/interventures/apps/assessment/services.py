"""services for the assessment domain."""
