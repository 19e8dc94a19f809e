"""Coded transcripts as static HTML: one page per interview and an ``index.html``.

Rows in, files out: the caller passes plain records and this package only lays them
out. Pages are self-contained (inline CSS, no JavaScript, nothing from the network),
so a view can be zipped, mailed and read offline or on paper.

``records`` holds the records, ``style`` the style sheet, colours and names, ``pages``
the index and interview pages, ``transcript`` a paragraph with its highlights, and
``redact`` the ``pii`` filter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..files import replaced_folder
from ..language import Lang
from .pages import Layout, index_page, interview_page
from .records import ViewCoding, ViewCount, ViewInterview, ViewParagraph, ViewTheme
from .redact import Redactor
from .style import PALETTE, code_styles, unique_slugs

__all__ = [
    "MARKER",
    "PALETTE",
    "ViewCoding",
    "ViewCount",
    "ViewInterview",
    "ViewParagraph",
    "ViewTheme",
    "write_view",
]

MARKER = ".mentorqual-view"
# "index" is ours; the others are device names that Windows will not create as files.
_RESERVED = {"index", "con", "prn", "aux", "nul"} | {
    f"{d}{i}" for d in ("com", "lpt") for i in range(10)
}


def write_view(
    directory: Path,
    interviews: Sequence[ViewInterview],
    themes: Sequence[ViewTheme],
    title: str,
    generated: str,
    pii: Callable[[str], str] | None = None,
    count: ViewCount | None = None,
    lang: Lang = "da",
) -> list[Path]:
    """Write one HTML page per interview and an ``index.html`` to ``directory``, atomically.

    The pages are written to a temporary directory beside ``directory``, which then takes
    its place. An earlier view (marked by a ``.mentorqual-view`` file) is replaced; any
    other non-empty directory is refused. ``pii`` filters the short texts that come from
    the interviews (ids, attributes, speakers, coders) before they are written. Paragraph
    texts are written as given: the caller checks or redacts them and moves their
    highlights exactly. Codes, labels, rules, ``title`` and ``generated`` are written as
    given. ``count`` names the coder whose codings the index and legends count (and
    says so on every page); without it they count every coder's. Every label, and the
    numbers, are in ``lang``.

    Returns the paths written, ``index.html`` first.

    Raises:
        MentorqualError: ``directory`` is not ours, or cannot be written.

    Example:
        write_view(Path("outputs/view"), interviews, themes, "Mentorordningen", "mentorqual 0.1")
    """
    codes = code_styles(themes, interviews)
    redact = Redactor(pii)
    ids = [redact.short(i.interview) for i in interviews]
    names = [f"{slug}.html" for slug in unique_slugs(ids, "interview", _RESERVED)]
    layout = Layout(codes, redact, title, generated, count, lang)
    pages = {"index.html": index_page(interviews, ids, names, layout)}
    for interview, shown, name in zip(interviews, ids, names, strict=True):
        pages[name] = interview_page(interview, shown, layout)
    with replaced_folder(directory, MARKER, "view") as temp:
        for name, text in pages.items():
            _write_page(temp / name, text)
        (temp / MARKER).write_text(f"Written by {generated}\n", encoding="utf-8")
    return [directory / name for name in pages]


def _write_page(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
