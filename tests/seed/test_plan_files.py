"""A plan document's file: each refusal in full, and both sides of every size limit."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from model.core.errors import InputError
from seed import plan_parser, strings
from seed.input_files import zip_sizes
from seed.plan_parser import read_source

TEXT = "蒲县空气质量提升2024年行动计划\n一、重点任务\n1. 甲。（牵头单位：发改局）\n"


def refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_source(path)
    return str(caught.value)


def a_docx(path: Path, text: str = TEXT) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", strings.IMPORT_EMPTY),
        (b" \t\r\n\n", strings.IMPORT_EMPTY),
        (b"a" * 4095 + b"\x00", strings.IMPORT_BINARY),
        (b"\xff\xff\xff\x80", strings.IMPORT_ENCODING),
    ],
    ids=["empty", "blank", "binary", "encoding"],
)
def test_a_file_that_is_no_text_is_refused_in_full(tmp_path, content, message):
    path = tmp_path / "计划.txt"
    path.write_bytes(content)
    assert refusal(path) == message.format(path=path)


def test_only_the_first_4096_bytes_are_looked_at_for_binary_content(tmp_path):
    path = tmp_path / "计划.txt"
    path.write_bytes(b"a" * 4096 + b"\x00")
    assert read_source(path) == "a" * 4096 + "\x00"


def test_a_byte_order_mark_is_dropped_and_gb18030_is_read(tmp_path):
    path = tmp_path / "计划.txt"
    path.write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    assert read_source(path) == TEXT
    path.write_bytes(TEXT.encode("gb18030"))
    assert read_source(path) == TEXT


def test_text_up_to_the_limit_is_read_and_a_byte_more_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(plan_parser, "MAX_TEXT_BYTES", 3 * 1024 * 1024)
    path = tmp_path / "计划.txt"
    path.write_bytes(b"a" * (3 * 1024 * 1024))
    assert len(read_source(path)) == 3 * 1024 * 1024
    monkeypatch.setattr(plan_parser, "MAX_TEXT_BYTES", 3 * 1024 * 1024 - 1)
    assert refusal(path) == strings.IMPORT_TOO_LARGE.format(path=path, size="3.0", most="3.0")
    monkeypatch.setattr(plan_parser, "MAX_TEXT_BYTES", 1024 * 1024)
    assert refusal(path) == strings.IMPORT_TOO_LARGE.format(path=path, size="3.0", most="1.0")


def test_a_docx_is_held_to_the_docx_limit_not_the_text_one(tmp_path, monkeypatch):
    path = a_docx(tmp_path / "计划.docx")
    size = path.stat().st_size
    monkeypatch.setattr(plan_parser, "MAX_TEXT_BYTES", 10)
    assert read_source(path) == TEXT.rstrip("\n")
    monkeypatch.setattr(plan_parser, "MAX_DOCX_BYTES", size - 1)
    shown = f"{size / (1024 * 1024):.1f}"
    assert refusal(path) == strings.IMPORT_TOO_LARGE.format(path=path, size=shown, most="0.0")


def test_a_docx_inflating_past_a_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = a_docx(tmp_path / "计划.docx")
    total, xml = zip_sizes(path)
    monkeypatch.setattr(plan_parser, "MAX_DOCX_BYTES", total)
    monkeypatch.setattr(plan_parser, "MAX_DOCX_XML_BYTES", xml)
    assert read_source(path) == TEXT.rstrip("\n")  # at both limits exactly
    monkeypatch.setattr(plan_parser, "MAX_DOCX_XML_BYTES", xml - 1)
    monkeypatch.setattr(plan_parser, "MAX_DOCX_BYTES", 1000 * 2**20)
    assert refusal(path) == strings.IMPORT_DOCX_TOO_LARGE.format(
        path=path,
        size=f"{total / 2**20:.1f}",
        most="1000.0",
        xml_most=f"{(xml - 1) / 2**20:.1f}",
    )
    monkeypatch.setattr(plan_parser, "MAX_DOCX_XML_BYTES", xml)
    monkeypatch.setattr(plan_parser, "MAX_DOCX_BYTES", total - 1)
    # The file on disk is smaller than what it inflates to: only the directory tells.
    assert path.stat().st_size < total - 1
    assert refusal(path) == strings.IMPORT_DOCX_TOO_LARGE.format(
        path=path,
        size=f"{total / 2**20:.1f}",
        most=f"{(total - 1) / 2**20:.1f}",
        xml_most=f"{xml / 2**20:.1f}",
    )


def zipped(**parts: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/").replace("_dot_", "."), data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"PK\x03\x04 not really a zip", strings.DOCX_NOT_ZIP),
        (zipped(hello_dot_txt=b"hello"), strings.DOCX_BROKEN),
    ],
    # named: a zip's bytes hold the time it was made, and mutmut runs a test by its id
    ids=["not-a-zip", "no-document"],
)
def test_a_docx_that_is_not_one_is_refused_in_full(tmp_path, content, detail):
    path = tmp_path / "计划.docx"
    path.write_bytes(content)
    assert refusal(path) == strings.IMPORT_DOCX_BAD.format(path=path, detail=detail)


def test_a_docx_whose_text_cannot_be_parsed_is_refused_in_full(tmp_path):
    good = a_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = b"<w:document" + b"<a>" * 10 + b"not xml"
    path = tmp_path / "计划.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert refusal(path) == strings.IMPORT_DOCX_BAD.format(path=path, detail=strings.DOCX_BAD_XML)
