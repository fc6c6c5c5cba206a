"""The theme classifier: cue lists, context, features, the model and its training.

``cues.py`` (guideline cue lists) → ``context.py`` (title, item heading,
neighbours of each sentence) → ``features.py`` (text + context → feature
table) → ``model.py`` (load, verify, predict, explain) → ``train.py`` (train,
cross-validate, compare, suggest); ``component.py`` plugs the model into the
pipeline's classify stage.
"""
