"""admin for the assessment domain."""
