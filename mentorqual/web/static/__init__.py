"""The workbench's own scripts and styles (package data): nothing from the network."""
