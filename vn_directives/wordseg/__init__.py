"""Word segmentation: underthesea's CRF model, read exactly and decoded with caches.

* :mod:`.crfsuite_file`: the weights of a CRFsuite model file;
* :mod:`.decoder`: :class:`~.decoder.CRFWordSegmenter`, underthesea's words faster.

:func:`vn_directives.tokenize.word_tokenize` is the entry point the pipeline uses.
"""
