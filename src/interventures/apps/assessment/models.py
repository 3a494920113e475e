"""models for the assessment domain."""
