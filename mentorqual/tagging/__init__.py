"""Machine coders and what they record.

- rules: :mod:`.run` (one call per project run) over :mod:`.rules` (the hash-array
  tagger, with :mod:`.words`, :mod:`.spans` and :mod:`.patterns`) and :mod:`.context`
  (answers that follow their question);
- the classifier: :mod:`.classifier` (the estimator), :mod:`.features`,
  :mod:`.calibration`, :mod:`.validation` (grouped cross-validation) and :mod:`.active`
  (what to code next);
- :mod:`.evidence`: the evidence record stored with each machine coding;
- :mod:`.combine`: how rules and classifier make the combined coder ``machine``.

Import the modules themselves: this package imports nothing, so that reading evidence
does not load spaCy or scikit-learn.
"""
