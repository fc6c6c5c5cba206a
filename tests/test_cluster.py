"""The pipeline on Dask (vn_directives/cluster.py): a local cluster of separate
worker processes gives exactly what the single-process run gives."""
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

distributed = pytest.importorskip("distributed")

from vn_directives.batch import tag_files  # noqa: E402
from vn_directives.cluster import outcome_bag, tag_bag  # noqa: E402

TEXTS = ROOT / "data" / "texts"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("dask_in")
    for n in ("seed-000", "c002", "c010"):
        shutil.copy(TEXTS / f"{n}.txt", d / f"{n}.txt")
    (d / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    return sorted(d.glob("*.txt"))


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        assert len(c.workers) == 2
        yield c


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask_ref") / "single.jsonl"
    s = tag_files(inputs, out, jobs=1, progress=False)
    return out, s


def test_batch_on_a_local_cluster_equals_the_single_process_run(inputs, cluster, single, tmp_path):
    out = tmp_path / "dask.jsonl"
    s = tag_files(inputs, out, scheduler=cluster.scheduler_address, progress=False)
    assert out.read_bytes() == single[0].read_bytes()
    assert [Path(p).name for p, _ in s.failures] == ["broken.txt"] == [Path(p).name for p, _ in single[1].failures]


def test_tag_bag_gives_the_same_rows(inputs, cluster, single):
    from dask.distributed import Client
    with Client(cluster) as client:
        rows = tag_bag(inputs).compute(scheduler=client.get)
        outcomes = outcome_bag(inputs).compute(scheduler=client.get)
        worker_pids = set(client.run(lambda: __import__("os").getpid()).values())
    want = [json.loads(l) for l in single[0].read_text(encoding="utf-8").splitlines()]
    assert rows == want
    assert [Path(o["source"]).name for o in outcomes if "error" in o] == ["broken.txt"]
    import os
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
