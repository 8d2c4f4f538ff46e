"""The store: the only place that runs SQL. Everything is kept in one SQLite file on the user's machine."""
