"""Raw bytes in the encodings users bring; the words come out the same, the file is never touched."""

from __future__ import annotations

import codecs

import pytest
from newsdesk.decode import RawFileError, read_raw

TEXT = "Kremlin breaks ties with Nato\n\n“We see no reason,” Mr Lavrov said in Moscow – café talk ends.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.replace("\n", "\r\n").encode("cp1252"), None),
    ],
)
def test_encodings_detected_and_words_kept(tmp_path, data, encoding):
    path = tmp_path / "raw.txt"
    path.write_bytes(data)
    raw = read_raw(path)
    assert raw.text == TEXT  # typographic quotes and dashes kept, CRLF normalised
    if encoding:
        assert raw.encoding == encoding
    assert path.read_bytes() == data


def test_mojibake_repaired(tmp_path):
    path = tmp_path / "raw.txt"
    path.write_text("Mr Lavrov said â€œnoâ€\x9d at the cafÃ©.\n", encoding="utf-8")
    assert read_raw(path).text == "Mr Lavrov said “no” at the café.\n"


def test_source_typos_kept(tmp_path):
    path = tmp_path / "raw.txt"
    path.write_text("Russia breaks of diplomatic ties with Nato\n\nexpelled eight Russians n October 6.\n", encoding="utf-8")
    assert "breaks of diplomatic" in read_raw(path).text and "Russians n October" in read_raw(path).text


def test_binary_file_refused_with_advice(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01binary")
    with pytest.raises(RawFileError, match="is a JPEG image: not a news text"):
        read_raw(path)
