"""``spacy.blank("vi")`` with this package's tokenizer (no pyvi needed).

spaCy's own Vietnamese uses pyvi by default (``use_pyvi = true``) and, where
pyvi is not installed, ``spacy.blank("vi")`` stops with an ImportError. This
package declares :class:`Vietnamese` as the ``vi`` entry of the
``spacy_languages`` entry points: once vn_directives is installed,
``spacy.blank("vi")`` is spaCy's Vietnamese (same stop words and lexical
attributes) whose default tokenizer is ``vn_directives.Tokenizer.v1``
(underthesea). spaCy's pyvi tokenizer is still there by name::

    spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.vi.VietnameseTokenizer"}}})

>>> nlp = Vietnamese()
>>> nlp.lang, [t.text for t in nlp("Tăng cường chuyển đổi số.")]
('vi', ['Tăng cường', 'chuyển đổi', 'số', '.'])
"""
from __future__ import annotations

from spacy.lang.vi import Vietnamese as SpacyVietnamese
from spacy.lang.vi import VietnameseDefaults
from spacy.util import load_config_from_str

from . import tokenizer  # noqa: F401  (registers vn_directives.Tokenizer.v1)

DEFAULT_CONFIG = """
[nlp]

[nlp.tokenizer]
@tokenizers = "vn_directives.Tokenizer.v1"
"""


class DirectiveDefaults(VietnameseDefaults):
    config = load_config_from_str(DEFAULT_CONFIG)


class Vietnamese(SpacyVietnamese):
    """spaCy's Vietnamese with the underthesea tokenizer as default."""

    lang = "vi"
    Defaults = DirectiveDefaults
