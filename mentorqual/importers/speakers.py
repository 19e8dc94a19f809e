"""Who asks and who answers: speaker labels and their sides."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

# Labels that mark the interviewer; ``interviewer_labels`` given by the user add to these.
DEFAULT_INTERVIEWER_LABELS = (
    "I",
    "Int",
    "Int.",
    "Interviewer",
    "Intervieweren",
    "Q",
    "S",
    "Spørger",
    "Spørgeren",
    "Forsker",
    "Forskeren",
    "Moderator",
    "Moderatoren",
)

# Respondent labels common in Danish (and English) transcripts; any other label must
# recur to count. "A" (answer) and "Sv" (svar) pair with "Q" and "S".
KNOWN_RESPONDENT_LABELS = frozenset(
    "ip r b d a sv svar svarer respondent respondenten informant informanten "
    "interviewperson interviewpersonen interviewee deltager deltageren borger borgeren "
    "jobkonsulent jobkonsulenten jk konsulent konsulenten mentor mentoren".split()
)
# Words that start a line with a colon in ordinary speech ("Fx: hvis borgeren ...").
NOT_LABELS = frozenset(
    "fx f.eks f.eks. eks eks. eksempel altså nb n.b. obs obs. note dvs dvs. bl.a bl.a. "
    "pkt pkt. ps p.s. mvh og men så nå ja nej citat".split()
)

# "Jobkonsulent 1", "IP2" and "Int." count as "jobkonsulent", "ip" and "int".
_NUMBER = re.compile(r"(?:[ \-_]+\d+|(?<=[^\W\d_]{2})\d+)$")
# A turn is a question when one of its sentences ends with a question mark.
_QUESTION = re.compile(r"\?(?:[\s\"'»”)\]]|$)")


@lru_cache(maxsize=4096)  # a file has a handful of labels, met on every turn
def label_key(label: str) -> str:
    """The form in which labels are compared: case, a final dot and a number ignored.

    >>> label_key("Int."), label_key("Jobkonsulent 2"), label_key("IP1"), label_key("I")
    ('int', 'jobkonsulent', 'ip', 'i')
    """
    key = " ".join(label.casefold().split())
    if key not in NOT_LABELS:
        key = key.rstrip(".")
    return _NUMBER.sub("", key) or key


def interviewer_keys(labels: Iterable[str]) -> frozenset[str]:
    """The defaults plus ``labels``, as :func:`label_key` forms."""
    return frozenset(label_key(label) for label in (*DEFAULT_INTERVIEWER_LABELS, *labels))


def is_question(text: str) -> bool:
    """Whether the text asks something (a sentence ends with '?')."""
    return _QUESTION.search(text) is not None


def questioner(turns: Sequence[tuple[str, str]]) -> str | None:
    """The speaker whose turns are mostly questions, if one clearly is.

    ``turns`` are (speaker, text) pairs. The speaker must have at least two turns, more
    than half of them questions, and a larger share of questions than anyone else.
    """
    asked: dict[str, list[int]] = {}
    for speaker, text in turns:
        counts = asked.setdefault(speaker, [0, 0])
        counts[0] += is_question(text)
        counts[1] += 1
    if len(asked) < 2:
        return None
    shares = sorted(
        ((questions / total, speaker) for speaker, (questions, total) in asked.items()),
        reverse=True,
    )
    (best, speaker), (second, _) = shares[0], shares[1]
    if best > 0.5 and best > second and asked[speaker][1] >= 2:
        return speaker
    return None
