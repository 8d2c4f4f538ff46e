"""Use cases: one function per user action, shared by the desktop app and the command line."""
