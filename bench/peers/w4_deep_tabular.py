#!/usr/bin/python3
"""PyTorch peer of workload W4 (keras-team/keras issue 19953's deep tabular MLP), on the CPU.

The model, as bench/FastDense.Benchmarks/DeepTabularNet.cs declares it after the issue's Keras code:
  4 inputs -> 10 x (Linear(., 128), ReLU, Dropout(0.1)) -> Linear(128, 1); Glorot-uniform kernels and zero biases
  (Keras's defaults). Loss: nn.BCEWithLogitsLoss on the logits against the targets smoothed as Keras's
  BinaryCrossentropy(label_smoothing=0.05) smooths them, y * 0.95 + 0.025: Keras's TensorFlow backend computes the
  cross-entropy of a sigmoid output from its logits. Optimizer: Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
  (Keras's defaults; the issue passes 0.001). Metric: Keras's streaming AUC (keras.metrics.AUC(): ROC, 200
  thresholds, interpolated), implemented here in torch as Keras's optimized update for evenly spaced thresholds does
  it: each output p in [0, 1] falls in bucket max(ceil(p * 199) - 1, 0), true and false labels are counted per bucket
  (torch.bincount, float64), a threshold's counts are the buckets at and above it (reversed cumulative sum), and the
  area is the trapezoid sum over the 200 (false-positive rate, recall) points. The metric sees the unsmoothed labels
  and the training pass's outputs (Dropout active), and its result is computed after every batch, as Keras's
  train_step computes every metric's result (and as FastDense's Fit reads it); the float is read once per epoch.
  Batch 500, model.train() throughout.

What it measures (every figure is the best of --repeats runs, timed with time.perf_counter), with
torch.set_num_threads(1) and with torch.set_num_threads(2):
  step_ms:  one training step (zero_grad, forward, loss, backward, Adam step, AUC update and result) on a fixed batch,
            the first 500 rows, averaged over 300 steps per run. As in DeepTabularStepBench, the weights are
            restored and the AUC reset every 256 steps (inside the timed loop); Adam's moments carry over.
  epoch_s:  one epoch over the 250,000 rows: reshuffled (torch.randperm), rows gathered by index into 500 batches
            of 500, the AUC reset at the start. Each run restores the initial weights and keeps the optimizer, as
            DeepTabularEpochBench does (Adam's moments carry over between its Fit calls).
  GFLOP/s:  dense-equivalent, counting the linear layers' products only: per row 2*in*out forward, 2*in*out for the
            weight gradient, 2*in*out for the input gradient except the first layer's (autograd does not compute
            the gradient of the input data): with S = 4*128 + 9*128*128 + 128*1 = 148,096 multiply-adds,
            6*S - 2*4*128 = 887,552 flops per row, 443.8 MFLOP per step of 500 rows.

Data: generated here, bit for bit the data DeepTabularData.cs generates (its remarks give the procedure; the
SHA-256 fingerprint printed below must equal the C# one): SplitMix64 uniforms, features as the sum of 12 uniforms
minus 6 (Irwin-Hall, roughly standard normal), labels Bernoulli(0.5 + 0.5 s / (1 + |s|)) for a fixed score s of the
features with product and absolute-value terms. Only correctly rounded double operations in a fixed order, so numpy
and .NET agree exactly. Nothing is written to disk. Generating it is not timed.

Run from the repository root (Debian's python3-torch is for the system python, not a pyenv one):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/w4_deep_tabular.py [--repeats N]

As bench/peers/pytorch_bench.py explains, Debian's torch does its Linear layers with whatever libblas.so.3 resolves
to, the reference netlib BLAS unless told otherwise; for PyTorch at its best put OpenBLAS's OpenMP build first
(LD_LIBRARY_PATH set to the openblas-openmp folder of the unpacked libopenblas0-openmp, as that script's docstring
shows).
The BLAS actually mapped, ATen's CPU capability and the load averages are printed and recorded in the JSON object on
the last line of stdout. Take numbers on an idle machine.
"""

import argparse
import hashlib
import json
import os
import platform
import time

import numpy as np
import torch
from torch import nn

ROWS, FEATURES, BATCH = 250_000, 4, 500
HIDDEN, DEPTH, DROPOUT = 128, 10, 0.1
LABEL_SMOOTHING = 0.05
NUM_THRESHOLDS = 200
STEPS, RESTORE_EVERY = 300, 256
FEATURE_SEED, LABEL_SEED, TERMS = 19953, 500, 12
MULTIPLY_ADDS_PER_ROW = FEATURES * HIDDEN + (DEPTH - 1) * HIDDEN * HIDDEN + HIDDEN * 1
FLOPS_PER_ROW = 6 * MULTIPLY_ADDS_PER_ROW - 2 * FEATURES * HIDDEN

_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def uniform(seed, i):
    """The uniforms U(seed, i) in [0, 1) of DeepTabularData.Uniform: SplitMix64 at counters i (a uint64 array)."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (i + np.uint64(1)) * _GAMMA
        z = (z ^ (z >> np.uint64(30))) * _MIX1
        z = (z ^ (z >> np.uint64(27))) * _MIX2
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (2.0 ** -53)


def make_data():
    """The W4 data as DeepTabularData.cs makes it: x (ROWS, 4) float32, y (ROWS,) float32, and the fingerprint."""
    n = np.arange(ROWS * FEATURES, dtype=np.uint64) * np.uint64(TERMS)
    acc = np.zeros(ROWS * FEATURES, dtype=np.float64)
    for k in range(TERMS):  # left to right, as the C# loop sums (numpy's sum would add pairwise)
        acc = acc + uniform(FEATURE_SEED, n + np.uint64(k))
    x = (acc - 6.0).astype(np.float32).reshape(ROWS, FEATURES)
    x0, x1, x2, x3 = (x[:, j].astype(np.float64) for j in range(FEATURES))
    s = 0.9 * x0 - 0.7 * x1 + 0.5 * x2 + 0.3 * x3 + 0.8 * (x0 * x1) - 0.6 * np.abs(x2) + 0.5 * (x3 * x3 - 1.0) + 0.4
    p = 0.5 + 0.5 * s / (1.0 + np.abs(s))
    y = (uniform(LABEL_SEED, np.arange(ROWS, dtype=np.uint64)) < p).astype(np.float32)
    fingerprint = hashlib.sha256(x.tobytes() + y.tobytes()).hexdigest()[:16]
    return x, y, fingerprint


class StreamingAuc:
    """Keras's AUC (ROC, evenly spaced thresholds, interpolation), its state as per-bucket counts."""

    def __init__(self, num_thresholds=NUM_THRESHOLDS):
        self.n = num_thresholds
        self.reset()

    def reset(self):
        self.tp = torch.zeros(self.n, dtype=torch.float64)
        self.fp = torch.zeros(self.n, dtype=torch.float64)

    def update(self, y_true, y_pred):
        """y_true: 0/1 labels, y_pred: probabilities, both flat."""
        with torch.no_grad():
            bucket = (torch.ceil(y_pred.clamp(0.0, 1.0) * (self.n - 1)) - 1).clamp_(min=0).long()
            t = y_true.to(torch.float64)
            self.tp += torch.bincount(bucket, weights=t, minlength=self.n)
            self.fp += torch.bincount(bucket, weights=1.0 - t, minlength=self.n)

    def result(self):
        with torch.no_grad():
            tp = torch.flip(torch.cumsum(torch.flip(self.tp, (0,)), 0), (0,))
            fp = torch.flip(torch.cumsum(torch.flip(self.fp, (0,)), 0), (0,))
            # Threshold 0 (-epsilon) counts every row: recall and the false-positive rate are 1 there.
            recall = torch.nan_to_num(tp / tp[0])
            fpr = torch.nan_to_num(fp / fp[0])
            return torch.sum((fpr[:-1] - fpr[1:]) * (recall[:-1] + recall[1:]) / 2)


def model_w4():
    layers = []
    width = FEATURES
    for _ in range(DEPTH):
        layers += [nn.Linear(width, HIDDEN), nn.ReLU(), nn.Dropout(DROPOUT)]
        width = HIDDEN
    layers.append(nn.Linear(width, 1))
    model = nn.Sequential(*layers)
    for m in model:
        if isinstance(m, nn.Linear):  # Keras's defaults: glorot_uniform kernels, zero biases
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return model


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def blas_library():
    """The BLAS shared object actually mapped into this process (torch's addmm calls it)."""
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(p) for p in paths)
    except OSError:
        return []


def cpu_capability():
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return None


def best_of(repeats, run):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def restore(model, initial):
    with torch.no_grad():
        for p, p0 in zip(model.parameters(), initial):
            p.copy_(p0)


def run(threads, x, y, step_repeats, epoch_repeats):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = model_w4()
    model.train()
    initial = [p.detach().clone() for p in model.parameters()]
    loss_fn = nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    auc = StreamingAuc()
    y_smooth = y * (1.0 - LABEL_SMOOTHING) + 0.5 * LABEL_SMOOTHING

    def step(xb, yb, yb_smooth):
        opt.zero_grad()
        logits = model(xb)
        loss = loss_fn(logits, yb_smooth)
        loss.backward()
        opt.step()
        auc.update(yb.view(-1), torch.sigmoid(logits.detach()).view(-1))
        return loss.detach(), auc.result()

    # (a) one step on a fixed batch.
    xb, yb, ybs = x[:BATCH].contiguous(), y[:BATCH].contiguous(), y_smooth[:BATCH].contiguous()
    for _ in range(30):  # warm-up; also allocates Adam's state
        step(xb, yb, ybs)
    restore(model, initial)
    auc.reset()

    def steps():
        for i in range(1, STEPS + 1):
            if i % RESTORE_EVERY == 0:
                restore(model, initial)
                auc.reset()
            step(xb, yb, ybs)

    step_ms = best_of(step_repeats, steps) / STEPS * 1e3

    # (b) one epoch over all rows, shuffled.
    last = {}

    def epoch():
        restore(model, initial)
        auc.reset()
        perm = torch.randperm(ROWS)
        loss_sum = torch.zeros((), dtype=torch.float64)
        result = None
        for start in range(0, ROWS, BATCH):
            idx = perm[start:start + BATCH]
            loss, result = step(x[idx], y[idx], y_smooth[idx])
            loss_sum += loss * idx.shape[0]
        last["loss"] = loss_sum.item() / ROWS
        last["auc"] = result.item()

    epoch_s = best_of(epoch_repeats, epoch)
    torch.set_num_threads(1)
    step_flops = FLOPS_PER_ROW * BATCH
    return {"threads": threads, "step_ms": step_ms, "step_gflops": step_flops / (step_ms * 1e6),
            "epoch_s": epoch_s, "epoch_ms_per_step": epoch_s / (ROWS // BATCH) * 1e3,
            "epoch_gflops": FLOPS_PER_ROW * ROWS / (epoch_s * 1e9),
            "epoch_train_loss": last["loss"], "epoch_train_auc": last["auc"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per step figure; the best is reported (default 5)")
    parser.add_argument("--epoch-repeats", type=int, default=3, help="runs per epoch figure (default 3)")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2], help="thread counts (default: 1 2)")
    args = parser.parse_args()

    torch.set_num_interop_threads(1)
    torch.set_num_threads(1)
    load_start = loadavg()
    xn, yn, fingerprint = make_data()
    x = torch.from_numpy(xn)
    y = torch.from_numpy(yn).view(ROWS, 1)
    results = [run(t, x, y, args.repeats, args.epoch_repeats) for t in args.threads]

    out = {"torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version(),
           "cpu_capability": cpu_capability(), "blas": blas_library(),
           "repeats": args.repeats, "epoch_repeats": args.epoch_repeats,
           "data_fingerprint": fingerprint, "positive_fraction": float(yn.mean(dtype=np.float64)),
           "flops_per_row": FLOPS_PER_ROW,
           "loadavg_start": load_start, "loadavg_end": loadavg(), "W4": results}

    print(f"PyTorch {torch.__version__}, python {platform.python_version()}, ATen CPU capability "
          f"{out['cpu_capability']}, BLAS {', '.join(out['blas']) or '?'}")
    print(f"data: {ROWS} x {FEATURES}, fingerprint {fingerprint} (DeepTabularData.Fingerprint must match), "
          f"positive fraction {out['positive_fraction']:.5f}")
    print(f"best of {args.repeats} (steps) / {args.epoch_repeats} (epochs); {FLOPS_PER_ROW:,} flops per row")
    print(f"{'threads':>7} {'step ms':>9} {'step GFLOP/s':>13} {'epoch s':>9} {'ms/step':>8} {'epoch GFLOP/s':>14}"
          f" {'loss':>7} {'auc':>6}")
    for r in results:
        print(f"{r['threads']:>7} {r['step_ms']:>9.3f} {r['step_gflops']:>13.1f} {r['epoch_s']:>9.3f} "
              f"{r['epoch_ms_per_step']:>8.3f} {r['epoch_gflops']:>14.1f} {r['epoch_train_loss']:>7.4f} "
              f"{r['epoch_train_auc']:>6.4f}")
    print(f"loadavg start {out['loadavg_start']}, end {out['loadavg_end']}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
