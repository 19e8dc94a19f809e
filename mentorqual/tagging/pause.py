"""Rule tagging's pause of the cyclic garbage collector, in a module that loads nothing
heavy: the workflows hold the pause around parsing the codebook and writing codings."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. Rule tagging makes many small
    objects that live until it ends; with the lemma table and the pipeline in memory,
    each full collection the allocations trigger would walk millions of objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
