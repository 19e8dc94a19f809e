"""The workbench's Jinja2 templates (package data)."""
