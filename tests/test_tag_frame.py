"""vd.tag_frame: tag a text column of a DataFrame, tags joined back on the input's index."""
import pandas as pd
import pytest

import vn_directives as vd
from tests.conftest import TEXTS
from vn_directives.items import group_items
from vn_directives.records import THEMES
from vn_directives.tag_column import tag_frame

DEADLINE = "Các trường báo cáo về Sở GDĐT trước ngày 20/10."


@pytest.fixture(scope="module")
def two_docs():
    return pd.DataFrame({"region": ["An Giang", "Kon Tum", "?"],
                         "body": [(TEXTS / "seed-002.txt").read_text(encoding="utf-8"),
                                  (TEXTS / "seed-004.txt").read_text(encoding="utf-8"), None]},
                        index=pd.Index(["ag", "kt", "none"], name="key"))


def test_tag_frame_is_the_package_function():
    assert vd.tag_frame is tag_frame


def test_sentence_level_one_row_per_input_row_on_its_index(nlp):
    df = pd.DataFrame({"province": ["An Giang", "Hà Nội"],
                       "text": ["Giám đốc Sở GDĐT chỉ đạo triển khai đối với lớp 1, 2, 6.",
                                "Tăng cường công tác thanh tra, kiểm tra."]}, index=[10, 20])
    out = tag_frame(df, nlp=nlp)
    assert list(out.index) == [10, 20]
    assert list(out["province"]) == ["An Giang", "Hà Nội"]          # the input's columns kept
    assert out.loc[10, "grades"] == [1, 2, 6]
    assert out.loc[10, "actors"] == ["Giám đốc Sở Giáo dục và Đào tạo"]
    assert out.loc[20, "themes"] == ["inspection"] and out.loc[20, "inspection"]
    assert out["n_actors"].tolist() == [1, 0]
    assert all(out[t].dtype == bool for t in THEMES)


def test_sentence_level_tags_each_cell_as_one_sentence_not_split(nlp):
    df = pd.DataFrame({"text": ["Các trường báo cáo. Phòng GDĐT tổng hợp trước ngày 20/10."]})
    out = tag_frame(df, nlp=nlp, date_col=None)
    assert len(out) == 1 and out.loc[0, "n_actors"] == 2


def test_date_column_resolves_relative_deadlines(nlp):
    df = pd.DataFrame({"text": [DEADLINE] * 4,
                       "date": ["2021-09-14", pd.Timestamp("2022-09-01"), "14/9/2023", None]})
    out = tag_frame(df, date_col="date", nlp=nlp)
    assert out["deadline_end"].tolist()[:3] == ["2021-10-19", "2022-10-19", "2023-10-19"]
    assert pd.isna(out.loc[3, "deadline_end"])                        # no date: no year for "20/10"


def test_a_missing_text_gets_empty_tags(nlp):
    df = pd.DataFrame({"text": [None, float("nan"), "  "]})
    out = tag_frame(df, nlp=nlp)
    assert out["themes"].tolist() == [[], [], []]
    assert not out[list(THEMES)].any().any() and out["n_actors"].sum() == 0


def test_document_level_one_row_per_document_with_metadata(nlp, two_docs):
    out = tag_frame(two_docs, text_col="body", nlp=nlp, level="document")
    assert list(out.index) == ["ag", "kt", "none"]
    assert out.loc["ag", "number"] == "04/CT-UBND" and out.loc["ag", "province"] == "An Giang"
    assert out.loc["ag", "n_items"] == 17 and out.loc["ag", "grades"] == [1, 2, 3, 6, 7, 10]
    assert out.loc["none", "n_sentences"] == 0
    assert "share_covid19" in out.columns and "doc" not in out.columns


def test_document_level_date_column_replaces_the_date_read(nlp):
    text = (TEXTS / "seed-002.txt").read_text(encoding="utf-8")
    out = tag_frame(pd.DataFrame({"text": [text], "d": ["2030-01-02"]}), date_col="d", nlp=nlp,
                    level="document", prefix="vd_")
    assert out.loc[0, "vd_date"] == "2030-01-02"


def test_item_level_one_row_per_item_with_the_input_index_repeated(nlp, two_docs):
    out = tag_frame(two_docs, text_col="body", nlp=nlp, level="item", prefix="vd_")
    n_ag = len(group_items(nlp((TEXTS / "seed-002.txt"))))
    assert (out.index == "ag").sum() == n_ag
    assert out.index.name == "key"
    ag = out.loc["ag"]
    assert ag["vd_path"].tolist()[:3] == ["", "I", "I.1"]
    assert set(ag["region"]) == {"An Giang"}
    assert (out.index == "none").sum() == 1 and pd.isna(out.loc["none", "vd_path"])   # left join


def test_a_tag_column_already_in_the_frame_is_an_error(nlp):
    df = pd.DataFrame({"text": ["Dạy lớp 1."], "grades": ["x"]})
    with pytest.raises(ValueError, match="already has column.*grades.*prefix"):
        tag_frame(df, nlp=nlp)
    assert tag_frame(df, nlp=nlp, prefix="vd_").loc[0, "vd_grades"] == [1]


def test_bad_arguments_are_named(nlp):
    df = pd.DataFrame({"text": ["Dạy lớp 1.", 3]})
    with pytest.raises(KeyError, match="text_col='body'"):
        tag_frame(df, text_col="body", nlp=nlp)
    with pytest.raises(KeyError, match="date_col='when'"):
        tag_frame(df, date_col="when", nlp=nlp)
    with pytest.raises(ValueError, match="level must be one of"):
        tag_frame(df, level="word", nlp=nlp)
    with pytest.raises(ValueError, match="'text' row 1: expected a text, got int"):
        tag_frame(df, nlp=nlp)
    with pytest.raises(TypeError, match="DataFrame"):
        tag_frame(["Dạy lớp 1."], nlp=nlp)


def test_a_repeated_index_is_refused(nlp):
    df = pd.DataFrame({"text": ["a", "b"]}, index=[0, 0])
    with pytest.raises(ValueError, match="repeated labels"):
        tag_frame(df, nlp=nlp)


def test_an_unreadable_date_is_named(nlp):
    df = pd.DataFrame({"text": ["Dạy lớp 1."], "d": ["soon"]})
    with pytest.raises(ValueError, match="'d' row 0: cannot read 'soon' as a date"):
        tag_frame(df, date_col="d", nlp=nlp)
