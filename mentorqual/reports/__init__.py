"""Reports: rows in, files out. No analysis here."""

from .tables import TABLE_SUFFIXES, markdown_table, write_table

__all__ = ["TABLE_SUFFIXES", "markdown_table", "write_table"]
