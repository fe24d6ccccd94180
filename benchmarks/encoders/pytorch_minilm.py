#!/usr/bin/env python3
"""PyTorch CPU baseline for the `minilm-l6` embedding throughput (tokens/s): all-MiniLM-L6-v2 from the extracted
model folder (.cache/minilm-l6, `make minilm`), the same prompts, the same batching as Encoders' EmbeddingJob
(prompts sorted by untruncated token count, then sample order; consecutive batches of --batch; truncation to
--max-tokens), the same thread count (torch.set_num_threads and one inter-op thread).

Timed: the forward pass (BertModel), mean pooling over the attention mask and L2 normalisation, per batch, under
torch.inference_mode — tokenisation is EXCLUDED (done before the clock starts); it is timed separately and
reported as its own line. Tokens = the real (unpadded) tokens of the batches, [CLS] and [SEP] included, which is
what the Swift side counts; padded positions are reported too.

The Swift side of the benchmark (release build, same prompts and settings) lands with the MiniLM wiring; compare
its tokens/s with this script's "forward tokens/s" line.

Usage (repository root; a venv with torch — `pip install torch --index-url https://download.pytorch.org/whl/cpu` —
and transformers):
  scripts/fixtures/dump_real_log_prompts.sh /tmp/real-log-prompts.jsonl
  /tmp/venv-minilm/bin/python benchmarks/encoders/pytorch_minilm.py /tmp/real-log-prompts.jsonl \
      --batch 64 --threads 2 --max-tokens 256 [--repeat 3]
A prompts file is JSONL with a "prompt" field (and optionally "sample_id"), or plain text with one prompt a line.
"""
import argparse
import json
import os
import time

import torch
import transformers
from transformers import AutoModel, BertTokenizerFast

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_prompts(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if path.endswith(".jsonl"):
                out.append(json.loads(line)["prompt"])
            else:
                out.append(line)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prompts")
    ap.add_argument("--model", default=os.environ.get("ROUTERBENCH_MINILM", os.path.join(REPO, ".cache/minilm-l6")))
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--max-tokens", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over all batches; the best is reported")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    tok = BertTokenizerFast.from_pretrained(args.model)
    model = AutoModel.from_pretrained(args.model).eval()
    prompts = read_prompts(args.prompts)

    t0 = time.perf_counter()
    lengths = [len(ids) for ids in tok(prompts)["input_ids"]]
    order = sorted(range(len(prompts)), key=lambda i: (lengths[i], i))
    batches = []
    for s in range(0, len(order), args.batch):
        idx = order[s:s + args.batch]
        batches.append(tok([prompts[i] for i in idx], padding=True, truncation=True, max_length=args.max_tokens,
                           return_tensors="pt"))
    tokenize_seconds = time.perf_counter() - t0
    real = sum(int(b["attention_mask"].sum()) for b in batches)
    padded = sum(b["input_ids"].numel() for b in batches)

    def run():
        out = []
        with torch.inference_mode():
            for b in batches:
                h = model(**b).last_hidden_state
                m = b["attention_mask"].unsqueeze(-1).to(h.dtype)
                v = (h * m).sum(1) / m.sum(1).clamp(min=1e-9)
                out.append(torch.nn.functional.normalize(v, p=2, dim=1))
        return out

    run()  # warm-up
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t)
    print(f"torch {torch.__version__}, transformers {transformers.__version__}, threads {torch.get_num_threads()}, "
          f"batch {args.batch}, max tokens {args.max_tokens}")
    print(f"prompts {len(prompts)}, batches {len(batches)}, real tokens {real}, padded positions {padded}")
    print(f"tokenisation (excluded below): {tokenize_seconds:.3f} s, {real / tokenize_seconds:,.0f} tokens/s")
    print(f"forward + mean pooling + L2 (best of {args.repeat}): {best:.3f} s")
    print(f"forward tokens/s: {real / best:,.0f}  ({padded / best:,.0f} padded positions/s)")


if __name__ == "__main__":
    main()
