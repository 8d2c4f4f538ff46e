"""Backing up and restoring the workspace from the app, and the reminder when the last backup is old."""
