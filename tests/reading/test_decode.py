"""Reading bytes: the encodings accepted and the errors for everything else."""
import codecs

import pytest

from vn_directives.reading.decode import DecodeError, ReadError, decode_bytes, read_text

TEXT = "Chỉ thị về thực hiện nhiệm vụ năm học 2021-2022"


def test_utf8_without_bom():
    assert decode_bytes(TEXT.encode("utf-8")) == TEXT


def test_utf8_bom_is_removed():
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(enc):
    data = TEXT.encode(enc)
    if enc != "utf-16":
        data = (codecs.BOM_UTF16_LE if enc.endswith("le") else codecs.BOM_UTF16_BE) + data
    assert decode_bytes(data) == TEXT


def test_undecodable_bytes_name_the_file_and_byte():
    with pytest.raises(DecodeError, match=r"^x\.txt: not valid UTF-8 at byte 3"):
        decode_bytes(b"abc\xff\xfe def", source="x.txt")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nul_bytes(enc):
    assert decode_bytes(TEXT.encode(enc), source="u.txt") == TEXT


def test_nul_bytes_that_are_not_utf16_are_a_binary_file():
    data = b"PK\x00\x00" + bytes(range(1, 200)) + b"\x00" * 3
    with pytest.raises(DecodeError, match=r"^u\.txt: contains NUL bytes and is not UTF-16"):
        decode_bytes(data, source="u.txt")


def test_bad_bytes_after_a_bom_are_not_guessed():
    with pytest.raises(DecodeError, match=r"after a UTF-8 byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + b"Ch\xe1\xbb\x89 th\xd8", source="b.txt")


def test_binary_file_is_refused(tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DecodeError, match=str(p)):
        read_text(p)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        read_text(tmp_path)
