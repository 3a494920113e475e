"""Versioned reference data (YAML and CSV under data/) and the pure-Python readers and checks the
loaders in apps/partnership and apps/classifications use. Nothing here imports Django except sync.py."""
