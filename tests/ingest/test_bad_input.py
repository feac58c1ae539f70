"""Every kind of bad input gives a typed IngestError with a one-line "path: reason"
message, and through the CLI exit code 2 with that line on stderr and no traceback."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import IngestError
from extractor.ingest import read_document
from tests.conftest import CORPUS

REVIEW_PDF = CORPUS / "pdf" / "fimmu-2025-1617157.pdf"


def _pdf(draw: Callable[..., None], **kw: object) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1, **kw)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _encrypted() -> bytes:
    from reportlab.lib import pdfencrypt

    return _pdf(
        lambda c: c.drawString(72, 700, "IL-4 fell after ADSC-Exos."),
        encrypt=pdfencrypt.StandardEncryption("secret"),
    )


def _scanned() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (120, 60), 200)
    return _pdf(lambda c: c.drawImage(ImageReader(img), 72, 600, 240, 120))


def _truncated() -> bytes:
    data = REVIEW_PDF.read_bytes()
    return data[: len(data) // 2]


CASES: list[tuple[str, str, Callable[[], bytes] | None, str]] = [
    ("empty-text", "empty.txt", lambda: b"", "empty file"),
    ("blank-text", "blank.md", lambda: b" \n\n \t\n", "empty file"),
    ("empty-pdf", "empty.pdf", lambda: b"", "empty file"),
    ("empty-xml", "empty.xml", lambda: b"", "empty file"),
    ("binary-text", "garbage.txt", lambda: bytes(range(256)) * 8, "binary content"),
    ("binary-no-nul", "garbage2.txt", lambda: bytes(range(1, 32)) * 40, "binary content"),
    ("pdf-named-txt", "paper.txt", lambda: b"%PDF-1.4\n...", "this is a PDF"),
    ("garbage-pdf", "garbage.pdf", lambda: bytes(range(256)) * 8, "not a PDF"),
    (
        "damaged-pdf",
        "damaged.pdf",
        lambda: b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n",
        "damaged PDF",
    ),
    ("truncated-pdf", "truncated.pdf", _truncated, "truncated PDF"),
    ("encrypted-pdf", "encrypted.pdf", _encrypted, "encrypted PDF"),
    ("scanned-pdf", "scanned.pdf", _scanned, "no text layer"),
    ("latin1-text", "latin1.txt", lambda: "Café: 5 µg IL-4".encode("latin-1"), "not valid UTF-8"),
    (
        "cp1252-text",
        "quotes.txt",
        lambda: "ADSCs \u201cworked\u201d".encode("cp1252"),
        "not valid UTF-8 (byte 0x93",
    ),
    ("utf16-text", "utf16.txt", lambda: "IL-4 fell".encode("utf-16"), "UTF-16 text"),
    ("unsupported", "paper.docx", lambda: b"PK\x03\x04", "unsupported file type ('.docx')"),
    ("no-extension", "README", lambda: b"text", "unsupported file type (no extension)"),
    (
        "broken-xml",
        "broken.xml",
        lambda: b"<article><body><p>IL-4</body></article>",
        "not well-formed XML at line 1",
    ),
    (
        "not-jats",
        "page.xml",
        lambda: b"<html><body><p>IL-4</p></body></html>",
        "not a JATS article (root element <html>)",
    ),
    ("missing", "missing.pdf", None, "no such file"),
]


def _make(tmp_path: Path, name: str, make: Callable[[], bytes] | None) -> Path:
    p = tmp_path / name
    if make is not None:
        p.write_bytes(make())
    return p


@pytest.mark.parametrize(("case", "name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_library_raises_typed_one_line_error(tmp_path, case, name, make, reason):
    p = _make(tmp_path, name, make)
    with pytest.raises(IngestError) as info:
        read_document(p)
    err = info.value
    assert err.path == str(p)
    assert reason in err.reason
    msg = str(err)
    assert msg.startswith(f"{p}: ")
    assert "\n" not in msg


@pytest.mark.parametrize(("case", "name", "make", "reason"), CASES, ids=[c[0] for c in CASES])
def test_cli_exits_2_with_one_line(tmp_path, case, name, make, reason):
    p = _make(tmp_path, name, make)
    result = CliRunner().invoke(app, ["ingest", str(p)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{p}: ") and reason in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["papers.txt", "papers"])
def test_directory_is_an_error(tmp_path, name):
    d = tmp_path / name
    d.mkdir()
    with pytest.raises(IngestError, match="is a directory"):
        read_document(d)


def test_owner_password_only_pdf_is_readable(tmp_path):
    """An owner password restricts editing, not reading: such a PDF opens without one."""
    from reportlab.lib import pdfencrypt

    data = _pdf(
        lambda c: c.drawString(72, 700, "IL-4 fell after ADSC-Exos."),
        encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner"),
    )
    p = tmp_path / "restricted.pdf"
    p.write_bytes(data)
    assert "IL-4 fell after ADSC-Exos." in read_document(p).text
