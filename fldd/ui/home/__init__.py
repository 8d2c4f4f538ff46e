"""The home page: what needs doing next for the current role, and the portfolio at a glance."""
