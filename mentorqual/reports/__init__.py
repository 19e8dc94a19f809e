"""Reports: rows in, files out. No analysis here.

python-docx, openpyxl and matplotlib are imported inside the functions that write
those formats, so importing this package stays cheap.
"""

from .files import TABLE_SUFFIXES
from .tables import markdown_table, write_table

__all__ = ["TABLE_SUFFIXES", "markdown_table", "write_table"]
