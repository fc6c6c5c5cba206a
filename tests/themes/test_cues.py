"""Guideline cues (ANNOTATION.md §1): matched on whole syllables of lower-cased NFC text;
excluded look-alikes counted apart; user rule files; bad rule files named."""
import unicodedata

import pytest

from vn_directives.themes.cues import CueRules


@pytest.fixture(scope="module")
def cues():
    return CueRules()


def write_rules(path, rows, header="theme\tpolarity\tcue"):
    path.write_text(header + "\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- whole syllables

def test_dich_vu_is_not_the_epidemic(cues):
    assert cues.count("Nâng cao chất lượng dịch vụ y tế trường học.")["covid19"] == 0


def test_dich_benh_is_the_epidemic(cues):
    assert cues.count("Chủ động ứng phó với dịch bệnh trong trường học.")["covid19"] == 1


def test_a_cue_does_not_match_inside_a_longer_syllable(tmp_path):
    rules = CueRules(write_rules(tmp_path / "r.tsv", [("inspection", "+", "thi"), ("covid19", "+", "5k")]))
    assert rules.count("Tổ chức thi nghiêm túc.")["inspection"] == 1
    assert rules.count("Mua sắm thiết bị dạy học.")["inspection"] == 0      # "thi" + "ết"
    assert rules.count("Thực hiện thông điệp 5K.")["covid19"] == 1
    assert rules.count("Học phí 15k mỗi buổi.")["covid19"] == 0


def test_a_cue_does_not_match_the_start_of_a_hyphenated_word(cues):
    # "covid" and "covid-19" are both cues: "COVID-19" is one hit, not two
    assert [m.cue for m in cues.find("Phòng COVID-19.") if m.theme == "covid19"] == ["covid-19"]


def test_matching_ignores_case_and_unicode_composition(cues):
    decomposed = unicodedata.normalize("NFD", "ĐẨY MẠNH CHUYỂN ĐỔI SỐ")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    assert cues.count(decomposed)["digital_transformation"] == 1


def test_a_longer_cue_and_the_cue_inside_it_both_count(cues):
    found = [(m.cue, m.start, m.end) for m in cues.find("Triển khai Chương trình GDPT 2018.")]
    assert found == [("chương trình gdpt 2018", 11, 33), ("gdpt 2018", 24, 33)]


def test_match_offsets_point_at_the_cue(cues):
    text = "Tăng cường thanh tra việc dạy thêm."
    for m in cues.find(text):
        assert text.lower()[m.start:m.end] == m.cue


# --------------------------------------------------------------------------- negative cues

def test_excluded_look_alikes_are_counted_apart(cues):
    text = "Nâng cao chất lượng dịch vụ y tế trường học."
    assert cues.count(text, "+")["covid19"] == 0
    assert cues.count(text, "-")["covid19"] == 1


def test_pupil_assessment_is_a_negative_inspection_cue(cues):
    text = "Đổi mới kiểm tra, đánh giá học sinh."
    assert cues.count(text, "+")["inspection"] == 0
    assert cues.count(text, "-")["inspection"] == 1


def test_negative_cues_become_their_own_feature_column():
    from vn_directives.records import Sentence
    from vn_directives.themes.features import feature_rows
    (row,) = feature_rows([Sentence("d:0", "d", "Nâng cao chất lượng dịch vụ y tế trường học.")])
    assert row["cue_neg_covid19"] == 0.5 and row["cue_sent_covid19"] == 0.0


def test_count_has_every_theme_even_without_hits(cues):
    assert cues.count("Xin chào.") == {"covid19": 0, "ctgdpt2018": 0, "digital_transformation": 0,
                                       "inspection": 0, "teacher_staffing": 0}


# --------------------------------------------------------------------------- user rules

def test_a_user_rules_file_replaces_the_default_cues(tmp_path):
    p = write_rules(tmp_path / "my.tsv", [("covid19", "+", "cúm mùa"), ("covid19", "-", "cúm gia cầm")])
    rules = CueRules(p)
    assert rules.path == p
    assert rules.count("Phòng chống cúm mùa trong trường học.")["covid19"] == 1
    assert rules.count("Phòng chống COVID-19.")["covid19"] == 0            # defaults not included
    assert rules.count("Dịch cúm gia cầm.", "-")["covid19"] == 1


def test_a_user_rules_file_may_have_comments_and_blank_lines(tmp_path):
    p = tmp_path / "my.tsv"
    p.write_text("# my cues\n\ntheme\tpolarity\tcue\n# more\nteacher_staffing\t+\tgiáo sinh\n\n", encoding="utf-8")
    assert CueRules(p).count("Giáo sinh thực tập.")["teacher_staffing"] == 1


def test_user_cues_are_matched_in_lower_case_nfc(tmp_path):
    p = write_rules(tmp_path / "my.tsv", [("inspection", "+", unicodedata.normalize("NFD", "Giám Sát"))])
    assert CueRules(p).count("giám sát việc thu chi")["inspection"] == 1


BAD_ROWS = {
    "unknown theme": [("teachers", "+", "giáo viên")],
    "bad polarity": [("covid19", "x", "covid")],
    "empty cue": [("covid19", "+", " ")],
}


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_a_bad_rules_file_is_a_value_error_naming_the_file(tmp_path, case):
    p = write_rules(tmp_path / "bad.tsv", [("covid19", "+", "covid")] + BAD_ROWS[case])
    with pytest.raises(ValueError) as e:
        CueRules(p)
    assert str(p) in str(e.value)


def test_a_rules_file_without_the_polarity_column_is_a_value_error_naming_the_file(tmp_path):
    p = write_rules(tmp_path / "bad.tsv", [("covid19", "covid")], header="theme\tcue")
    with pytest.raises(ValueError, match="bad.tsv"):
        CueRules(p)


def test_a_missing_rules_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.tsv"):
        CueRules(tmp_path / "nope.tsv")
