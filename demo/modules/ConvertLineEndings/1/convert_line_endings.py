#!/usr/bin/env python3
"""ConvertLineEndings demo module: rewrites CRLF/CR/LF line endings of a text file as LF or CRLF."""
import argparse
import sys


def convert(data: bytes, ending: str) -> bytes:
    # Normalise every ending to LF first so mixed files come out consistent.
    normalised = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return normalised if ending == "lf" else normalised.replace(b"\n", b"\r\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--ending", choices=["lf", "crlf"], default="lf")
    args = parser.parse_args()
    try:
        with open(args.input, "rb") as f:
            data = f.read()
    except OSError as e:
        print(f"ConvertLineEndings: cannot read {args.input}: {e.strerror}", file=sys.stderr)
        return 1
    out = convert(data, args.ending)
    with open(args.output, "wb") as f:
        f.write(out)
    lines = out.count(b"\n")
    print(f"Wrote {args.output}: {lines} lines, {args.ending.upper()} endings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
