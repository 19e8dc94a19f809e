"""mentorqual: transparent, reproducible qualitative coding of Danish interview transcripts."""

from __future__ import annotations

import logging

from ._version import __version__
from .codebook import Codebook, Theme, load_codebook
from .errors import CodebookError, InputError, MentorqualError, ProjectError
from .project import Project
from .types import Paragraph, Transcript

__all__ = [
    "Codebook",
    "CodebookError",
    "InputError",
    "MentorqualError",
    "Paragraph",
    "Project",
    "ProjectError",
    "Theme",
    "Transcript",
    "__version__",
    "load_codebook",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
