"""A long sentence costs time in proportion to its length (a complexity bound, not a speed test).

Each extractor is run on one sentence of n and of 8n characters; linear work takes about 8
times as long, quadratic work 64 times. The bound (24) is generous on purpose: it fails on
a quadratic regression, not on a slow or busy machine. Figures: benchmarks/long_sentences.py.
"""
import time

import pytest

from vn_directives.extract.actors import ActorExtractor
from vn_directives.extract.deadlines import DeadlineExtractor
from vn_directives.extract.grades import GradeExtractor
from vn_directives.extract.references import ReferenceExtractor

UNITS = ["năm học 2021-2022 ", "từ ngày 1/1 đến ", "các trường THCS, Sở GDĐT lớp 3, 7 ",
         "Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ GDĐT, "]
SMALL, FACTOR, BOUND = 4000, 8, 24


def best_of(fn, text, runs=3):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t0)
    return min(times)


@pytest.mark.parametrize("extractor", [DeadlineExtractor, GradeExtractor, ActorExtractor, ReferenceExtractor],
                         ids=lambda e: e.__name__)
@pytest.mark.parametrize("unit", UNITS, ids=range(len(UNITS)))
def test_time_grows_linearly_with_the_sentence(extractor, unit):
    ex = extractor()
    small = unit * (SMALL // len(unit))
    large = unit * (SMALL * FACTOR // len(unit))
    ex(small)                                      # caches warm
    t_small, t_large = best_of(ex, small), best_of(ex, large)
    assert t_large <= BOUND * max(t_small, 1e-3), (t_small, t_large)
