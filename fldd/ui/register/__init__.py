"""The supplier register page: table, filters, detail panel and the add / edit dialog."""
