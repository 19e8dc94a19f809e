"""Use cases, one per module, between :class:`~mentorqual.project.Project` and the engines.

Each function takes an open :class:`~mentorqual.store.Store` (the project opens it and
holds the transaction), reads what it needs once, passes plain records between the
engines and returns a typed report. Workflows never open a transaction and never
import click.

===================  =================================================================
``interviews``       import transcripts, show and remove them, keep human codings
                     across a re-import (``passages`` finds a passage's text again)
``codebooks``        which codebook, make it the project's (never dropping human
                     codings silently)
``coding_import``    human codings in: CSV rows and coding sheets, as exact passages
``codings``          every coding out, as a DataFrame, and one paragraph explained
``lookups``          interview ids and codes as users write them (any case, labels)
``rules``            rule tagging into coder ``rules``
``classifier``       train, tag, combine into ``machine``
``suggesting``       a coding sheet of what to code next (with or without a classifier)
``questions``        the question a respondent's paragraph answers (one rule for all)
``evaluation``       a coder against a reference, cross-validated for the classifier
``coders``           whose codings a report uses; what a command reads, read once
``privacy``          the personal-data policy for everything that leaves the project
``scope``            whose codings and which interviews a report covers, in words
``reports``          theme counts and the heatmap (``quoting``: quote sheets;
                     ``viewing``: the HTML view)
``retrieval``        code and retrieve, co-occurrence, keyword in context
``audit``            the inter-coder agreement audit and its report
``interchange``      REFI-QDA export (``refi_import``: import)
``workbench``        what the browser workbench reads and writes (``review``: the
                     review loop, ranked and retrained as the coder decides)
``run``              the main job
===================  =================================================================
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
