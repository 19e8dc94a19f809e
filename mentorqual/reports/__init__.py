"""Reports: rows in, files out. No analysis here."""

from .files import TABLE_SUFFIXES
from .tables import markdown_table, write_table

__all__ = ["TABLE_SUFFIXES", "markdown_table", "write_table"]
