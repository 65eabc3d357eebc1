"""Layer 7 — scoring: the year-end rubric and the scorecards computed under it."""
