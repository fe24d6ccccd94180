#!/usr/bin/env python3
"""tiktoken (the reference implementation, Rust) on the inputs of `tokenizer-long-pieces`: the same bytes, one JSON
line per (kind, size) with its time and token count, so benchmarks/tokenizer/run.sh can print the ratio.

Needs `pip install tiktoken numpy` (a venv under /tmp; TIKTOKEN_PYTHON=/tmp/venv/bin/python for run.sh). The
vocabulary is read from ROUTERBENCH_TIKTOKEN (the same file the Swift tokenizer reads; tiktoken checks its hash) —
tiktoken never downloads anything here.
    python3 tiktoken_long_pieces.py [sizes in bytes…] [--kinds letters,a,digits,spaces]
"""
import json
import os
import sys
import time

import numpy as np
import tiktoken
from tiktoken.load import load_tiktoken_bpe

# tiktoken_ext.openai_public's cl100k_base pattern (tiktoken 0.14).
CL100K_PAT = r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
MULT = 6364136223846793005
INC = 1442695040888963407
MASK = (1 << 64) - 1


def letters(n: int) -> bytes:
    """The Swift benchmark's seeded letters: state = state·MULT + INC (mod 2⁶⁴) from 0x12345678, byte
    'a' + (state >> 33) % 26 — computed in blocks: state[base + k] = A[k]·state[base] + C[k]."""
    block = min(n, 1 << 20)
    a = np.empty(block, dtype=np.uint64)
    c = np.empty(block, dtype=np.uint64)
    ak, ck = 1, 0
    for k in range(block):
        ak, ck = (ak * MULT) & MASK, (ck * MULT + INC) & MASK
        a[k], c[k] = ak, ck
    out = bytearray()
    state = 0x1234_5678
    with np.errstate(over="ignore"):
        while len(out) < n:
            m = min(block, n - len(out))
            states = a[:m] * np.uint64(state) + c[:m]
            out += (np.uint8(0x61) + ((states >> np.uint64(33)) % np.uint64(26)).astype(np.uint8)).tobytes()
            state = int(states[m - 1])
    return bytes(out)


def text(kind: str, n: int) -> str:
    if kind == "a":
        return "a" * n
    if kind == "digits":
        return ("0123456789" * (n // 10 + 1))[:n]
    if kind == "spaces":
        return " " * n
    return letters(n).decode("ascii")


def main() -> None:
    sizes, kinds = [], ["letters", "a", "digits", "spaces"]
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--kinds":
            kinds = args.pop(0).split(",")
        else:
            sizes.append(int(a))
    sizes = sizes or [65_536, 1_048_576, 104_857_600]
    vocab = os.environ.get("ROUTERBENCH_TIKTOKEN", ".cache/tiktoken/cl100k_base.tiktoken")
    ranks = load_tiktoken_bpe(vocab, expected_hash="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7")
    enc = tiktoken.Encoding("cl100k_base", pat_str=CL100K_PAT, mergeable_ranks=ranks, special_tokens={})
    for kind in kinds:
        for n in sizes:
            s = text(kind, n)
            runs = 3 if n <= 10_000_000 else 1
            best, tokens = float("inf"), 0
            for _ in range(runs):
                t0 = time.perf_counter()
                tokens = len(enc.encode_ordinary(s))
                best = min(best, time.perf_counter() - t0)
            print(json.dumps({"impl": "tiktoken " + tiktoken.__version__, "kind": kind, "bytes": n, "tokens": tokens,
                              "seconds": round(best, 4), "mb_per_s": round(n / 1e6 / best, 2)}), flush=True)


if __name__ == "__main__":
    main()
