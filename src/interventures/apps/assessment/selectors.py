"""selectors for the assessment domain."""
