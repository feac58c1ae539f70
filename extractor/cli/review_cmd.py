"""Placeholder: this command group is not built yet."""
