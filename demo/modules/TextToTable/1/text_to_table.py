#!/usr/bin/env python3
"""TextToTable demo module: converts delimited text into a tab-separated table with an optional header row."""
import argparse
import csv
import sys

DELIMITERS = {"comma": ",", "semicolon": ";", "pipe": "|"}


def read_rows(path: str, delimiter: str):
    with open(path, newline="", encoding="utf-8") as f:
        if delimiter == "whitespace":
            return [line.split() for line in f if line.strip()]
        return [row for row in csv.reader(f, delimiter=DELIMITERS[delimiter]) if row]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-i", "--input", required=True)
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--delimiter", choices=["comma", "semicolon", "whitespace", "pipe"], default="comma")
    parser.add_argument("--header", choices=["yes", "no"], default="yes")
    args = parser.parse_args()
    try:
        rows = read_rows(args.input, args.delimiter)
    except (OSError, UnicodeDecodeError) as e:
        print(f"TextToTable: cannot read {args.input}: {e}", file=sys.stderr)
        return 1
    if not rows:
        print("TextToTable: the input has no rows", file=sys.stderr)
        return 1
    width = max(len(r) for r in rows)
    if args.header == "yes":
        header, body = rows[0], rows[1:]
    else:
        header, body = [f"column{i + 1}" for i in range(width)], rows
    header = header + [f"column{i + 1}" for i in range(len(header), width)]
    with open(args.output, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        for row in body:
            writer.writerow(row + [""] * (width - len(row)))
    print(f"Wrote {args.output}: {len(body)} rows x {width} columns")
    return 0


if __name__ == "__main__":
    sys.exit(main())
