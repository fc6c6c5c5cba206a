"""ACTOR extractor: the written forms and the traps of ANNOTATION.md §2, §5.1–§5.4
and of data/ANNOTATION_NOTES.md, one test per form or trap."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vn_directives.extract.actors import LEVELS, ActorExtractor, extract_actors
from vn_directives.tokenize import word_tokenize


@pytest.fixture(scope="module")
def ex():
    return ActorExtractor()


def texts(spans):
    return [s.text for s in spans]


# ---------------------------------------------------------------- whole noun phrase with its scope

@pytest.mark.parametrize("sentence, expected", [
    # §2 examples: the scope belongs to the span
    ("UBND các huyện, thị xã, thành phố chỉ đạo thực hiện.", ["UBND các huyện, thị xã, thành phố"]),
    ("Trưởng phòng GDĐT các huyện, thị xã, thành phố báo cáo kết quả.",
     ["Trưởng phòng GDĐT các huyện, thị xã, thành phố"]),
    ("Đề nghị thủ trưởng các đơn vị trực thuộc triển khai.", ["thủ trưởng các đơn vị trực thuộc"]),
    ("Ban Giám hiệu các nhà trường chịu trách nhiệm.", ["Ban Giám hiệu các nhà trường"]),
    ("Bộ trưởng Bộ GDĐT yêu cầu rà soát.", ["Bộ trưởng Bộ GDĐT"]),
    ("Các cơ sở giáo dục tổ chức dạy học.", ["Các cơ sở giáo dục"]),
    # locative scope attached to an institution (ANNOTATION_NOTES: Actor spans)
    ("Thủ trưởng các cơ sở giáo dục trên địa bàn tỉnh thực hiện nghiêm.",
     ["Thủ trưởng các cơ sở giáo dục trên địa bàn tỉnh"]),
    ("các cơ sở giáo dục công lập trên địa bàn tỉnh", ["các cơ sở giáo dục công lập trên địa bàn tỉnh"]),
    # an organisation with a place in its name (§5.2)
    ("UBND tỉnh Đồng Tháp ban hành kế hoạch.", ["UBND tỉnh Đồng Tháp"]),
    ("Sở GDĐT Nghệ An hướng dẫn các trường.", ["Sở GDĐT Nghệ An", "các trường"]),
    ("Sở GD-ĐT TP.HCM công bố số liệu.", ["Sở GD-ĐT TP.HCM"]),
    # modifiers joined by connectors
    ("các cơ sở giáo dục mầm non, phổ thông và giáo dục thường xuyên trên địa bàn tỉnh nghỉ Tết.",
     ["các cơ sở giáo dục mầm non, phổ thông và giáo dục thường xuyên trên địa bàn tỉnh"]),
    # bodies under one plural determiner are one span
    ("Các sở, ban, ngành có liên quan phối hợp.", ["Các sở, ban, ngành có liên quan"]),
    ("Thủ trưởng các cơ quan, tổ chức, đơn vị có liên quan", ["Thủ trưởng các cơ quan, tổ chức, đơn vị có liên quan"]),
    ("bố trí lịch học cho các trường, cơ sở giáo dục.", ["các trường, cơ sở giáo dục"]),
    # units "trực thuộc Sở"
    ("Hiệu trưởng các trường phổ thông trực thuộc Sở", ["Hiệu trưởng các trường phổ thông trực thuộc Sở"]),
    # a bracketed abbreviation stays in the span
    ("Chủ tịch Ủy ban nhân dân (UBND) tỉnh An Giang chỉ thị", ["Chủ tịch Ủy ban nhân dân (UBND) tỉnh An Giang"]),
])
def test_noun_phrase_with_scope(ex, sentence, expected):
    assert texts(ex(sentence)) == expected


@pytest.mark.parametrize("sentence, expected", [
    # bodies sharing one scope get a span each (ANNOTATION_NOTES)
    ("sự lãnh đạo của Tỉnh ủy, HĐND, UBND tỉnh", ["Tỉnh ủy", "HĐND", "UBND tỉnh"]),
    ("giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Thông tin và Truyền thông, Sở Tài chính",
     ["Sở Giáo dục và Đào tạo", "Sở Thông tin và Truyền thông", "Sở Tài chính"]),
    # distinct sectors are distinct actors
    ("ngành công an và ngành giáo dục phối hợp", ["ngành công an", "ngành giáo dục"]),
])
def test_coordinated_bodies_are_separate(ex, sentence, expected):
    assert texts(ex(sentence)) == expected


# ---------------------------------------------------------------- the addressee line (§5.1)

def test_addressee_line(ex):
    spans = ex("Kính gửi: Các Sở Giáo dục và Đào tạo")
    assert texts(spans) == ["Các Sở Giáo dục và Đào tạo"]
    assert spans[0].attrs["level"] == "province"


# ---------------------------------------------------------------- office-holders

@pytest.mark.parametrize("sentence, expected", [
    # the person's name is not part of the actor
    ("đồng chí Nguyễn Văn Đoạt, Giám đốc Sở phát biểu", ["Giám đốc Sở"]),
    ("Tham dự có đồng chí Phó Giám đốc Sở GDĐT.", ["Phó Giám đốc Sở GDĐT"]),
    ("Giám đốc Sở GD&ĐT Nam Định yêu cầu", ["Giám đốc Sở GD&ĐT Nam Định"]),
    ("Chánh Văn phòng UBND tỉnh", ["Chánh Văn phòng UBND tỉnh"]),
    ("người đứng đầu phải chịu trách nhiệm", ["người đứng đầu"]),
    ("lãnh đạo Ủy ban nhân dân các huyện, thị xã, thành phố", ["lãnh đạo Ủy ban nhân dân các huyện, thị xã, thành phố"]),
    # a bare title standing for the office
    ("Kết luận, Giám đốc nhấn mạnh", ["Giám đốc"]),
    # party membership of a named person is not an actor, the education post is
    ("ông Nguyễn Văn Bình, Thị ủy viên - Trưởng Phòng Giáo dục và Đào tạo định hướng",
     ["Trưởng Phòng Giáo dục và Đào tạo"]),
    ("Đồng chí Trần Đức Thắng, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy phát biểu", ["Bí thư Tỉnh ủy"]),
    # school posts sharing one scope are one span (c042)
    ("Hiệu trưởng, các phó hiệu trưởng các trường Mầm non trong toàn thị xã",
     ["Hiệu trưởng, các phó hiệu trưởng các trường Mầm non trong toàn thị xã"]),
])
def test_office_holders(ex, sentence, expected):
    assert texts(ex(sentence)) == expected


# ---------------------------------------------------------------- sectors and institutions (§5.3)

@pytest.mark.parametrize("sentence, expected", [
    ("ngành Giáo dục tỉnh Kon Tum đã nỗ lực", ["ngành Giáo dục tỉnh Kon Tum"]),
    ("Ngành GDĐT tiếp tục đổi mới", ["Ngành GDĐT"]),
    ("toàn ngành Giáo dục quyết tâm", ["toàn ngành Giáo dục"]),
    ("Học sinh trường THCS Kiến Hưng tham gia", ["trường THCS Kiến Hưng"]),
    ("Giám đốc các trung tâm GDNN-GDTX báo cáo", ["Giám đốc các trung tâm GDNN-GDTX"]),
    ("các trung tâm GDNN-GDTX tổ chức tuyển sinh", ["các trung tâm GDNN-GDTX"]),
    ("phối hợp với các cấp, ngành", ["các cấp, ngành"]),
    ("tham mưu với cấp ủy, chính quyền các cấp", ["cấp ủy, chính quyền các cấp"]),
    ("trừ trường hợp được cấp có thẩm quyền phân công", ["cấp có thẩm quyền"]),
    ("chính quyền địa phương cấp xã hỗ trợ", ["chính quyền địa phương cấp xã"]),
    ("Nhà trường tổ chức lễ khai giảng.", ["Nhà trường"]),
    ("Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Phú Yên yêu cầu",
     ["Ban Chỉ đạo phòng, chống dịch COVID-19 tỉnh Phú Yên"]),
    ("Cục Công nghệ thông tin, Bộ Giáo dục và Đào tạo đã phân tích",
     ["Cục Công nghệ thông tin, Bộ Giáo dục và Đào tạo"]),
    # counted institutions keep the number (ANNOTATION_NOTES, c039)
    ("Toàn tỉnh có 219 trường mầm non, 152 trường tiểu học.", ["219 trường mầm non", "152 trường tiểu học"]),
])
def test_sectors_and_institutions(ex, sentence, expected):
    assert texts(ex(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "Trong năm qua, toàn ngành đã nỗ lực khắc phục khó khăn.",       # bare "toàn ngành"
    "Ngành đã làm tốt công tác tham mưu.",                            # bare "Ngành"
    "bảo đảm an toàn trường học trong mùa mưa bão",                   # generic "trường học"
    "số hóa hồ sơ nhà trường",                                        # "nhà trường" as a modifier
    "xây dựng trường đạt chuẩn quốc gia",                             # a school to be built
    "mua sắm máy chiếu cho các phòng học",                            # "phòng học" is a room
])
def test_not_sectors_or_institutions(ex, sentence):
    assert ex(sentence) == []


# ---------------------------------------------------------------- issuers of cited documents (§5.4)

def test_issuer_of_cited_document(ex):
    s = "Thực hiện Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ về tăng cường ứng dụng CNTT."
    spans = ex(s)
    assert texts(spans) == ["Thủ tướng Chính phủ"]
    assert spans[0].attrs["level"] == "central"


def test_issuer_before_title_with_actors_inside(ex):
    s = ("Căn cứ Chỉ thị số 1112/CT-BGDĐT ngày 19/8/2022 của Bộ trưởng Bộ Giáo dục và Đào tạo về "
         "thực hiện nhiệm vụ năm học 2022-2023 của các cơ sở giáo dục")
    assert texts(ex(s)) == ["Bộ trưởng Bộ Giáo dục và Đào tạo"]


@pytest.mark.parametrize("sentence", [
    # institutions inside a cited document's title are not actors (§5.3)
    "Thông tư số 32/2018/TT-BGDĐT về ban hành chương trình cho các cơ sở giáo dục phổ thông",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;",
    "thực hiện chuyên đề “Xây dựng trường mầm non lấy trẻ làm trung tâm”",
    # a document title is not an actor
    "Nghị quyết số 29-NQ/TW về đổi mới căn bản, toàn diện giáo dục và đào tạo",
])
def test_inside_cited_title(ex, sentence):
    assert ex(sentence) == []


# ---------------------------------------------------------------- places and populations (§5.2, §2)

@pytest.mark.parametrize("sentence", [
    "Đồng Nai cho học sinh đi học từ ngày 14-2.",
    "Tại Hà Nội, học sinh trở lại trường.",
    "các địa phương chủ động bố trí lịch học",
    "63/63 tỉnh, thành đã hoàn thành",
    "các tỉnh, thành triển khai",
    "học sinh, giáo viên, cha mẹ học sinh và Nhân dân",
    "cán bộ, công chức, viên chức thực hiện nghiêm",
    "TP HCM sẽ tổ chức cho học sinh đi học.",
    "Học sinh Hải Phòng trở lại trường.",
])
def test_places_and_populations_are_not_actors(ex, sentence):
    assert ex(sentence) == []


# ---------------------------------------------------------------- letterhead, signature, distribution list (§5.1)

@pytest.mark.parametrize("sentence", [
    "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Số: 17/CT-UBND",
    "KT. GIÁM ĐỐC",
    "Nơi nhận: - Bộ GDĐT;",
    "- UBND tỉnh (để b/c);",
])
def test_letterhead_and_signature(ex, sentence):
    assert ex(sentence) == []


def test_authority_heading_in_capitals_is_an_actor(ex):
    # the enacting authority line before "Căn cứ" (c017): an office with its body
    assert texts(ex("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")) == ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"]


# ---------------------------------------------------------------- canonical names

@pytest.mark.parametrize("sentence, canonical", [
    ("Sở GD&ĐT Hà Tĩnh", "Sở Giáo dục và Đào tạo Hà Tĩnh"),
    ("Sở GD-ĐT TP.HCM", "Sở Giáo dục và Đào tạo thành phố Hồ Chí Minh"),
    ("Bộ GDĐT", "Bộ Giáo dục và Đào tạo"),
    ("UBND TP Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
    ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("trường THCS Ngư Lộc", "trường trung học cơ sở Ngư Lộc"),
    ("các trường THPT", "các trường trung học phổ thông"),
    ("Trường TH&THCS Quất Lưu", "Trường tiểu học và trung học cơ sở Quất Lưu"),
    ("các trung tâm GDNN-GDTX", "các trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"),
    ("Chủ tịch UBND các tỉnh, thành phố trực thuộc T.Ư",
     "Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"),
    # the bracketed abbreviation is dropped from the canonical name
    ("Ủy ban nhân dân (UBND) tỉnh Lạng Sơn", "Ủy ban nhân dân tỉnh Lạng Sơn"),
    ("Sở Giáo dục và Đào tạo (GDĐT) Đắk Lắk", "Sở Giáo dục và Đào tạo Đắk Lắk"),
    # one tone-mark form
    ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Ủy ban nhân dân tỉnh Khánh Hòa"),
])
def test_canonical(ex, sentence, canonical):
    spans = ex(sentence)
    assert len(spans) == 1
    assert spans[0].value == canonical


# ---------------------------------------------------------------- levels

@pytest.mark.parametrize("sentence, level", [
    ("Thủ tướng Chính phủ", "central"),
    ("Bộ Giáo dục và Đào tạo", "central"),
    ("Quốc hội", "central"),
    ("UBND tỉnh Phú Yên", "province"),
    ("Sở GDĐT", "province"),
    ("UBND TP Hải Phòng", "province"),
    ("UBND huyện Hậu Lộc", "district"),
    ("Phòng GD&ĐT huyện Lệ Thủy", "district"),
    ("UBND các xã, phường", "district"),
    ("Trưởng phòng GDĐT các huyện, thị xã, thành phố", "district"),
    ("Hiệu trưởng Trường THCS Ngư Lộc", "school"),
    ("các cơ sở giáo dục trên địa bàn tỉnh", "school"),
    ("các sở, ban, ngành có liên quan", "other"),
])
def test_level(ex, sentence, level):
    spans = ex(sentence)
    assert len(spans) == 1
    assert spans[0].attrs["level"] == level


# ---------------------------------------------------------------- API

def test_tokens_argument_gives_the_same_spans(ex):
    s = "Sở GDĐT phối hợp với UBND các huyện, thị xã, thành phố và các cơ sở giáo dục."
    assert ex(s, tokens=word_tokenize(s)) == ex(s)


def test_module_function_and_doc_date(ex):
    s = "UBND tỉnh giao Sở GDĐT chủ trì."
    assert extract_actors(s, "2022-08") == ex(s, None)


def test_rules_path(tmp_path, ex):
    from vn_directives.resources import resource_path
    for name in ("actor_heads.tsv", "actor_scope.tsv", "abbreviations.tsv"):
        (tmp_path / name).write_text(resource_path(name).read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "actor_heads.tsv", "a", encoding="utf-8") as fh:
        fh.write("org\tban quản lý dự án\tother\talone\n")
    custom = ActorExtractor(tmp_path)
    assert texts(custom("Ban quản lý dự án báo cáo")) == ["Ban quản lý dự án"]
    assert ex("Ban quản lý dự án báo cáo") == []


def test_missing_rules_path(tmp_path):
    with pytest.raises(FileNotFoundError):
        ActorExtractor(tmp_path / "nowhere")


# ---------------------------------------------------------------- properties

_VOCAB = ["UBND", "Sở", "GDĐT", "các", "trường", "THCS", "tỉnh", "huyện", ",", "và", "Giám đốc", "(", ")",
          "cơ sở giáo dục", "trên địa bàn", "Nghệ An", "của", "Quyết định số 1/QĐ-TTg", "về", "“", "”",
          "Bộ", "ngành", "Giáo dục", "thành phố", "trực thuộc", "học sinh", "toàn", "12", ":", "-"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_random_text_never_crashes(text):
    for s in extract_actors(text):
        assert text[s.start:s.end] == s.text


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=25))
def test_spans_are_well_formed(words):
    text = " ".join(words)
    spans = extract_actors(text)
    prev_end = -1
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.label == "ACTOR"
        assert s.start >= prev_end and s.end > s.start
        prev_end = s.end
        assert isinstance(s.value, str) and s.value
        assert s.attrs["level"] in LEVELS
        assert s.text.strip() == s.text


@pytest.mark.parametrize("line", ["**KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC**", "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
                                  "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"])
def test_signature_block_with_two_titles_gives_no_actor(line):
    assert extract_actors(line) == []
