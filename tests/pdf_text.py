"""Reading a PDF back as a person sees it: the text of each page, and the fonts it uses."""

from __future__ import annotations

import io

import pypdf


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace collapsed to one space."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def page_fonts(pdf: bytes) -> list[dict]:
    """Every font dictionary that a page's resources (and its form XObjects) refer to."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = []

    def collect(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            fonts.append(font.get_object())
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                collect(xobject.get("/Resources"))

    for page in reader.pages:
        collect(page.get("/Resources"))
    return fonts


def fonts_are_embedded_dejavu(pdf: bytes) -> bool:
    """Every font is an embedded DejaVu Sans (never a standard font such as Helvetica)."""
    fonts = page_fonts(pdf)
    return bool(fonts) and all(
        "DejaVuSans" in font["/BaseFont"] and "/FontFile2" in font["/FontDescriptor"].get_object()
        for font in fonts
    )
