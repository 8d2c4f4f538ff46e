"""The findings page: findings and corrective actions with their detail, evidence and the auditor's dialog."""
