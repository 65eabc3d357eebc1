"""Reports and dumps written from the domain services: plans (JSON/TOML) for now."""
