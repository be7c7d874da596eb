"""JSON Schemas shipped with pactc (data-only package)."""
