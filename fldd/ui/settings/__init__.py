"""Settings (role, language, where the database lives, backups) and the About box."""
