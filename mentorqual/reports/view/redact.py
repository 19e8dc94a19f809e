"""The ``pii`` filter applied to the short texts a view shows (ids, attributes,
speakers, coders). Paragraph texts arrive already checked, with their highlights moved
exactly by the caller (:class:`mentorqual.workflows.privacy.PiiPolicy`)."""

from __future__ import annotations

from collections.abc import Callable


class Redactor:
    """Applies the ``pii`` filter; short texts (ids, speakers, coders) are cached."""

    def __init__(self, pii: Callable[[str], str] | None) -> None:
        self.pii = pii
        self.cache: dict[str, str] = {}

    def short(self, text: str) -> str:
        if self.pii is None:
            return text
        if text not in self.cache:
            self.cache[text] = self.pii(text)
        return self.cache[text]
