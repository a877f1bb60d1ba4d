"""The Experiments tab (ui/experiments_tab.py) and its runs (services/experiments)."""

MESSAGES: dict[str, str] = {}
