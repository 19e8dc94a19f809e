"""Word lists of the personal-data guard: one constant per list, each with its source."""
