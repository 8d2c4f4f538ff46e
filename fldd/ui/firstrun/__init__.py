"""The first run (role, language, demo or empty workspace) and the guided tour of Home."""
