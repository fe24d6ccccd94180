#!/usr/bin/env python3
"""Reference cl100k_base tokenizer in plain Python, written independently of the Swift one, used only to
generate test fixtures (scripts/fixtures/tokenizer_real_logs.py). Pre-tokenisation runs the cl100k_base
pattern with the third-party `regex` module (which, like tiktoken's Rust engine, supports \\p{L}/\\p{N}
and Unicode-aware \\s and case folding); merges use the textbook "join the adjacent pair of lowest
rank, leftmost first" loop on lists of bytes objects.

    python3 Tests/LogImportTests/reference_bpe.py [VOCAB] < text      # prints the token ids
"""
import base64
import os
import sys

import regex

PATTERN = regex.compile(
    r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"""
    r"""|\s*[\r\n]+|\s+(?!\S)|\s+"""
)


def default_vocab_path():
    env = os.environ.get("ROUTERBENCH_TIKTOKEN")
    if env:
        return env
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(repo, ".cache/tiktoken/cl100k_base.tiktoken")


def load_ranks(path=None):
    ranks = {}
    with open(path or default_vocab_path(), "rb") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


class Reference:
    def __init__(self, path=None):
        self.ranks = load_ranks(path)

    def merge(self, piece: bytes):
        parts = [piece[i:i + 1] for i in range(len(piece))]
        while len(parts) > 1:
            best = None
            best_rank = None
            for i in range(len(parts) - 1):
                r = self.ranks.get(parts[i] + parts[i + 1])
                if r is not None and (best_rank is None or r < best_rank):
                    best, best_rank = i, r
            if best is None:
                break
            parts[best:best + 2] = [parts[best] + parts[best + 1]]
        return [self.ranks[p] for p in parts]

    def encode(self, text: str):
        out = []
        for m in PATTERN.finditer(text):
            piece = m.group().encode("utf-8")
            rank = self.ranks.get(piece)
            if rank is not None:
                out.append(rank)
            else:
                out.extend(self.merge(piece))
        return out

    def pieces(self, text: str):
        return [m.group() for m in PATTERN.finditer(text)]


if __name__ == "__main__":
    ref = Reference(sys.argv[1] if len(sys.argv) > 1 else None)
    print(ref.encode(sys.stdin.read()))
