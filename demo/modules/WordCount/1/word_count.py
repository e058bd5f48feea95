#!/usr/bin/env python3
"""WordCount demo module: counts lines, words and characters per input file and writes a .txt report."""
import argparse
import collections
import os
import sys


def count(path: str):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    words = text.split()
    return {"lines": text.count("\n") + (1 if text and not text.endswith("\n") else 0),
            "words": len(words), "chars": len(text), "bytes": os.path.getsize(path),
            "top": collections.Counter(w.lower() for w in words).most_common()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--top", type=int, default=0, help="also list the N most frequent words")
    args = parser.parse_args()
    report = ["file\tlines\twords\tchars"]
    totals = collections.Counter()
    for path in args.inputs:
        try:
            c = count(path)
        except OSError as e:
            print(f"WordCount: cannot read {path}: {e.strerror}", file=sys.stderr)
            return 1
        report.append(f"{os.path.basename(path)}\t{c['lines']}\t{c['words']}\t{c['chars']}")
        totals.update({k: c[k] for k in ("lines", "words", "chars")})
        if args.top > 0:
            report.extend(f"  {word}\t{n}" for word, n in c["top"][: args.top])
    if len(args.inputs) > 1:
        report.append(f"total\t{totals['lines']}\t{totals['words']}\t{totals['chars']}")
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(report) + "\n")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
