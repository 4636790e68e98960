"""The printed guide finished as an accessible PDF (PDF/UA-1), from Chromium's tagged print.

Chromium tags what the page shows (headings, paragraphs, lists, figures with their alternative
text, links), declares the language and writes the bookmarks. What it leaves, this adds with
pikepdf: the page furniture (its printed foot, backgrounds, the notes' icons) marked as
artifacts, a description on each link, the bookmarks' words as the headings say them, and the
PDF/UA identification in the document's metadata. Same input, same bytes: nothing here reads a
clock or draws a random number, and the file identifier is made from the content.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping

import pikepdf
from pikepdf import ContentStreamInlineImage, ContentStreamInstruction, Name, Operator

Instruction = ContentStreamInstruction | ContentStreamInlineImage

PATH = {"m", "l", "c", "v", "y", "h", "re"}  # operators that build a path, before it is painted
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}  # "n" ends a path unpainted (a clip)
SHOWN = {"Tj", "TJ", "'", '"', "Do", "sh", "INLINE IMAGE"}  # text, pictures, shadings


def _artifact(instructions: list[Instruction]) -> list[Instruction]:
    return [
        ContentStreamInstruction([Name.Artifact], Operator("BMC")),
        *instructions,
        ContentStreamInstruction([], Operator("EMC")),
    ]


def mark_artifacts(instructions: Iterable[Instruction]) -> list[Instruction]:
    """A page's content with everything painted outside tagged content marked as an artifact.

    A path is marked whole, from its first point to its painting; text and pictures one by one.
    """
    out: list[Instruction] = []
    depth = 0  # nesting of marked content: inside it, content is Chromium's tagged content
    path: list[Instruction] = []
    for instruction in instructions:
        operator = str(instruction.operator)
        if depth == 0 and operator in PATH:
            path.append(instruction)
            continue
        if path:
            painted = operator in PAINT
            out += _artifact([*path, instruction]) if painted else path
            path = []
            if painted:
                continue
        if operator in ("BDC", "BMC"):
            depth += 1
        elif operator == "EMC":
            depth -= 1
        out += _artifact([instruction]) if depth == 0 and operator in SHOWN else [instruction]
    return out + path


def _describe_links(pdf: pikepdf.Pdf, links: Mapping[str, str]) -> None:
    """Each link described by its words on the page (else its address); its page read in order."""
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if not annotations:
            continue
        page.obj.Tabs = Name.S
        for annotation in annotations:
            action = annotation.get("/A")
            if annotation.get("/Subtype") != Name.Link or action is None or "/URI" not in action:
                continue
            uri = str(action.URI)
            annotation.Contents = pikepdf.String(links.get(uri) or uri)


def _outline_words(pdf: pikepdf.Pdf, headings: Iterable[str]) -> None:
    """Bookmarks as their headings say them: Chromium joins a heading's lines without a space."""
    spelled = {"".join(text.split()): " ".join(text.split()) for text in headings}
    with pdf.open_outline() as outline:
        items = list(outline.root)
        while items:
            item = items.pop(0)
            item.title = spelled.get("".join(item.title.split()), item.title)
            items = list(item.children) + items


def finish(printed: bytes, language: str, links: Mapping[str, str], headings: list[str]) -> bytes:
    """Chromium's tagged print, made a PDF/UA-1 document."""
    pdf = pikepdf.open(io.BytesIO(printed))
    for page in pdf.pages:
        content = mark_artifacts(pikepdf.parse_content_stream(page))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(content))
    _describe_links(pdf, links)
    _outline_words(pdf, headings)
    root = pdf.Root
    root.MarkInfo = pikepdf.Dictionary(Marked=True)
    root.Lang = pikepdf.String(language)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)  # its title, not its file
    with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
        metadata.load_from_docinfo(pdf.docinfo)  # dc:title among them, as PDF/UA asks
        metadata["pdfuaid:part"] = "1"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, min_version="1.7")
    return out.getvalue()
