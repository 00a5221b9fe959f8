"""The core of okla-lint: reading, parsing and running checks (see docs/CONTRIBUTING.md)."""
