"""Near-copy detection on the labelled pairs: false and missed copies per kind, and speed.

The pairs are tests/nearcopy_set.py's: our own stories (a first report, a wire
copy, a paraphrase, a brief, an independent report of the same event, short
original texts) and, when ../shared is beside the repository, the seed pair and
the development texts with wire and trimmed copies made of them.

    .venv/bin/python bench/nearcopy.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from explorer.nearcopy import compare, fingerprint
from tests.nearcopy_set import labelled_pairs, score


def main() -> None:
    pairs = labelled_pairs()
    figures, wrong = score(pairs)
    print(f"{len(pairs):,} labelled pairs ({sum(p.copy for p in pairs)} copies)")
    print(f"{'kind':16} {'pairs':>6} {'copies':>7} {'false copies':>13} {'missed copies':>14}")
    for f in figures:
        print(f"{f.kind:16} {f.pairs:6} {f.copies:7} {f.false_copies:13} {f.missed_copies:14}")
    total = [sum(getattr(f, k) for f in figures)
             for k in ("pairs", "copies", "false_copies", "missed_copies")]
    print(f"{'all':16} {total[0]:6} {total[1]:7} {total[2]:13} {total[3]:14}")
    for pair, containment in wrong:
        print(f"  wrong: {pair.kind}: {pair.a} / {pair.b} (containment {containment})")
    rows = [(compare(fingerprint(p.text_a), fingerprint(p.text_b)), p) for p in pairs]
    weakest = min((r.containment, p.a, p.b) for r, p in rows if p.copy)
    closest = max((r.containment, r.shared, p.a, p.b) for r, p in rows
                  if not p.copy and r.shared >= 10)
    print(f"weakest copy: containment {weakest[0]:.2f} ({weakest[1]} / {weakest[2]}); "
          f"closest non-copy sharing ≥ 10 words: {closest[0]:.2f}, {closest[1]} words "
          f"({closest[2]} / {closest[3]})")
    texts = [p.text_a for p in pairs[:200]] + [p.text_b for p in pairs[:200]]
    start = time.perf_counter()
    prints = [fingerprint(t) for t in texts]
    middle = time.perf_counter()
    for a, b in zip(prints[::2], prints[1::2], strict=False):
        compare(a, b)
    end = time.perf_counter()
    print(f"speed: fingerprint {1e3 * (middle - start) / len(texts):.2f} ms a text, compare "
          f"{1e3 * (end - middle) / (len(texts) // 2):.2f} ms a pair; load average "
          f"{os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
