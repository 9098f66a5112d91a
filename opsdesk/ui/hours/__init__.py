"""The hours section: contracts, sessions with their budget, the psychologist's calendar,
summaries (issue 6)."""
