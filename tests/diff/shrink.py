"""shrink.py - delta debugging (Zeller's ddmin) of a failing sequence.

`fails(body)` builds and runs a one-sequence image with that body and says
whether lvzsim and QEMU still differ.  The body is shrunk at the top level
first; then every block is tried replaced by its own body, and its body is
shrunk the same way, recursively.  Items are never split, so every
candidate is a valid program (gen.py explains why).
"""
from gen import Block


class Budget(Exception):
    pass


class Shrinker:
    def __init__(self, fails, max_tests=250):
        self._fails = fails
        self.tests = 0
        self.max_tests = max_tests

    def fails(self, body):
        if self.tests >= self.max_tests:
            raise Budget()
        self.tests += 1
        if self._fails(body):
            self.best = body
            return True
        return False

    def ddmin(self, items, rebuild):
        """Smallest sublist of items (1-minimal w.r.t. removing chunks) for
        which fails(rebuild(sublist)) holds."""
        n = 2
        while len(items) >= 1:
            if len(items) == 1:
                if self.fails(rebuild([])):
                    items = []
                break
            n = min(n, len(items))
            size = -(-len(items) // n)
            chunks = [(i, min(i + size, len(items))) for i in range(0, len(items), size)]
            for lo, hi in chunks:
                cand = items[:lo] + items[hi:]
                if self.fails(rebuild(cand)):
                    items = cand
                    n = max(n - 1, 2)
                    break
            else:
                if n >= len(items):
                    break
                n = min(len(items), 2 * n)
        return items

    def shrink_list(self, items, rebuild):
        items = self.ddmin(items, rebuild)
        i = 0
        while i < len(items):
            it = items[i]
            if isinstance(it, Block):
                # the block's body inline, without the branch/loop around it
                flat = items[:i] + it.body + items[i + 1:]
                if self.fails(rebuild(flat)):
                    items = flat
                    continue
                def inner(body, i=i, it=it, items=items):
                    return rebuild(items[:i] + [it.copy(body)] + items[i + 1:])
                body = self.shrink_list(list(it.body), inner)
                items = items[:i] + [it.copy(body)] + items[i + 1:]
            i += 1
        return items

    def run(self, body):
        """(smallest failing body found, complete?)"""
        self.best = list(body)
        try:
            self.shrink_list(list(body), lambda b: b)
            return self.best, True
        except Budget:
            return self.best, False
