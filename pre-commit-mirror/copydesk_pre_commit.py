"""Placeholder module of the copydesk pre-commit hook; the hook runs the copydesk binary."""
