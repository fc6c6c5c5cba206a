"""The CRFsuite reader gets underthesea's word-segmentation weights exactly.

underthesea_core's own ``CRFModel`` reads the same file; its counts and its L1
and squared-L2 norms of all weights must match what ``read_crfsuite`` found.
"""
import math

import pytest

from vn_directives.wordseg.crfsuite_file import CRFSuiteFormatError, read_crfsuite, underthesea_model_dir

MODEL = underthesea_model_dir() / "models.bin"


@pytest.fixture(scope="module")
def weights():
    return read_crfsuite(MODEL)


@pytest.fixture(scope="module")
def reference():
    from underthesea_core import CRFModel
    return CRFModel.load(str(MODEL))


def test_labels_and_counts_match_underthesea_core(weights, reference):
    assert list(weights.labels) == list(reference.get_labels())
    assert len(weights.state) == reference.num_attributes
    assert sum(w != 0.0 for ws in weights.state.values() for w in ws) == reference.num_state_features()
    assert sum(w != 0.0 for row in weights.transitions for w in row) == reference.num_transition_features()


def test_weights_have_underthesea_cores_norms(weights, reference):
    every = [w for ws in weights.state.values() for w in ws] + [w for row in weights.transitions for w in row]
    assert math.isclose(math.fsum(abs(w) for w in every), reference.l1_norm(), rel_tol=1e-12)
    assert math.isclose(math.fsum(w * w for w in every), reference.l2_norm_squared(), rel_tol=1e-12)


def test_attributes_are_the_featurizers_strings(weights):
    assert "T[-1]=BOS" in weights.state and "T[0].is_in_dict=False" in weights.state
    assert all("=" in a for a in weights.state)


@pytest.mark.parametrize("content, problem", [
    (b"", "too short"),
    (b"not a model at all, but long enough to hold a header....", "not a CRFsuite model"),
])
def test_other_files_are_refused_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "models.bin"
    path.write_bytes(content)
    with pytest.raises(CRFSuiteFormatError, match=problem) as err:
        read_crfsuite(path)
    assert str(path) in str(err.value)


def test_a_truncated_model_is_refused(tmp_path):
    data = MODEL.read_bytes()
    path = tmp_path / "models.bin"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CRFSuiteFormatError, match=str(path)):
        read_crfsuite(path)
