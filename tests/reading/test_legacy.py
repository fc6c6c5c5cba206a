"""Legacy Vietnamese encodings (TCVN3, VNI, Windows-1258): tables, round trips on real
directive text, and the decision between them (taken with evidence or refused)."""
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from vn_directives.reading.decode import DecodeError, decode_bytes, read_text
from vn_directives.reading.detect import repair_mojibake
from vn_directives.reading.legacy import (bytes_to_latin, convert_run, decode, encode, font_encoding,
                                          from_latin)
from vn_directives.reading.syllables import is_syllable, syllable_score, words

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "data" / "texts").glob("*.txt"))
ENCODINGS = ["cp1258", "tcvn3", "vni"]

VOWELS = "aăâeêioôơuưy"
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
LETTERS = sorted({unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"})


def encodable(text, enc):
    """``text`` with the letters ``enc`` cannot hold lowered (TCVN3 has few toned capitals)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            encode(ch, enc)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(ch.lower())
    return "".join(out)


def real_sentences(n=40):
    """Lines of the bundled directives with at least 8 words, some Vietnamese letters."""
    out = []
    for p in TEXTS:
        for line in p.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 8 and not line.isascii():
                out.append(unicodedata.normalize("NFC", line.strip()))
    return out[::max(1, len(out) // n)][:n]


SENTENCES = real_sentences()


# ------------------------------------------------------------------ tables
@pytest.mark.skipif(shutil.which("iconv") is None, reason="no iconv to compare with")
def test_tcvn3_table_agrees_with_glibc_iconv_byte_by_byte():
    data = b"\n".join(bytes([b]) for b in range(0xA1, 0x100) if b not in range(0xB0, 0xB5))
    run = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True)
    if run.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1")
    theirs = unicodedata.normalize("NFC", run.stdout.decode("utf-8")).split("\n")
    ours = [decode(bytes([b]), "tcvn3") for b in range(0xA1, 0x100) if b not in range(0xB0, 0xB5)]
    assert ours == theirs


def test_tcvn3_lowercase_letters_are_the_known_codes():
    # the ".VnTime" codes every converter agrees on
    assert decode(b"\xb8\xb5\xb6\xb7\xb9 \xa8\xa9\xae \xd5\xe9\xee\xf7", "tcvn3") == "áàảãạ ăâđ ếộợữ"


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258"])
def test_every_lowercase_vietnamese_letter_round_trips(enc):
    for ch in LETTERS:
        assert decode(encode(ch, enc), enc) == ch, ch


def test_every_vietnamese_letter_has_its_own_vni_code():
    lower = [c for c in LETTERS if not c.isascii()]
    codes = [encode(c, "vni") for c in lower + [c.upper() for c in lower]]
    assert len(set(codes)) == len(lower) * 2 == 134
    assert encode("ấ", "vni") == b"a\xe1" and encode("Ơ", "vni") == b"\xd4" and encode("đ", "vni") == b"\xf1"


def test_cp1258_tone_marks_come_out_composed():
    text = decode_bytes(encode("Nghị quyết về đổi mới giáo dục phổ thông", "cp1258"))
    assert text == "Nghị quyết về đổi mới giáo dục phổ thông"
    assert unicodedata.is_normalized("NFC", text)


# ------------------------------------------------------------------ round trips on real text
@pytest.mark.parametrize("enc", ENCODINGS)
def test_real_directive_sentences_round_trip_as_bytes(enc):
    assert len(SENTENCES) >= 30
    wrong = []
    refused = 0
    for s in SENTENCES:
        src = encodable(s, enc)
        try:
            if decode_bytes(encode(src, enc), source="s.txt") != src:
                wrong.append(src)
        except DecodeError:
            refused += 1           # allowed for a short line: never a wrong text
    assert wrong == []
    assert refused <= len(SENTENCES) // 10


@pytest.mark.parametrize("enc", ENCODINGS)
@pytest.mark.parametrize("name", ["seed-002.txt", "c010.txt"])
def test_whole_directive_round_trips_as_a_legacy_file(tmp_path, enc, name):
    src = encodable((ROOT / "data" / "texts" / name).read_text(encoding="utf-8"), enc)
    p = tmp_path / name
    p.write_bytes(encode(src, enc))
    assert read_text(p) == src


@pytest.mark.parametrize("enc", ENCODINGS)
def test_legacy_glyphs_saved_as_utf8_are_converted(tmp_path, enc):
    # an old .VnTime / VNI-Times document saved to .txt through a Latin path: valid UTF-8
    # whose letters are the legacy glyphs ("ChØ thÞ")
    src = encodable((ROOT / "data" / "texts" / "seed-002.txt").read_text(encoding="utf-8"), enc)
    p = tmp_path / "glyphs.txt"
    p.write_text(bytes_to_latin(encode(src, enc)), encoding="utf-8")
    assert read_text(p) == src


#: bundled texts whose Unicode carries lines typed in a legacy font (copied from an old .doc)
HAS_LEGACY_GLYPHS = {"c173"}


def test_unicode_directives_are_never_repaired():
    for p in TEXTS:
        if p.stem in HAS_LEGACY_GLYPHS:
            continue
        raw = p.read_bytes()
        assert decode_bytes(raw, str(p)) == raw.decode("utf-8"), p.name


def test_legacy_glyph_lines_inside_a_unicode_directive_are_repaired():
    raw = (TEXTS[0].parent / "c173.txt").read_bytes()
    out = decode_bytes(raw, "c173.txt")
    assert "T×nh h×nh kinh tÕ-x· héi" in raw.decode("utf-8")
    assert "Tình hình kinh tế-xã hội" in out and "T×nh" not in out


# ------------------------------------------------------------------ the decision and its refusals
def test_latin1_french_is_refused_not_guessed():
    data = "Le café était très élégant à Paris, où il a été créé.".encode("latin-1")
    with pytest.raises(DecodeError, match=r"^fr\.txt: not valid UTF-8 at byte 6.*could not be determined.*"
                                          r"Windows-1258, TCVN3, VNI"):
        decode_bytes(data, source="fr.txt")


def test_two_legacy_encodings_in_one_file_are_refused():
    data = (encode("Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành.\n", "tcvn3")
            + encode("Học sinh trở lại trường học trực tiếp từ ngày mười bốn.", "vni"))
    with pytest.raises(DecodeError, match=r"could not be determined.*TCVN3 \d+%, VNI \d+%"):
        decode_bytes(data, source="m.txt")


def test_utf8_and_legacy_lines_in_one_file_are_refused_as_mixed():
    data = ("Sở Giáo dục và Đào tạo chủ trì.\n".encode("utf-8")
            + encode("Học sinh trở lại trường học trực tiếp.\n", "tcvn3"))
    with pytest.raises(DecodeError, match=r"^m\.txt: mixed encodings: line\(s\) 1 are UTF-8 Vietnamese, "
                                          r"line\(s\) 2 are not UTF-8"):
        decode_bytes(data, source="m.txt")


def test_glyph_lines_among_unicode_lines_come_out_consistent():
    glyphs = bytes_to_latin(encode("học sinh trở lại trường học trực tiếp từ ngày mười bốn tháng hai", "tcvn3"))
    text = "Sở Giáo dục và Đào tạo chủ trì.\n" + glyphs + "\nGiáo viên được tiêm vắc xin."
    assert repair_mojibake(text) == ("Sở Giáo dục và Đào tạo chủ trì.\n"
                                     "học sinh trở lại trường học trực tiếp từ ngày mười bốn tháng hai\n"
                                     "Giáo viên được tiêm vắc xin.")


def test_glyphs_of_two_encodings_in_unicode_text_are_refused():
    text = (bytes_to_latin(encode("Sở Giáo dục và Đào tạo chủ trì, phối hợp với các sở, ngành.", "tcvn3"))
            + "\n" + bytes_to_latin(encode("Học sinh trở lại trường học trực tiếp từ ngày mười bốn.", "vni")))
    with pytest.raises(DecodeError, match=r"^g\.txt: line 1 looks like Vietnamese in a legacy font \(TCVN3\)"):
        repair_mojibake(text, "g.txt")


def test_a_foreign_name_in_unicode_text_is_left_alone():
    text = "Trường THPT Ernst Thälmann, Quận 1, thành phố Hồ Chí Minh.\nCafé, naïve."
    assert repair_mojibake(text) == text


# ------------------------------------------------------------------ syllables and fonts
def test_real_vietnamese_words_are_syllables():
    good = total = 0
    for p in TEXTS:
        g, t = syllable_score(p.read_text(encoding="utf-8"), limit=10**9)
        good, total = good + g, total + t
    assert total > 20000 and good / total >= 0.97


@pytest.mark.parametrize("enc", ["tcvn3", "vni", "cp1258"])
def test_legacy_glyphs_are_not_syllables(enc):
    text = encodable((ROOT / "data" / "texts" / "seed-002.txt").read_text(encoding="utf-8"), enc)
    good, total = syllable_score(bytes_to_latin(encode(text, enc)))
    assert good / total < 0.3


def test_syllable_shape_and_tone_rules():
    assert [is_syllable(w) for w in ["nghiêng", "khuya", "quyết", "giữa", "Ủy", "hoà", "hòa"]] == [True] * 7
    assert [is_syllable(w) for w in ["hòc", "ngiê", "thÞ", "GDĐT", "tiếngg", "bàá"]] == [False] * 6
    assert list(words("GDĐT: “Chỉ thị” 04/CT-UBND, ß")) == ["GDĐT", "Chỉ", "thị", "ß"]


def test_legacy_fonts_are_data():
    assert font_encoding(".VnTime") == ("tcvn3", "keep")
    assert font_encoding(".VnArial NarrowH") == ("tcvn3", "upper")
    assert font_encoding("VNI-Helve") == ("vni", "keep")
    assert font_encoding("Times New Roman") is None and font_encoding(None) is None
    assert convert_run("chØ thÞ", ".VnTimeH") == "CHỈ THỊ"
    assert convert_run("ChØ thÞ", "Arial") == "ChØ thÞ"
    assert from_latin("Chæ thò", "vni") == "Chỉ thị"


def test_a_unicode_text_cut_off_inside_a_word_is_not_taken_for_tcvn3():
    # c135: the beginning of a page ends in "Theo báo cáo phâ"; as TCVN3 that line would read
    # "Theo bỏo cỏo phõ", all syllables, but one cut-off word is no evidence of legacy glyphs
    text = "Cần nâng cao nhận thức, trình độ để giáo viên yên tâm công tác.\n\nTheo báo cáo phâ"
    assert decode_bytes(text.encode("utf-8"), "c135.txt") == text
