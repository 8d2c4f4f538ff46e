"""The assessment runner: where a supplier answers a self-assessment and an auditor records an on-site one."""
