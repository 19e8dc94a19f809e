"""Transcript layouts as transcription tools and typists make them, each with a fictional
Danish interview: speakers, sides, paragraph texts and times."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from mentorqual.errors import InputError
from mentorqual.importers import read_transcript, scan_paths
from mentorqual.types import Transcript

META = "file;interview;region;role\n"


def rows(t: Transcript) -> list[tuple[str, str, str, float | None]]:
    return [(p.speaker, p.role, t.paragraph_text(p), p.time) for p in t.paragraphs]


def with_metadata(write: Callable[..., Path], name: str) -> None:
    write("metadata.csv", META + f"{name};L1;Midtjylland;Mentorkoordinator\n")


# -- Teams, Zoom, Otter and Word's Transcribe: a name-and-time line, then the text ------

TEAMS = """\
Interviewer   0:03
Velkommen, og tak fordi du vil være med. Hvordan blev du mentorkoordinator?

Mentorkoordinator   0:12
Det var lidt tilfældigt. Jeg sad med virksomhedskontakten og
blev spurgt, om jeg ville samle mentorindsatsen.

Interviewer   1:05
Hvad fylder mest i dag?

Mentorkoordinator   1:09
Afregningen med virksomhederne.
"""

TEAMS_EXPECTED = [
    (
        "Interviewer",
        "interviewer",
        "Velkommen, og tak fordi du vil være med. Hvordan blev du mentorkoordinator?",
        3.0,
    ),
    (
        "Mentorkoordinator",
        "respondent",
        "Det var lidt tilfældigt. Jeg sad med virksomhedskontakten og blev spurgt, "
        "om jeg ville samle mentorindsatsen.",
        12.0,
    ),
    ("Interviewer", "interviewer", "Hvad fylder mest i dag?", 65.0),
    ("Mentorkoordinator", "respondent", "Afregningen med virksomhederne.", 69.0),
]


def test_name_and_time_lines(write: Callable[..., Path]) -> None:
    path = write("L1.txt", TEAMS)
    with_metadata(write, "L1.txt")
    t = read_transcript(path)
    assert rows(t) == TEAMS_EXPECTED
    assert t.attributes["role"] == "Mentorkoordinator"


def test_word_transcribe_time_then_name(write: Callable[..., Path]) -> None:
    text = (
        "00:00:03 Speaker 1\nHvordan kommer borgeren i gang med mentoren?\n\n"
        "00:00:09 Speaker 2\nVi holder et trepartsmøde på virksomheden.\n\n"
        "00:00:20 Speaker 1\nHvem deltager?\n\n"
        "00:00:22 Speaker 2\nBorgeren, mentoren og mig.\n"
    )
    path = write("L1.txt", text)
    with_metadata(write, "L1.txt")
    t = read_transcript(path)
    assert [(s, r, time) for s, r, _, time in rows(t)] == [
        ("Speaker 1", "interviewer", 3.0),
        ("Speaker 2", "respondent", 9.0),
        ("Speaker 1", "interviewer", 20.0),
        ("Speaker 2", "respondent", 22.0),
    ]
    assert t.warnings[0].endswith(
        "no interviewer label found; 'Speaker 1' asks most of the questions and is taken "
        "as the interviewer (name the interviewer's label with --interviewer-label if "
        "that is wrong)"
    )


def test_teams_layout_in_word(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Interview med mentorkoordinator", level=1)
    for line in TEAMS.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "L1.docx"
    document.save(str(path))
    (tmp_path / "metadata.csv").write_text(META + "L1.docx;L1;Midtjylland;Mentorkoordinator\n")
    assert rows(read_transcript(path)) == TEAMS_EXPECTED


# -- Word tables and headings ------------------------------------------------------


def test_word_table_with_a_speaker_column(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Tema 1: Opstart", level=2)
    table = document.add_table(rows=0, cols=3)
    for cells in [
        ("Tid", "Taler", "Tekst"),
        ("00:00:05", "Int.", "Hvordan finder I virksomhederne?"),
        ("00:00:11", "Jobkonsulent", "Mest gennem vores egne kontakter."),
        ("", "", "Og så ringer virksomhederne selv."),
        ("00:01:02", "Int.", "Hvad med lønsedlerne?"),
        ("00:01:06", "Jobkonsulent", "Dem får vi hver måned."),
    ]:
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    path = tmp_path / "L1.docx"
    document.save(str(path))
    (tmp_path / "metadata.csv").write_text(META + "L1.docx;L1;Midtjylland;Jobkonsulent\n")
    t = read_transcript(path)
    assert rows(t) == [
        ("Int.", "interviewer", "Hvordan finder I virksomhederne?", 5.0),
        ("Jobkonsulent", "respondent", "Mest gennem vores egne kontakter.", 11.0),
        ("Jobkonsulent", "respondent", "Og så ringer virksomhederne selv.", None),
        ("Int.", "interviewer", "Hvad med lønsedlerne?", 62.0),
        ("Jobkonsulent", "respondent", "Dem får vi hver måned.", 66.0),
    ]
    assert t.text.startswith("Tema 1: Opstart\nTid\tTaler\tTekst\n[00:00:05] Int.: Hvordan")


def test_word_headings_and_soft_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Administration", level=2)
    document.add_paragraph("I: Hvordan er papirarbejdet?")
    paragraph = document.add_paragraph("IP: Der er mange blanketter, og vi skal")
    paragraph.add_run().add_break()
    paragraph.add_run("indhente lønsedler hver måned.")
    document.add_heading("Kurser", level=2)
    document.add_paragraph("I: Og mentorkurset?")
    document.add_paragraph("IP: Det var godt.")
    path = tmp_path / "L1.docx"
    document.save(str(path))
    (tmp_path / "metadata.csv").write_text(META + "L1.docx;L1;Sjælland;Jobkonsulent\n")
    t = read_transcript(path)
    assert [t.paragraph_text(p) for p in t.respondent_paragraphs] == [
        "Der er mange blanketter, og vi skal indhente lønsedler hver måned.",
        "Det var godt.",
    ]


# -- OpenDocument ------------------------------------------------------------------


def test_odt_paragraphs_headings_and_table(tmp_path: Path) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Tema 2: Virksomhederne"))
    document.text.addElement(P(text="[00:03:10] I: Hvad får virksomheden ud af det?"))
    document.text.addElement(P(text="[00:03:15] IP: En medarbejder, der bliver."))
    table = Table()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for speaker, text in [("I", "Og borgeren?"), ("IP", "Et fast holdepunkt.")]:
        row = TableRow()
        for value in (speaker, text):
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    path = tmp_path / "L1.odt"
    document.save(str(path))
    (tmp_path / "metadata.csv").write_text(META + "L1.odt;L1;Syddanmark;Jobkonsulent\n")
    t = read_transcript(path)
    assert t.source_format == "odt"
    assert rows(t) == [
        ("I", "interviewer", "Hvad får virksomheden ud af det?", 190.0),
        ("IP", "respondent", "En medarbejder, der bliver.", 195.0),
        ("I", "interviewer", "Og borgeren?", None),
        ("IP", "respondent", "Et fast holdepunkt.", None),
    ]


# -- captions ----------------------------------------------------------------------

VTT = """\
WEBVTT

1
00:00:01.200 --> 00:00:04.000
<v Interviewer>Hvordan kom du i gang som mentor?</v>

2
00:00:04.500 --> 00:00:08.000
<v Mentor 2>Min chef spurgte, om jeg ville tage en ung ind</v>

3
00:00:08.000 --> 00:00:11.500
<v Mentor 2>på lageret. Det sagde jeg ja til.</v>

4
00:00:12.000 --> 00:00:14.000
<v Interviewer>Og hvordan gik det?</v>

5
00:00:14.200 --> 00:00:16.000
<v Mentor 2>Rigtig godt, faktisk.</v>
"""


def test_webvtt_voices_and_joined_cues(write: Callable[..., Path]) -> None:
    path = write("L1.vtt", VTT)
    with_metadata(write, "L1.vtt")
    t = read_transcript(path)
    assert rows(t) == [
        ("Interviewer", "interviewer", "Hvordan kom du i gang som mentor?", 1.0),
        (
            "Mentor 2",
            "respondent",
            "Min chef spurgte, om jeg ville tage en ung ind på lageret. Det sagde jeg ja til.",
            4.0,
        ),
        ("Interviewer", "interviewer", "Og hvordan gik det?", 12.0),
        ("Mentor 2", "respondent", "Rigtig godt, faktisk.", 14.0),
    ]


def test_webvtt_with_zoom_name_prefixes(write: Callable[..., Path]) -> None:
    vtt = VTT.replace("<v Interviewer>", "Anne Holm: ").replace("<v Mentor 2>", "Kim Berg: ")
    path = write("L1.vtt", vtt.replace("</v>", ""))
    with_metadata(write, "L1.vtt")
    t = read_transcript(path)
    assert [(s, r) for s, r, _, _ in rows(t)] == [
        ("Anne Holm", "interviewer"),
        ("Kim Berg", "respondent"),
        ("Anne Holm", "interviewer"),
        ("Kim Berg", "respondent"),
    ]
    assert "'Anne Holm' asks most of the questions" in t.warnings[0]


SRT = """\
1
00:00:02,000 --> 00:00:05,000
I: Hvad betyder mentorkurset for dig?

2
00:00:05,500 --> 00:00:09,000
IP: Jeg lærte at sige tingene
mere direkte til de unge.

3
00:00:09,500 --> 00:00:12,000
Det har jeg brugt meget.
"""


def test_subrip_cues(write: Callable[..., Path]) -> None:
    path = write("L1.srt", SRT)
    with_metadata(write, "L1.srt")
    t = read_transcript(path)
    assert rows(t) == [
        ("I", "interviewer", "Hvad betyder mentorkurset for dig?", 2.0),
        (
            "IP",
            "respondent",
            "Jeg lærte at sige tingene mere direkte til de unge. Det har jeg brugt meget.",
            5.0,
        ),
    ]


def test_broken_captions_are_refused(write: Callable[..., Path]) -> None:
    path = write("L1.vtt", "Dette er ikke undertekster.\n")
    with pytest.raises(InputError, match=r"L1\.vtt: not a valid WebVTT \(\.vtt\) file \("):
        read_transcript(path)


# -- files that cannot be read -----------------------------------------------------


def test_unreadable_formats_are_listed_as_skipped(write: Callable[..., Path]) -> None:
    good = write("L1.txt", "---\nregion: Sjælland\n---\nI: Hvordan?\nIP: Godt.\n")
    write("L2.doc", b"\xd0\xcf\x11\xe0")
    write("L3.rtf", b"{\\rtf1}")
    write("L4.pdf", b"%PDF-1.4")
    write("noter.md", "# noter")
    scan = scan_paths([good.parent])
    assert scan.transcripts == [good]
    assert [str(s) for s in scan.skipped] == [
        f"{good.parent / 'L2.doc'}: skipped: an old Word document; open it in Word and "
        "save it as .docx",
        f"{good.parent / 'L3.rtf'}: skipped: Rich Text Format; open it in Word and save "
        "it as .docx",
        f"{good.parent / 'L4.pdf'}: skipped: a PDF; open it in Word (which converts it) "
        "and save it as .docx, or copy the text into a .txt file",
    ]


def test_an_unreadable_file_named_directly_says_what_to_do(write: Callable[..., Path]) -> None:
    path = write("L3.rtf", b"{\\rtf1}")
    with pytest.raises(InputError) as error:
        scan_paths([path])
    assert str(error.value) == (
        f"{path}: unsupported file type '.rtf'; expected .txt, .docx, .odt, .vtt, .srt; "
        "Rich Text Format; open it in Word and save it as .docx"
    )


def test_teams_older_layout_time_line_then_name(write: Callable[..., Path]) -> None:
    text = (
        "0:0:0.0 --> 0:0:3.450\nHansen, Mette\nHvordan blev du mentor?\n\n"
        "0:0:4.100 --> 0:0:9.200\nBerg, Kim (Ekstern)\nMin chef spurgte mig, om jeg ville.\n\n"
        "0:0:10.0 --> 0:0:12.0\nHansen, Mette\nOg hvad så?\n\n"
        "0:0:12.5 --> 0:0:15.0\nBerg, Kim (Ekstern)\nSå sagde jeg ja.\n"
    )
    path = write("L1.txt", text)
    with_metadata(write, "L1.txt")
    assert rows(read_transcript(path)) == [
        ("Hansen, Mette", "interviewer", "Hvordan blev du mentor?", 0.0),
        ("Berg, Kim (Ekstern)", "respondent", "Min chef spurgte mig, om jeg ville.", 4.1),
        ("Hansen, Mette", "interviewer", "Og hvad så?", 10.0),
        ("Berg, Kim (Ekstern)", "respondent", "Så sagde jeg ja.", 12.5),
    ]


def test_word_table_of_times_and_labelled_text(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for cells in [
        ("00:02:00", "I: Hvad med mentorkurset?"),
        ("00:02:04", "IP: Det var nyttigt."),
        ("00:02:30", "I: Og lønnen?"),
    ]:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "L1.docx"
    document.save(str(path))
    (tmp_path / "metadata.csv").write_text(META + "L1.docx;L1;Midtjylland;Jobkonsulent\n")
    assert rows(read_transcript(path)) == [
        ("I", "interviewer", "Hvad med mentorkurset?", 120.0),
        ("IP", "respondent", "Det var nyttigt.", 124.0),
        ("I", "interviewer", "Og lønnen?", 150.0),
    ]


def test_other_word_tables_are_structure(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for cells in [("Dato", "3. april 2024"), ("Sted", "Jobcentret")]:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("I: Hvordan?")
    document.add_paragraph("IP: Godt.")
    path = tmp_path / "L1.docx"
    document.save(str(path))
    (tmp_path / "metadata.csv").write_text(META + "L1.docx;L1;Midtjylland;Jobkonsulent\n")
    t = read_transcript(path)
    assert t.text.startswith("Dato\t3. april 2024\nSted\tJobcentret\nI: Hvordan?")
    assert [t.paragraph_text(p) for p in t.paragraphs] == ["Hvordan?", "Godt."]


def test_zoom_bracketed_name_then_clock(write: Callable[..., Path]) -> None:
    text = (
        "[Anne Holm] 10:02:33\nHvad betyder mentoren for borgeren?\n\n"
        "[Kim Berg] 10:02:40\nEn fast person at gå til.\n\n"
        "[Anne Holm] 10:03:02\nOg for virksomheden?\n\n"
        "[Kim Berg] 10:03:05\nRo på.\n"
    )
    path = write("L1.txt", text)
    with_metadata(write, "L1.txt")
    assert [(s, r, time) for s, r, _, time in rows(read_transcript(path))] == [
        ("Anne Holm", "interviewer", 36153.0),
        ("Kim Berg", "respondent", 36160.0),
        ("Anne Holm", "interviewer", 36182.0),
        ("Kim Berg", "respondent", 36185.0),
    ]
