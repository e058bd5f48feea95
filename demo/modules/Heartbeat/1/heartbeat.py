#!/usr/bin/env python3
"""Heartbeat: a smoke-test module. Prints a numbered line every INTERVAL seconds, then exits with EXIT_CODE.

Admins run it to check a runtime environment end to end (staging, logs arriving live, walltime, exit codes)
without needing real data.
"""
import argparse
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("interval", type=float)
    parser.add_argument("exit_code", type=int)
    args = parser.parse_args()
    for i in range(1, args.count + 1):
        print(f"heartbeat {i} of {args.count}", flush=True)
        if i < args.count:
            time.sleep(args.interval)
    if args.exit_code != 0:
        print(f"Heartbeat: ERROR exiting with code {args.exit_code} as asked", file=sys.stderr, flush=True)
    return args.exit_code


if __name__ == "__main__":
    sys.exit(main())
