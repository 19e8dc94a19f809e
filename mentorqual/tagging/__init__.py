"""Machine coders: rules (:mod:`.rules`) now, a classifier later."""
