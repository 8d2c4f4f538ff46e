"""The risk-data screen: editions in force and loading a newer one."""
