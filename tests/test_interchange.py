"""REFI-QDA interchange: exports validate against the official schemas, references
resolve, positions are UTF-16, the round trip holds, and real exports import."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema
from defusedxml.ElementTree import fromstring

from mentorqual import Project
from mentorqual.errors import InputError, PiiError
from mentorqual.importers.qdpx import read_qdc, read_qdpx
from mentorqual.importers.transcript import canonical_with_offsets
from mentorqual.utf16 import utf16_length
from mentorqual.workflows.interchange import guid

from .conftest import CODEBOOK

DATA = Path(__file__).parent / "data" / "refi-qda"
NS = {"q": "urn:QDA-XML:project:1.0"}

EMOJI_INTERVIEW = (
    "---\r\ninterview: E01\r\nregion: Nordjylland\r\nrole: Jobkonsulent\r\n---\r\n"
    "I: Hvordan går det med blanketterne? 🙂\r\n"
    "IP: Det er 📄📄 papirarbejde hele dagen, lønsedler og blanketter.\r\n"
    "Vi har et mentorkursus 👩‍🏫 om ugen, det giver tryghed.\r\n"
    "I: Og ledelsen?\r\n"
    "IP: Ledelsen prioriterer det ikke. 🤷\r\n"
)


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "Project.xsd"))


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "Codebook.xsd"))


@pytest.fixture(scope="module")
def exported(sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("qdpx") / "sample.qdpx"
    Project(sample).export_qdpx(path)
    return path


def qde_of(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def codings_of(project: Project) -> set[tuple[str, str, str, str]]:
    """(interview, paragraph text, code, coder) of every coding."""
    with project._reading() as store:
        return {(r.interview, r.text, r.code, r.coder) for r in store.coding_table()}


def test_exported_project_validates_against_the_schema(
    exported: Path, project_schema: xmlschema.XMLSchema
) -> None:
    project_schema.validate(io.BytesIO(qde_of(exported)))


def test_exported_project_references_resolve_and_positions_fit(exported: Path) -> None:
    root = fromstring(qde_of(exported))
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids))
    defined = set(guids)
    targets = [e.get("targetGUID") for e in root.iter() if e.get("targetGUID")]
    users = [e.get("creatingUser") for e in root.iter() if e.get("creatingUser")]
    assert targets and users and set(targets) | set(users) <= defined
    with zipfile.ZipFile(exported) as archive:
        names = set(archive.namelist())
        sources = root.findall("q:Sources/q:TextSource", NS)
        assert sources
        for source in sources:
            has_path = source.get("plainTextPath") is not None
            assert has_path != (source.find("q:PlainTextContent", NS) is not None)
            member = source.get("plainTextPath").removeprefix("internal://")
            assert f"sources/{member}" in names
            text = archive.read(f"sources/{member}").decode("utf-8")
            assert "\r" not in text and not text.startswith("\ufeff")
            for sel in source.findall("q:PlainTextSelection", NS):
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                assert 0 <= start <= end <= utf16_length(text)


def test_exported_codebook_validates_and_keeps_its_guids(
    tmp_path: Path, codebook_schema: xmlschema.XMLSchema
) -> None:
    first, second = tmp_path / "a.qdc", tmp_path / "b.qdc"
    Project(tmp_path / "p.db").export_qdc(first, codebook=CODEBOOK)
    Project(tmp_path / "p.db").export_qdc(second, codebook=CODEBOOK)
    codebook_schema.validate(str(first))
    assert first.read_bytes() == second.read_bytes()
    codes = read_qdc(first)
    assert [c.name for c in codes][:2] == ["Tryghed", "Kompetenceafklaring"]
    assert codes[0].guid == guid("code", "tryghed")
    assert all(c.colour.startswith("#") and len(c.colour) == 7 for c in codes)


def test_export_is_deterministic(sample: Path, exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.qdpx"
    Project(sample).export_qdpx(again)
    assert again.read_bytes() == exported.read_bytes()


def test_round_trip_of_the_sample(sample: Path, exported: Path, tmp_path: Path) -> None:
    fresh = Project(tmp_path / "fresh.db")
    fresh.load_codebook(CODEBOOK)
    report = fresh.import_qdpx(exported)
    assert len(report.imported.added) == 30 and not report.skipped
    assert codings_of(fresh) == codings_of(Project(sample))
    with fresh._reading() as a, Project(sample)._reading() as b:
        assert [s.attributes for s in a.interview_summaries()] == [
            s.attributes for s in b.interview_summaries()
        ]
    second = tmp_path / "second.qdpx"
    fresh.export_qdpx(second)
    assert read_qdpx(second).sources[0].text == read_qdpx(exported).sources[0].text
    assert codings_of(fresh) == codings_of(Project(sample))


def test_round_trip_with_emoji_and_crlf(
    write: Callable[..., Path], tmp_path: Path, project_schema: xmlschema.XMLSchema
) -> None:
    source = write("E01.txt", EMOJI_INTERVIEW)
    codings = write(
        "codings.csv",
        "interview,segment,code,coder\n"
        "E01,p2,administration,A\nE01,p3,kurser,A\nE01,p3,tryghed,B\nE01,p5,ledelse,B\n",
    )
    first = Project(tmp_path / "first.db")
    first.load_codebook(CODEBOOK)
    first.import_paths([source])
    first.import_codings(codings)
    out = tmp_path / "e.qdpx"
    first.export_qdpx(out)
    project_schema.validate(io.BytesIO(qde_of(out)))
    # The positions are UTF-16 units: past the emoji they differ from code points.
    text = read_qdpx(out).sources[0].text
    root = fromstring(qde_of(out))
    starts = sorted(
        int(s.get("startPosition")) for s in root.iter(f"{{{NS['q']}}}PlainTextSelection")
    )
    p3 = text.index("Vi har")
    assert utf16_length(text[:p3]) in starts and p3 not in starts

    second = Project(tmp_path / "second.db")
    second.load_codebook(CODEBOOK)
    second.import_qdpx(out)
    assert codings_of(second) == codings_of(first)
    again = tmp_path / "again.qdpx"
    second.export_qdpx(again)
    assert qde_of(again) == qde_of(out)


def crlf_qdpx(path: Path, text: str, selections: list[tuple[int, int]], folder: str) -> Path:
    """A .qdpx as NVivo for Windows writes it: Sources/, BOM, CRLF, UTF-16 positions."""
    src = "11111111-1111-1111-1111-111111111111"
    sels = "".join(
        f'<PlainTextSelection guid="2222222{k}-2222-2222-2222-222222222222" '
        f'startPosition="{a}" endPosition="{b}"><Coding guid="3333333{k}-3333-3333-3333-'
        '333333333333" creatingUser="44444444-4444-4444-4444-444444444444"><CodeRef '
        'targetGUID="55555555-5555-5555-5555-555555555555"/></Coding></PlainTextSelection>'
        for k, (a, b) in enumerate(selections)
    )
    qde = (
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
        'name="nvivo"><Users><User guid="44444444-4444-4444-4444-444444444444" name="Lærke"/>'
        '</Users><CodeBook><Codes><Code guid="55555555-5555-5555-5555-555555555555" '
        'name="Kurser" isCodable="true"/></Codes></CodeBook><Sets/>'
        f'<Sources><TextSource guid="{src}" name="Interview 7.docx" '
        f'plainTextPath="internal://{src}.txt">{sels}</TextSource></Sources></Project>'
    ).replace("<Sets/>", "")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Project.qde", qde)
        archive.writestr(f"{folder}/{src}.txt", "\ufeff".encode() + text.encode("utf-8"))
    return path


def test_import_of_an_nvivo_style_archive(loaded: Project, tmp_path: Path) -> None:
    text = "I: Hvad med kurser? 😀\r\nIP: Mentorkurset 😀 var godt.\r\n\r\nIP: Resten var fint.\r\n"
    inside = text.index("Mentorkurset")
    start = utf16_length(text[:inside])
    path = crlf_qdpx(tmp_path / "n.qdpx", text, [(start, start + 12), (0, 999)], "Sources")
    report = loaded.import_qdpx(path)
    assert report.imported.added == ["Interview 7"]
    assert report.codings == {"Lærke": 1}
    assert any("999" in s and "not within" in s for s in report.skipped)
    with loaded._reading() as store:
        rows = store.coding_table()
        summary = store.interview_summaries()[0]
    assert [(r.locator, r.code, r.text) for r in rows] == [
        ("p2", "kurser", "Mentorkurset 😀 var godt.")
    ]
    assert summary.region == "" and summary.attributes["interview"] == "Interview 7"


def test_reports_list_an_interview_without_region_as_unknown(
    loaded: Project, tmp_path: Path
) -> None:
    text = "I: Hvad med kurser?\nIP: Mentorkurset var godt.\n"
    loaded.import_qdpx(crlf_qdpx(tmp_path / "n.qdpx", text, [(23, 35)], "sources"))
    rows = loaded.counts(coder="Lærke")
    assert {r["region"] for r in rows.rows} >= {"ukendt region"}


def test_unknown_codes_are_refused_unless_added(project: Project, tmp_path: Path) -> None:
    path = crlf_qdpx(tmp_path / "n.qdpx", "IP: Kurser er godt.\n", [(4, 10)], "sources")
    project.load_codebook(CODEBOOK)
    before = codings_of(project)
    path2 = tmp_path / "other.qdpx"
    data = zipfile.ZipFile(path).read("Project.qde").replace(b'name="Kurser"', b'name="Sko"')
    with zipfile.ZipFile(path2, "w") as archive:
        for info in zipfile.ZipFile(path).infolist():
            archive.writestr(
                info, data if info.filename == "Project.qde" else zipfile.ZipFile(path).read(info)
            )
    with pytest.raises(
        InputError, match="code\\(s\\) not in the project's codebook: Sko; pass --add-codes"
    ):
        project.import_qdpx(path2)
    assert codings_of(project) == before
    report = project.import_qdpx(path2, add_codes=True)
    assert report.added_codes == ["sko"]
    with project._reading() as store:
        assert "sko" in store.codes() and "tryghed" in store.codes()
        assert store.lead_human_coder() == "Lærke"


def test_shared_example_codebooks_import(project: Project) -> None:
    report = project.import_qdc(DATA / "atlasti-23.4-codebook.qdc")
    assert (report.matched, report.added) == (0, ["code1"])
    report = project.import_qdc(DATA / "taguette-codebook-empty-sets.qdc")
    assert report.added == ["interesting", "people", "interesting-places"]
    with project._reading() as store:
        assert store.codes() == ["code1", "interesting", "people", "interesting-places"]
        assert store.themes()[0] == ("code1", "code1", "#46AA00")


def test_codebook_import_matches_the_project_codes(loaded: Project, tmp_path: Path) -> None:
    qdc = tmp_path / "cb.qdc"
    loaded.export_qdc(qdc)
    with loaded._reading() as store:
        sha = store.codebook_sha256()
    report = loaded.import_qdc(qdc, output=tmp_path / "cb.yaml")
    assert (report.matched, report.added) == (5, [])
    with loaded._reading() as store:
        assert store.codebook_sha256() == sha
    assert (tmp_path / "cb.yaml").read_text(encoding="utf-8") == CODEBOOK.read_text(
        encoding="utf-8"
    )


def test_shared_atlasti_project_imports(project: Project) -> None:
    qda = read_qdpx(DATA / "atlasti-8.4-standard-project.qde")
    assert len(qda.users) == 3 and len(qda.codes) >= 10
    report = project.import_qdpx(DATA / "atlasti-8.4-standard-project.qde", add_codes=True)
    assert len(report.added_codes) == len(qda.codes)
    assert any("PDFSource" in s for s in report.skipped)
    assert any("not in a bare .qde" in s for s in report.skipped)
    with project._reading() as store:
        assert len(store.codes()) == len(qda.codes)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("IP: a\r\nb  \r\n", "IP: a\nb"),
        ("\n\n  IP: x\n\n", "  IP: x"),
        ("IP: e\u0301t\n", "IP: ét"),
    ],
)
def test_canonical_offsets(raw: str, expected: str) -> None:
    text, offsets = canonical_with_offsets(raw)
    assert text == expected
    assert len(offsets) == len(raw) + 1 and offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(raw):
        if ch.isalpha() and ch.isascii() and raw[i + 1 : i + 2] != "\u0301":
            assert text[offsets[i]] == ch


def test_export_refuses_or_redacts_personal_data(
    write: Callable[..., Path], tmp_path: Path
) -> None:
    text = EMOJI_INTERVIEW.replace("om ugen", "med Mette, tlf. 22 33 44 55,")
    project = Project(tmp_path / "p.db")
    project.load_codebook(CODEBOOK)
    project.import_paths([write("E01.txt", text)])
    project.import_codings(write("c.csv", "interview,segment,code,coder\nE01,p3,kurser,A\n"))
    out = tmp_path / "e.qdpx"
    with pytest.raises(PiiError, match="NAVN 'Mette'"):
        project.export_qdpx(out)
    assert not out.exists()
    project.export_qdpx(out, pii="redact")
    qda = read_qdpx(out)
    source = qda.sources[0]
    assert "Mette" not in source.text and "22 33" not in source.text
    selection = source.selections[0]
    assert source.text[selection.start : selection.end].startswith("Vi har et mentorkursus")
    assert source.text[selection.start : selection.end].endswith("det giver tryghed.")


def test_atlasti_style_positions_count_a_line_break_as_one(tmp_path: Path) -> None:
    """ATLAS.ti is reported to count CRLF as one unit; the selection names, which it
    fills with the quotation, show which count fits."""
    text = "I: Hvad med kurser?\r\nIP: Mentorkurset var godt.\r\nIP: Og lønsedlerne fylder.\r\n"
    lf = text.replace("\r\n", "\n")
    quotes = ["Mentorkurset var godt.", "Og lønsedlerne fylder."]
    selections = [(lf.index(q), lf.index(q) + len(q)) for q in quotes]
    path = crlf_qdpx(tmp_path / "a.qdpx", text, selections, "sources")
    data = zipfile.ZipFile(path).read("Project.qde").decode()
    for k, quote in enumerate(quotes):
        data = data.replace(
            f'<PlainTextSelection guid="2222222{k}',
            f'<PlainTextSelection name="{quote}" guid="2222222{k}',
        )
    named = tmp_path / "named.qdpx"
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(named, "w") as new:
        for info in old.infolist():
            new.writestr(info, data if info.filename == "Project.qde" else old.read(info))
    source = read_qdpx(named).sources[0]
    assert [source.text[s.start : s.end] for s in source.selections] == quotes


def test_inline_text_sources_import(loaded: Project, tmp_path: Path) -> None:
    qde = tmp_path / "inline.qde"
    qde.write_text(
        '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:codebook:0:4" '
        'name="x"><CodeBook><Codes><Code guid="{55555555-5555-5555-5555-555555555555}" '
        'name="LEDELSE" isCodable="true"/></Codes></CodeBook><Sources><TextSource '
        'guid="11111111-1111-1111-1111-111111111111" name="Int 3"><PlainTextContent>'
        "IP: Ledelsen bakker op.</PlainTextContent><PlainTextSelection "
        'guid="22222222-2222-2222-2222-222222222222" startPosition="4" endPosition="12">'
        '<Coding guid="33333333-3333-3333-3333-333333333333"><CodeRef '
        'targetGUID="55555555-5555-5555-5555-555555555555"/></Coding></PlainTextSelection>'
        "</TextSource></Sources></Project>",
        encoding="utf-8",
    )
    report = loaded.import_qdpx(qde)
    assert report.imported.added == ["Int 3"] and report.codings == {"ukendt": 1}
    with loaded._reading() as store:
        assert [(r.code, r.text) for r in store.coding_table()] == [
            ("ledelse", "Ledelsen bakker op.")
        ]


def test_codebook_export_holds_codes_added_since(loaded: Project, tmp_path: Path) -> None:
    loaded.import_qdc(DATA / "atlasti-23.4-codebook.qdc")
    out = tmp_path / "cb.qdc"
    assert loaded.export_qdc(out) == 6
    assert [c.name for c in read_qdc(out)][-1] == "code1"
