"""Jinja2 templates and print CSS shipped with pactc (data-only package)."""
