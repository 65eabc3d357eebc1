"""The source document as data: the curated seed, its loader, and first-run seeding."""
