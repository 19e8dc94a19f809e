from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mentorqual.errors import MentorqualError
from mentorqual.reports import files, view
from mentorqual.reports.view import (
    MARKER,
    PALETTE,
    ViewCoding,
    ViewInterview,
    ViewParagraph,
    ViewTheme,
    write_view,
)
from mentorqual.reports.view.style import tint
from mentorqual.types import Role

VOID = {"meta", "link", "br", "hr", "img", "input", "wbr", "col", "source"}
THEMES = [
    ViewTheme("tryghed", "Tryghed", "#1B9E77"),
    ViewTheme("administration", "Administration", "#7570B3"),
    ViewTheme("kurser", "Kurser", "#E7298A"),
]
TEXT = "Hun vidste, at hun altid kunne ringe, men blanketterne tog al tiden."


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find(self, tag: str = "", cls: str = "", **attrs: str) -> list[Node]:
        return [
            n
            for n in self.walk()
            if (not tag or n.tag == tag)
            and (not cls or cls in n.classes)
            and all(n.attrs.get(k) == v for k, v in attrs.items())
        ]

    def one(self, tag: str = "", cls: str = "", **attrs: str) -> Node:
        found = self.find(tag, cls, **attrs)
        assert len(found) == 1, (tag, cls, attrs, found)
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(path: Path) -> tuple[Node, str]:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root, builder.doctype


def paragraph(
    locator: str, text: str = TEXT, codings: tuple[ViewCoding, ...] = (), role: Role = "respondent"
) -> ViewParagraph:
    return ViewParagraph(locator, "IP" if role == "respondent" else "I", role, text, codings)


def interview(name: str = "HS01", *paragraphs: ViewParagraph, **attributes: str) -> ViewInterview:
    attributes = {"region": "Hovedstaden", "role": "Jobkonsulent", **attributes}
    return ViewInterview(name, attributes, list(paragraphs))


def sample() -> ViewInterview:
    return interview(
        "HS01",
        paragraph("p1", "Hvordan er papirarbejdet?", role="interviewer"),
        paragraph(
            "p2",
            codings=(
                ViewCoding("tryghed", "A", 0, len(TEXT)),
                ViewCoding("tryghed", "regler", 25, 36, 0.82, "tryghed-udtryk", machine=True),
                ViewCoding("administration", "regler", 42, 54, None, "administration-ord", True),
            ),
        ),
        paragraph("p3", "Det ved jeg ikke."),
    )


def write(directory: Path, *interviews: ViewInterview) -> list[Path]:
    return write_view(directory, list(interviews), THEMES, "Mentorordningen", "mentorqual 0.1.0")


def siblings(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.parent.iterdir() if p.name != directory.name)


def luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_pages_are_html5_and_offline(tmp_path: Path) -> None:
    paths = write(tmp_path / "view", sample())
    assert [p.name for p in paths] == ["index.html", "HS01.html"]
    for path in paths:
        root, doctype = parse(path)
        assert doctype.lower() == "doctype html"
        assert root.one("html").attrs["lang"] == "da"
        assert root.find("meta", charset="utf-8")
        assert root.one("title").text
        raw = path.read_text(encoding="utf-8")
        assert not root.find("script") and not root.find("link")
        assert not re.search(r"https?:|//|url\(|@import|@font-face", raw)
        assert not re.search(r"\son[a-z]+=", raw)  # no inline event handlers


def test_coded_paragraph_has_strips_highlights_and_titles(tmp_path: Path) -> None:
    root, _ = parse(write(tmp_path / "view", sample())[1])
    para = root.one("div", id="p2")
    assert {"para", "respondent", "coded"} <= para.classes
    assert para.attrs["data-codes"] == "tryghed administration"
    strips = para.find("span", cls="strip")
    # One strip per coder and code, as NVivo's coding stripes; a machine's is dashed.
    assert [s.classes - {"strip"} for s in strips] == [
        {"code-tryghed"},
        {"code-tryghed", "machine"},
        {"code-administration", "machine"},
    ]
    assert strips[0].attrs["title"] == "Tryghed (tryghed)\nkodet af A"
    assert strips[1].attrs["title"] == (
        "Tryghed (tryghed)\nkodet af regler, score 0,82, regel tryghed-udtryk"
    )
    tag = para.find("li", cls="tag")[0]
    assert tag.attrs["title"] == (
        "Tryghed (tryghed)\nkodet af A\nkodet af regler, score 0,82, regel tryghed-udtryk"
    )
    evidence = para.find("span", cls="ev")
    assert [(e.text, e.classes - {"ev"}) for e in evidence] == [
        ("kunne ringe", {"code-tryghed"}),
        ("blanketterne", {"code-administration"}),
    ]
    assert (
        evidence[0].attrs["title"] == "Tryghed: kodet af regler, score 0,82, regel tryghed-udtryk"
    )
    assert evidence[1].attrs["title"] == "Administration: kodet af regler, regel administration-ord"
    assert para.one("p", cls="text").text == TEXT
    assert [t.text for t in para.find("li", cls="tag")] == ["Tryghed", "Administration"]
    # The paragraph-level coding alone is not highlighted in the text.
    assert "kodet af A" not in " ".join(e.attrs["title"] for e in evidence)

    assert root.one("div", id="p1").classes == {"para", "interviewer"}
    assert root.one("div", id="p3").classes == {"para", "respondent"}
    assert not root.one("div", id="p3").find("span", cls="strip")


def test_legend_counts_coded_paragraphs(tmp_path: Path) -> None:
    root, _ = parse(write(tmp_path / "view", sample())[1])
    rows = root.one("section", cls="legend").find("tr")[1:]
    assert [[c.text for c in r.find("td")] for r in rows] == [
        ["tryghed", "Tryghed", "1"],
        ["administration", "Administration", "1"],
        ["kurser", "Kurser", "0"],
    ]
    assert rows[0].one("span", cls="swatch").classes == {"swatch", "code-tryghed"}


def test_overlapping_codes_are_all_visible(tmp_path: Path) -> None:
    codings = (
        ViewCoding("tryghed", "regler", 15, 36),  # "hun altid kunne ringe"
        ViewCoding("kurser", "B", 25, 41, 0.5),  # "kunne ringe, men"
    )
    page = write(tmp_path / "view", interview("HS01", paragraph("p1", codings=codings)))[1]
    root, _ = parse(page)
    para = root.one("div", id="p1")
    assert len(para.find("span", cls="strip")) == 2
    pieces = [(e.text, e.classes - {"ev"}) for e in para.find("span", cls="ev")]
    mix = next(c for c in pieces[1][1] if c.startswith("mix-"))
    assert pieces == [
        ("hun altid ", {"code-tryghed"}),
        ("kunne ringe", {"code-tryghed", "code-kurser", mix}),
        (", men", {"code-kurser"}),
    ]
    title = para.find("span", cls="ev")[1].attrs["title"]
    assert title == "Tryghed: kodet af regler\nKurser: kodet af B, score 0,50"
    # Both colours are drawn on the overlap: two stacked underlines.
    style = root.one("style").text
    rule = re.search(rf"\.ev\.{mix}\{{([^}}]*)\}}", style)
    assert rule and "#1B9E77" in rule.group(1) and "#E7298A" in rule.group(1)


def test_everything_is_escaped(tmp_path: Path) -> None:
    nasty = 'Se <script>alert("x")</script> & \'citat\' "her"'
    theme = ViewTheme('x"><b>', 'Label <i>&"', "")
    coding = ViewCoding('x"><b>', 'A"<b>&', 3, 11, rule='r"<')
    data = ViewInterview(
        'HS<01>&"',
        {"region": '<Syd"&>', 'k"<ey>': "v&l"},
        [ViewParagraph("p1", '"IP"<b>', "respondent", nasty, [coding])],
    )
    paths = write_view(tmp_path / "view", [data], [theme], "T <&>", 'gen "1" <x>')
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        assert "<script" not in raw and "<b>" not in raw and "<i>" not in raw
        root, _ = parse(path)
        assert not root.find("script") and not root.find("b") and not root.find("i")
    root, _ = parse(paths[1])
    para = root.one("div", cls="para")
    assert para.one("p", cls="text").text == nasty
    assert para.one("span", cls="ev").text == "<script>"
    assert para.one("span", cls="ev").attrs["title"] == 'Label <i>&": kodet af A"<b>&, regel r"<'
    assert para.attrs["data-codes"] == 'x"><b>'
    assert para.one("p", cls="speaker").children[0] == '"IP"<b>'
    assert root.one("h1").text == 'Interview HS<01>&"'
    assert [n.text for n in root.one("dl").find("dt")] == ["Informantafsnit", "Region", 'k"<ey>']
    assert root.one("title").text == 'HS<01>&" – T <&>'
    assert root.one("meta", name="generator").attrs["content"] == 'gen "1" <x>'
    index, _ = parse(paths[0])
    assert index.one("tbody").one("a").text == 'HS<01>&"'
    assert index.one("tbody").find("td")[0].text == '<Syd"&>'


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("HS01", "HS01.html"),
        ("Åbenrå-Ærø Ø", "Aabenraa-Aeroe-Oe.html"),
        ("../../etc/passwd", "etc-passwd.html"),
        ("index", "index-2.html"),
        ("CON", "CON-2.html"),
        ("", "interview.html"),
        ("café 5", "cafe-5.html"),
    ],
)
def test_file_names_are_safe(tmp_path: Path, name: str, expected: str) -> None:
    paths = write(tmp_path / "view", interview(name, paragraph("p1")))
    assert paths[1].name == expected
    assert sorted(p.name for p in (tmp_path / "view").iterdir()) == sorted(
        [MARKER, "index.html", expected]
    )


def test_index_links_resolve_and_counts(tmp_path: Path) -> None:
    names = ["HS01", "hs01", "Åbenrå 1", "Aabenraa-1", "HS01"]
    interviews = [interview(n, paragraph("p1")) for n in names]
    interviews[0] = sample()
    paths = write(tmp_path / "view", *interviews)
    assert len({p.name.casefold() for p in paths}) == len(paths) == 6
    root, _ = parse(paths[0])
    links = [a.attrs["href"] for a in root.one("tbody").find("a")]
    assert [tmp_path / "view" / href for href in links] == paths[1:]
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+\.html", href) for href in links)
    assert all(p.is_file() for p in paths)
    assert [a.text for a in root.one("tbody").find("a")] == names

    header = [th.text for th in root.one("thead").find("th")]
    assert header == [
        *("Interview", "Region", "Rolle", "Informantafsnit"),
        *("Tryghed", "Administration", "Kurser"),
    ]
    first = root.one("tbody").find("tr")[0]
    assert [td.text for td in first.find("td")] == [
        "Hovedstaden",
        "Jobkonsulent",
        "2",
        "1",
        "1",
        "0",
    ]
    total = [td.text for td in root.one("tfoot").find("td")]
    assert total == ["I alt", "", "", "6", "1", "1", "0"]

    page, _ = parse(paths[1])
    assert page.one("nav").one("a").attrs["href"] == "index.html"
    ids = {n.attrs["id"] for n in page.walk() if "id" in n.attrs}
    assert {a.attrs["href"][1:] for a in page.find("a", cls="loc")} <= ids


def test_replaces_an_earlier_view(tmp_path: Path) -> None:
    target = tmp_path / "view"
    write(target, sample(), interview("MJ02", paragraph("p1")))
    (target / "notes.txt").write_text("stale", encoding="utf-8")
    paths = write(target, interview("SD03", paragraph("p1")))
    assert sorted(p.name for p in target.iterdir()) == [MARKER, "SD03.html", "index.html"]
    assert paths == [target / "index.html", target / "SD03.html"]
    assert siblings(target) == []


def test_writes_into_an_empty_directory_and_creates_parents(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty", sample())
    write(tmp_path / "new" / "deeper" / "view", sample())
    assert (tmp_path / "empty" / "HS01.html").is_file()
    assert (tmp_path / "new" / "deeper" / "view" / "index.html").is_file()


def test_refuses_a_foreign_directory(tmp_path: Path) -> None:
    target = tmp_path / "thesis"
    target.mkdir()
    (target / "chapter1.docx").write_text("mine", encoding="utf-8")
    with pytest.raises(MentorqualError) as error:
        write(target, sample())
    assert str(error.value) == (
        f"{target}: the directory is not empty and holds no earlier view; "
        "choose a new or empty directory"
    )
    assert [p.name for p in target.iterdir()] == ["chapter1.docx"]
    assert (target / "chapter1.docx").read_text(encoding="utf-8") == "mine"
    assert siblings(target) == []


def test_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "view"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(MentorqualError, match="not a directory"):
        write(target, sample())
    assert target.read_text(encoding="utf-8") == "x"


def failing_writer(after: int) -> Callable[[Path, str], None]:
    calls = []
    real = view._write_page

    def write_page(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) > after:
            raise RuntimeError("disk on fire")
        real(path, text)

    return write_page


def test_failure_mid_way_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(view, "_write_page", failing_writer(after=1))
    with pytest.raises(RuntimeError, match="disk on fire"):
        write(tmp_path / "view", sample(), interview("MJ02", paragraph("p1")))
    assert list(tmp_path.iterdir()) == []


def test_failure_mid_way_keeps_the_earlier_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "view"
    write(target, sample())
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    monkeypatch.setattr(view, "_write_page", failing_writer(after=1))
    with pytest.raises(RuntimeError):
        write(target, interview("MJ02", paragraph("p1")), interview("MJ03", paragraph("p1")))
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert siblings(target) == []


def test_failed_swap_restores_the_earlier_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "view"
    write(target, sample())
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real = os.replace
    calls: list[str] = []

    def replace(source: Path, destination: Path) -> None:
        calls.append(Path(source).name)
        if len(calls) == 2:  # the new view into place
            raise PermissionError(13, "Permission denied")
        real(source, destination)

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(MentorqualError) as error:
        write(target, interview("MJ02", paragraph("p1")))
    assert str(error.value) == f"{target}: cannot write the view (Permission denied)"
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert siblings(target) == []


def test_pii_filter_is_applied_everywhere(tmp_path: Path) -> None:
    from mentorqual.types import PiiMode
    from mentorqual.workflows.privacy import PiiPolicy
    from mentorqual.workflows.reports import redacted_view

    text = "Jeg ringede til Ilvo Brask, og hun kunne ringe tilbage."
    start = text.index("kunne ringe")
    codings = (
        ViewCoding("tryghed", "Gurli Fenn", start, start + len("kunne ringe"), rule="r1"),
        ViewCoding("kurser", "regler", text.index("Ilvo"), text.index(",")),
    )
    data = ViewInterview(
        "Ilvo Brask",
        {"region": "Hovedstaden", "navn": "Ilvo Brask"},
        [ViewParagraph("p1", "Ilvo Brask", "respondent", text, list(codings))],
    )
    policy = PiiPolicy(PiiMode.REDACT, names=["Ilvo Brask", "Gurli Fenn"])
    seen: list[str] = []

    def pii(value: str) -> str:
        seen.append(value)
        return policy.check([], "transcripts")(value)

    shown = redacted_view([data], policy)
    paths = write_view(tmp_path / "view", shown, THEMES, "T", "g", pii=pii)
    assert "Ilvo Brask" in seen  # the short texts go through the filter
    assert paths[1].name == "NAVN.html"
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        assert "Ilvo" not in raw and "Brask" not in raw and "Gurli" not in raw
    root, _ = parse(paths[1])
    para = root.one("div", id="p1")
    assert para.one("p", cls="text").text == "Jeg ringede til [NAVN], og hun kunne ringe tilbage."
    # Evidence offsets follow the text exactly to where the redaction moved it.
    evidence = [(e.text, e.attrs["title"]) for e in para.find("span", cls="ev")]
    assert evidence == [
        ("[NAVN]", "Kurser: kodet af regler"),
        ("kunne ringe", "Tryghed: kodet af [NAVN], regel r1"),
    ]


def test_colours_fall_back_to_the_palette_and_stay_legible(tmp_path: Path) -> None:
    themes = [ViewTheme("a", "A"), ViewTheme("b", "B", PALETTE[1].lower()), ViewTheme("c", "C")]
    codings = [ViewCoding(code, "x", 0, 3) for code in ("a", "b", "c", "unknown")]
    data = interview("HS01", paragraph("p1", codings=tuple(codings)))
    path = write_view(tmp_path / "view", [data], themes, "T", "g")[1]
    style = parse(path)[0].one("style").text
    colours = dict(re.findall(r"\.code-([a-z]+)\{--c:(#[0-9A-F]{6})", style))
    assert colours == {"a": PALETTE[0], "b": PALETTE[1], "c": PALETTE[2], "unknown": PALETTE[3]}
    backgrounds = re.findall(r"(?:--t|background):(#[0-9a-f]{6})", style)
    assert len(backgrounds) == 5  # four tints and the blend of the overlap
    tints = [tint(c) for c in (*PALETTE, "#000000", "#1B9E77", "#7570B3", "#E7298A")]
    for background in backgrounds + tints:
        assert contrast("#1a1a1a", background) >= 7
        assert contrast("#444444", background) >= 4.5  # interviewer text
    assert contrast("#444444", "#ffffff") >= 7


def test_rejects_a_malformed_colour(tmp_path: Path) -> None:
    with pytest.raises(MentorqualError) as error:
        write_view(tmp_path / "view", [sample()], [ViewTheme("a", "A", "red;}")], "T", "g")
    assert str(error.value) == "theme 'a': colour 'red;}' must look like '#1B9E77'"
    assert not (tmp_path / "view").exists()


def test_offsets_outside_the_paragraph_are_clipped(tmp_path: Path) -> None:
    codings = (ViewCoding("tryghed", "x", -5, 3), ViewCoding("kurser", "x", 60, 999))
    root, _ = parse(
        write(tmp_path / "view", interview("HS01", paragraph("p1", codings=codings)))[1]
    )
    para = root.one("div", id="p1")
    assert [e.text for e in para.find("span", cls="ev")] == ["Hun", TEXT[60:]]
    assert para.one("p", cls="text").text == TEXT


def test_the_index_counts_one_coder_and_says_whose(tmp_path: Path) -> None:
    from mentorqual.reports.view import ViewCount

    unassessed = dataclasses.replace(interview("HS02", paragraph("p1")), assessed=False)
    count = ViewCount("A", "Kodning: koder A (menneske), 1 interviews")
    paths = write_view(
        tmp_path / "view", [sample(), unassessed], THEMES, "M", "mentorqual", count=count
    )
    root, _ = parse(paths[0])
    assert "Kodning: koder A (menneske), 1 interviews" in root.one("header").text
    rows = root.one("tbody").find("tr")
    # A coded tryghed only; the rules' administration coding is drawn, not counted.
    assert [td.text for td in rows[0].find("td")][3:] == ["1", "0", "0"]
    assert [td.text for td in rows[1].find("td")][3:] == ["–", "–", "–"]
    assert [td.text for td in root.one("tfoot").find("td")][4:] == ["1", "0", "0"]
    page, _ = parse(paths[1])
    legend = page.one("section", cls="legend")
    assert [r.find("td")[2].text for r in legend.find("tr")[1:]] == ["1", "0", "0"]
    assert "koder A (menneske)" in legend.text and "maskine" in legend.text
