"""Interview attributes: YAML front matter, ``metadata.csv`` files and region names."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..types import REGIONS

METADATA_FILE = "metadata.csv"
METADATA_XLSX = "metadata.xlsx"

# Official English names and other common spellings, keyed by their normalised form.
_REGION_ALIASES = {
    "north denmark region": "Nordjylland",
    "north denmark": "Nordjylland",
    "nordjyllands": "Nordjylland",
    "central denmark region": "Midtjylland",
    "central denmark": "Midtjylland",
    "midt": "Midtjylland",
    "region of southern denmark": "Syddanmark",
    "southern denmark": "Syddanmark",
    "syd": "Syddanmark",
    "region zealand": "Sjælland",
    "zealand": "Sjælland",
    "capital region of denmark": "Hovedstaden",
    "capital region": "Hovedstaden",
    "hovedstadsregionen": "Hovedstaden",
    "region h": "Hovedstaden",
}


def _region_key(value: str) -> str:
    key = " ".join(unicodedata.normalize("NFC", value).casefold().split())
    return key.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")


_REGION_BY_KEY = {_region_key(r): r for r in REGIONS}
_REGION_BY_KEY.update({_region_key(k): v for k, v in _REGION_ALIASES.items()})


def normalise_region(value: str) -> str | None:
    """Return the canonical region name for ``value``, or None if it is not a Danish region.

    >>> normalise_region("Region Hovedstaden"), normalise_region("sjaelland")
    ('Hovedstaden', 'Sjælland')
    """
    key = _region_key(value)
    if key in _REGION_BY_KEY:
        return _REGION_BY_KEY[key]
    if key.startswith("region "):
        return _REGION_BY_KEY.get(key.removeprefix("region "))
    return None


def split_front_matter(text: str, path: Path) -> tuple[dict[str, str], str, int]:
    """Split YAML front matter off ``text``.

    Returns the attributes, the body and the number of lines before the body.
    Only ``yaml.safe_load`` is used: tags such as ``!!python/object`` are refused.
    """
    lines = text.split("\n")
    # Blank lines before the opening '---' (an editor's stray newline) are allowed.
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if first == len(lines) or lines[first].strip() != "---":
        return {}, text, 0
    try:
        end = next(i for i in range(first + 1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise InputError(
            f"{path}, line {first + 1}: front matter opened with '---' is never closed"
        ) from None
    try:
        data = yaml.safe_load("\n".join(lines[first + 1 : end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first + (mark.line + 2 if mark is not None else 2)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{path}, line {line}: malformed front matter: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(f"{path}, line {first + 2}: front matter must be 'key: value' lines")
    return _attributes(data, path), "\n".join(lines[end + 1 :]), end + 1


# Column names and front-matter keys as people write them, in Danish and English.
_KEY_SYNONYMS = {
    "fil": "file",
    "filnavn": "file",
    "filename": "file",
    "file name": "file",
    "interview id": "interview",
    "interview-id": "interview",
    "interviewid": "interview",
    "interview_id": "interview",
    "rolle": "role",
    "stilling": "role",
    "talere": "speakers",
    "talerroller": "speakers",
    "speaker roles": "speakers",
}


def attribute_key(name: object) -> str:
    """An attribute's name: NFC, blanks collapsed, lower case, Danish names of the
    standard ones (``fil``, ``rolle``) in English.

    >>> attribute_key(" Fil "), attribute_key("Rolle"), attribute_key("Køn")
    ('file', 'role', 'køn')
    """
    key = " ".join(unicodedata.normalize("NFC", str(name)).split()).casefold()
    return _KEY_SYNONYMS.get(key, key)


def _attributes(data: dict[Any, Any], source: Path, row: int | None = None) -> dict[str, str]:
    at = f"{source}, row {row}" if row is not None else str(source)
    attributes: dict[str, str] = {}
    names: dict[str, object] = {}
    for name, value in data.items():
        key = attribute_key(name)
        if key in names:
            raise InputError(f"{at}: {names[key]!r} and {name!r} name the same attribute")
        names[key] = name
        if key == SPEAKERS and isinstance(value, dict):  # front matter: {Mette: Mentor}
            value = "; ".join(f"{k}={v}" for k, v in value.items())
        if isinstance(value, dict | list):
            raise InputError(f"{at}: attribute {name!r} must be a single value")
        if value is None or str(value).strip() == "":
            continue
        attributes[key] = unicodedata.normalize("NFC", str(value).strip())
    return attributes


def merge_attributes(
    from_csv: dict[str, str], csv_path: Path | None, front: dict[str, str], path: Path
) -> dict[str, str]:
    """Combine metadata.csv and front matter; a key given differently in both is an error."""
    merged = dict(from_csv)
    for key, value in front.items():
        if key in merged and merged[key] != value:
            raise InputError(
                f"{path}: {key!r} is {value!r} in the front matter "
                f"but {merged[key]!r} in {csv_path}"
            )
        merged[key] = value
    return merged


SPEAKERS = "speakers"  # a group interview's speakers and their roles: "Mette=Mentor; Ole=..."


def _speakers(value: str, path: Path) -> str:
    """A ``speakers`` attribute in its one written form, ``Name=Role; Name=Role``."""
    pairs = []
    for part in value.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, sep, role = part.partition("=") if "=" in part else part.partition(":")
        if not sep or not name.strip() or not role.strip():
            raise InputError(
                f"{path}: speakers must be 'Name=Role; Name=Role' (for example "
                f"'Mette=Mentor; Ole=Jobkonsulent'), not {part.strip()!r}"
            )
        pairs.append(f"{' '.join(name.split())}={' '.join(role.split())}")
    return "; ".join(pairs)


def finish_attributes(
    attributes: dict[str, str],
    path: Path,
    warnings: list[str] | None = None,
    no_row_in: Path | None = None,
) -> dict[str, str]:
    """Check and normalise the interview id and region; default the id to the file name.

    A missing region is allowed: it is left empty (reports say "ukendt region", in
    English "unknown region") and a warning is added to ``warnings``, naming the
    metadata file ``no_row_in`` when there is one beside the transcript without a row
    for it. A region that is not one of the
    five is an error.
    """
    attributes = dict(attributes)
    attributes["interview"] = attributes.get("interview") or path.stem
    if attributes.get(SPEAKERS):
        attributes[SPEAKERS] = _speakers(attributes[SPEAKERS], path)
    if not attributes.get("region"):
        attributes["region"] = ""
        if warnings is not None:
            where = (
                f"no row in {no_row_in} and no region in the front matter"
                if (no_row_in)
                else "no region"
            )
            warnings.append(
                f"{path}: {where}, so it is reported as 'ukendt region' ('unknown region' "
                "in English reports); add "
                f"'region: ...' to the front matter or a row to {no_row_in or METADATA_FILE}"
            )
        return attributes
    region = normalise_region(attributes["region"])
    if region is None:
        raise InputError(
            f"{path}: unknown region {attributes['region']!r}; expected one of {', '.join(REGIONS)}"
        )
    attributes["region"] = region
    return attributes
