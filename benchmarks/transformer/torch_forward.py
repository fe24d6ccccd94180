#!/usr/bin/env python3
"""PyTorch CPU timing of the same MiniLM-L6-shaped forward as the `transformer-speed` Swift harness: a
random-weight transformers.BertModel (6 layers, width 384, 12 heads, FFN 1536, GELU-erf), batch 64 x 64
token ids, every token real, eval mode under torch.inference_mode(), best of N runs after one warm-up.
Prints one JSON object (tokens/s and GFLOP/s with the same flop count as the Swift side:
TransformerConfiguration.forwardFlops). Not run in CI; needs torch and transformers.

  python3 benchmarks/transformer/torch_forward.py [--batch 64] [--length 64] [--runs 5] [--threads N]
"""
import argparse
import json
import time

import torch
from transformers import BertConfig, BertModel


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--length", type=int, default=64)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(20260101)
    config = BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
                        intermediate_size=1536, hidden_act="gelu", max_position_embeddings=512,
                        type_vocab_size=2, layer_norm_eps=1e-12)
    model = BertModel(config, add_pooling_layer=False).eval()
    ids = torch.randint(0, 30522, (a.batch, a.length))
    mask = torch.ones_like(ids)
    with torch.inference_mode():
        model(input_ids=ids, attention_mask=mask)
        best = float("inf")
        for _ in range(a.runs):
            t = time.perf_counter()
            model(input_ids=ids, attention_mask=mask)
            best = min(best, time.perf_counter() - t)
    n, h, i, layers = a.batch * a.length, 384, 1536, 6
    flops = layers * (2 * n * h * 3 * h + 2 * n * h * h + 4 * a.batch * a.length ** 2 * h + 4 * n * h * i)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "attention": model.config._attn_implementation, "batch": a.batch, "length": a.length,
                      "encodeSeconds": best, "encodeTokensPerSecond": n / best,
                      "encodeGflops": flops / best / 1e9}, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
