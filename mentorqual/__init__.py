"""mentorqual: transparent, reproducible qualitative coding of Danish interview transcripts.

Example:
    >>> from mentorqual import Project
    >>> project = Project("mentorqual.db")  # doctest: +SKIP
    >>> project.codings().groupby("code").size()  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from ._version import __version__
from .codebook import Codebook, Theme, load_codebook
from .errors import CodebookError, InputError, MentorqualError, PiiError, ProjectError
from .project import Project
from .types import Paragraph, PiiMode, Transcript

__all__ = [
    "Codebook",
    "CodebookError",
    "InputError",
    "MentorqualError",
    "Paragraph",
    "PiiError",
    "PiiMode",
    "Project",
    "ProjectError",
    "Theme",
    "Transcript",
    "__version__",
    "load_codebook",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
