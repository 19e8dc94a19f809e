"""Use cases, one per module, between :class:`~mentorqual.project.Project` and the engines.

Each function takes an open :class:`~mentorqual.store.Store` (the project opens it and
holds the transaction), reads what it needs once, passes plain records between the
engines and returns a typed report. Workflows never open a transaction and never
import click.

=================  =====================================================================
``interviews``     import transcripts, keep human codings across a re-import, list
``codebooks``      which codebook, make it the project's
``codings``        human codings in (CSV, sheets), every coding out, explain a paragraph
``rules``          rule tagging into coder ``rules``
``classifier``     train, tag, combine into ``machine``, suggest what to code next
``evaluation``     a coder against a reference, cross-validated for the classifier
``coders``         whose codings a report uses
``privacy``        the personal-data policy for everything that leaves the project
``reports``        theme counts, quote sheets, the HTML view
``audit``          the inter-coder agreement audit and its report
``interchange``    REFI-QDA export and import
``run``            the main job
=================  =====================================================================
"""

from __future__ import annotations

from collections.abc import Callable

# The facade checks an output's suffix before it opens the project, and stages a
# folder of outputs around the transaction.
from ..reports.files import check_suffix, staging_folder

__all__ = ["Progress", "check_suffix", "no_progress", "staging_folder"]

# (step label, done, total): lets a caller draw a progress bar without the library
# knowing how.
Progress = Callable[[str, int, int], None]


def no_progress(label: str, done: int, total: int) -> None:
    """The default :data:`Progress`: report nothing."""
