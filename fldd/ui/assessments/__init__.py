"""The assessments page: every assessment of the portfolio, filtered and opened from one table."""
