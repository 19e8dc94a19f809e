"""A folder that mixes layouts, with a metadata.csv as Danish Excel saves it, imports
with no options."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx

from mentorqual.importers import MetadataCache, metadata_warnings, read_transcript, scan_paths

from .test_importers_layouts import SRT, TEAMS, VTT

METADATA = (
    "Fil;Interview;Region;Rolle;Køn\n"
    "M1.txt;M1;Region Midtjylland;Mentorkoordinator;kvinde\n"
    "M2.docx;M2;Sjælland;Jobkonsulent;mand\n"
    "M3.vtt;M3;Nordjylland;Mentor;mand\n"
    "M4.srt;M4;Syddanmark;Jobkonsulent;kvinde\n"
    "M5;M5;Hovedstaden;Jobkonsulent;kvinde\n"
    "M9.txt;M9;Hovedstaden;Jobkonsulent;mand\n"
)


def test_mixed_folder(write: Callable[..., Path], tmp_path: Path) -> None:
    write("M1.txt", TEAMS)
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for cells in [
        ("Tid", "Taler", "Tekst"),
        ("00:00:05", "Int.", "Hvordan finder I virksomhederne?"),
        ("00:00:11", "Jobkonsulent", "Mest gennem vores egne kontakter."),
    ]:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    document.save(str(tmp_path / "in" / "M2.docx"))
    write("M3.vtt", VTT)
    write("M4.srt", SRT)
    write("M5.txt", "[00:00:01] Q: Hvor længe har du været her?\n[00:00:04] A: I fire år.\n")
    write("M6.pdf", b"%PDF-1.4")
    write("metadata.csv", METADATA, encoding="cp1252")

    scan = scan_paths([tmp_path / "in"])
    assert [p.name for p in scan.transcripts] == ["M1.txt", "M2.docx", "M3.vtt", "M4.srt", "M5.txt"]
    assert [s.path.name for s in scan.skipped] == ["M6.pdf"]
    cache: MetadataCache = {}
    transcripts = [read_transcript(path, metadata_cache=cache) for path in scan.transcripts]
    assert [(t.interview, t.region, t.attributes["role"]) for t in transcripts] == [
        ("M1", "Midtjylland", "Mentorkoordinator"),
        ("M2", "Sjælland", "Jobkonsulent"),
        ("M3", "Nordjylland", "Mentor"),
        ("M4", "Syddanmark", "Jobkonsulent"),
        ("M5", "Hovedstaden", "Jobkonsulent"),
    ]
    for t in transcripts:
        assert t.respondent_paragraphs
        for p in t.respondent_paragraphs:
            text = t.paragraph_text(p)
            assert not text.endswith("?") and "00:" not in text, (t.interview, text)
    assert metadata_warnings(scan.transcripts, cache) == [
        f"{tmp_path / 'in' / 'metadata.csv'}, row 7: no file 'M9.txt' in the folder"
    ]
