"""The calendar conventions of ANNOTATION.md §2 and §5.6, Tết and can-chi years."""
import datetime as dt

import pytest

from vn_directives.extract.calendar import Calendar, PartialDate

CAL = Calendar()


@pytest.mark.parametrize("fn,args,expected", [
    ("school_year", (2021,), ("2021-09-01", "2022-05-31")),
    ("term", (1, 2021), ("2021-09-01", "2022-01-15")),
    ("term", (2, 2021), ("2022-01-16", "2022-05-31")),
    ("summer", (2022,), ("2022-06-01", "2022-08-31")),
    ("year", (2023,), ("2023-01-01", "2023-12-31")),
    ("period", (2021, 2025), ("2021-01-01", "2025-12-31")),
    ("quarter", (1, 2023), ("2023-01-01", "2023-03-31")),
    ("quarter", (4, 2024), ("2024-10-01", "2024-12-31")),
    ("month", (2, 2024), ("2024-02-01", "2024-02-29")),
    ("month", (2, 2025), ("2025-02-01", "2025-02-28")),
    ("day", (15, 3, 2022), ("2022-03-15", "2022-03-15")),
])
def test_units(fn, args, expected):
    assert CAL.value(getattr(CAL, fn)(*args)) == {"start": expected[0], "end": expected[1]}


@pytest.mark.parametrize("fn,args", [("school_year", (None,)), ("term", (2, None)), ("month", (3, None)),
                                     ("day", (31, 2, 2022)), ("quarter", (5, 2022))])
def test_missing_or_impossible_is_null(fn, args):
    assert CAL.value(getattr(CAL, fn)(*args)) == {"start": None, "end": None}


@pytest.mark.parametrize("how,expected", [
    ("within", ("2022-03-01", "2022-03-31")),
    ("before", (None, "2022-02-28")),
    ("until", (None, "2022-03-31")),
    ("from", ("2022-03-01", None)),
    ("after", ("2022-04-01", None)),
])
def test_preposition_shifts(how, expected):
    assert CAL.value(CAL.shift(CAL.month(3, 2022), how)) == {"start": expected[0], "end": expected[1]}


@pytest.mark.parametrize("year,day", [
    (2022, dt.date(2022, 2, 1)),      # Nhâm Dần
    (2023, dt.date(2023, 1, 22)),     # Quý Mão
    (1985, dt.date(1985, 1, 21)),     # the Vietnamese calendar differs from the Chinese (20 Feb) here
])
def test_tet_from_the_vietnamese_lunar_calendar(year, day):
    assert CAL.tet(year) == day


@pytest.mark.parametrize("name,ref,year", [
    ("Nhâm Dần", 2021, 2022),
    ("Quý Mão", 2025, 2023),
    ("Quý Mão", 1990, 1963),          # the cycle nearest the reference year
    ("Nhâm Dần", 2070, 2082),
    ("QUÝ MÃO", 2023, 2023),          # case and spelling variants
    ("Quí Mão", 2023, 2023),
    ("Tân Sửu", 2021, 2021),
])
def test_can_chi_nearest_cycle(name, ref, year):
    assert CAL.can_chi_year(name, ref) == year


def test_can_chi_unknown_or_without_reference():
    assert CAL.can_chi_year("Nguyên Đán", 2022) is None
    assert CAL.can_chi_year("Nhâm Dần", None) is None


@pytest.mark.parametrize("year,month,sy", [(2022, 2, 2021), (2022, 6, 2022), (2022, 8, 2022), (2022, 9, 2022),
                                           (2022, None, None)])
def test_school_year_containing_a_date(year, month, sy):
    assert CAL.school_year_of(year, month) == sy


@pytest.mark.parametrize("s,parts", [("2022-08-25", (2022, 8, 25)), ("2022-08", (2022, 8, None)),
                                     ("2022", (2022, None, None)), (None, (None, None, None)),
                                     ("2022-02-30", (2022, 2, None)), ("xx", (None, None, None))])
def test_partial_doc_dates_fail_soft(s, parts):
    d = PartialDate.parse(s)
    assert (d.year, d.month, d.day) == parts
