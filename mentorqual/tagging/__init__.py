"""Machine coders: rules (:mod:`.rules`, with :mod:`.context`) and the classifier
(:mod:`.classifier`)."""
