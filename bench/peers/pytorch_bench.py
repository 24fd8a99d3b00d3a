#!/usr/bin/python3
"""PyTorch peer benchmark for FastDense: the same dense nets, the same data, timed in PyTorch on the CPU.

What it measures (every figure is the best of --repeats runs, 7 by default, timed with time.perf_counter):

  W1 digits model, as the Keras lesson and bench/FastDense.Benchmarks build it:
     64 -> Linear(64) + ReLU -> Linear(10); softmax + categorical cross-entropy as nn.CrossEntropyLoss on the
     logits; Adam(lr=1e-3, eps=1e-7) (Keras's defaults); raw pixel counts 0..16; batch 32; 1 thread.
     (a) train_step_us: one step (zero_grad, forward, loss, backward, optimizer.step) on a fixed batch (the
         first 32 training rows), in microseconds, averaged over 2000 steps per run. As in TrainStepBench, the
         weights are restored to their initial values every 256 steps (inside the timed loop; a 19 KB copy) so
         the step stays one of early training; Adam's moments carry over.
     (b) fit_10_epochs_ms: a whole fit, in milliseconds: 10 epochs over the 1149 training rows, reshuffled
         every epoch (torch.randperm, rows gathered by index into batches of 32, the last batch 29 rows), and
         after each epoch a forward pass, loss and accuracy over the 288 validation rows. Per-epoch training
         loss and accuracy are accumulated too, as a History would. Each run starts from the same initial
         weights with a new Adam.
  W2 Fashion-MNIST MLP: 784 -> Linear(256) + ReLU -> Linear(128) + ReLU -> Linear(10), cross-entropy on the
     logits, Adam(lr=1e-3, eps=1e-7), batch 128, pixels / 255.0. One epoch over the 60000 training images
     (reshuffled, gathered by index, 469 steps, the last 96 rows), in samples per second, with
     torch.set_num_threads(1) and with torch.set_num_threads(2). Each run starts from the same initial weights
     with a new Adam. Loading and decoding the IDX files is not timed.
  W3 digits model after the fit of W1(b), model.eval() under torch.inference_mode(), 1 thread and 2 threads, eager
     and as TorchScript (torch.jit.freeze(torch.jit.script(model))), the better of the two reported:
     predict_one_us: model(x) for one digit, shape (1, 64), averaged over 20000 calls per run;
     predict_all_us: model(X) for all 1797 digits in one call, averaged over 200 calls per run.
     Outputs are the logits (softmax is not applied: argmax needs none; FastDense's Predict does apply it).

Data: ../shared/data/digits.csv.gz beside the repository (64 pixels then the label per line, 1797 rows). A permutation seeded with
42 (numpy.random.default_rng(42)) puts 1437 rows first: the "training" part, of which the first 1149 train and
the last 288 validate (Keras's validation_split=0.2 takes the end). This is not the row order FastDense's own
TrainTestSplit(seed 42) draws; the sizes, and so the work, are the same. Fashion-MNIST: the IDX gz files in
--fashion-dir (default ../shared/data/fashion-mnist beside the repository).

Run (Debian's python3-torch is for the system python, not a pyenv one), from the repository root:

    /usr/bin/python3 bench/peers/pytorch_bench.py [--fashion-dir PATH] [--repeats N] [--skip-fashion]

It takes a few minutes. It prints a table, then the figures as one JSON object on the last line of stdout.
Take numbers on an idle machine (the load averages from /proc/loadavg at start and end are in the JSON).
BLAS matters more than anything else here. Debian's torch does its Linear layers (addmm) with sgemm_ from whatever
libblas.so.3 resolves to, and the JSON records which one was mapped. Installing python3-torch pulls in libblas3 only,
the unoptimized netlib reference BLAS (loops, no blocking): with it, the large-batch workloads (W2, W3 all rows) run
13 to 20 times slower than with OpenBLAS. To measure with OpenBLAS without changing the system's BLAS alternative,
unpack Debian's OpenMP build (whose threads follow torch.set_num_threads) into a private folder:

    cd /tmp && mkdir -p obl && cd obl && apt-get download libopenblas0-openmp && dpkg -x libopenblas0-openmp_*.deb root
    LD_LIBRARY_PATH=/tmp/obl/root/usr/lib/x86_64-linux-gnu/openblas-openmp /usr/bin/python3 bench/peers/pytorch_bench.py

ATen's own kernels (elementwise ops, Adam, softmax) can dispatch to a lower SIMD level than the CPU has: Debian's
torch 1.13 reports "CPU capability usage: AVX2" on an AVX-512 Zen 4. The JSON records it as cpu_capability.
"""

import argparse
import gzip
import json
import os
import platform
import struct
import time

import numpy as np
import torch
from torch import nn

# The shared data folder sits beside the repository: <repo>/../shared/data.
_SHARED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
DIGITS = os.path.normpath(os.path.join(_SHARED, "digits.csv.gz"))
FASHION = os.path.normpath(os.path.join(_SHARED, "fashion-mnist"))
SEED = 42
TRAIN_ROWS, FIT_ROWS = 1437, 1149
DIGITS_BATCH, FASHION_BATCH = 32, 128
STEPS, RESTORE_EVERY = 2000, 256
EPOCHS = 10
PREDICT_ONE_CALLS, PREDICT_ALL_CALLS = 20000, 200


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
    """The SIMD level ATen's own kernels dispatch to (torch 1.13 reports it only in its build summary)."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return None


def best_of(repeats, run):
    """Runs run() `repeats` times and returns the smallest elapsed time in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def load_digits():
    data = np.loadtxt(gzip.open(DIGITS, "rt"), delimiter=",", dtype=np.float32)
    assert data.shape == (1797, 65), data.shape
    x = torch.from_numpy(np.ascontiguousarray(data[:, :64]))
    y = torch.from_numpy(data[:, 64].astype(np.int64))
    order = torch.from_numpy(np.random.default_rng(SEED).permutation(len(data))[:TRAIN_ROWS])
    x_train, y_train = x[order].contiguous(), y[order].contiguous()
    return x, y, x_train, y_train


def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    got, count = struct.unpack(">II", raw[:8])
    assert got == magic, f"{path}: magic {got}, expected {magic}"
    if magic == 2051:
        rows, cols = struct.unpack(">II", raw[8:16])
        return np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return np.frombuffer(raw, dtype=np.uint8, offset=8)


def load_fashion(folder):
    images = read_idx(os.path.join(folder, "train-images-idx3-ubyte.gz"), 2051)
    labels = read_idx(os.path.join(folder, "train-labels-idx1-ubyte.gz"), 2049)
    assert images.shape == (60000, 784) and labels.shape == (60000,)
    x = torch.from_numpy(images.astype(np.float32) / np.float32(255.0))
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def digits_model():
    return nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))


def fashion_model():
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)


def restore(model, initial):
    with torch.no_grad():
        for p, p0 in zip(model.parameters(), initial):
            p.copy_(p0)


def train_epoch(model, opt, loss_fn, x, y, batch):
    """One shuffled epoch; returns (loss sum, correct) as tensors, read once at the end as a History would."""
    model.train()
    n = x.shape[0]
    perm = torch.randperm(n)
    loss_sum = torch.zeros(())
    correct = torch.zeros((), dtype=torch.int64)
    for start in range(0, n, batch):
        idx = perm[start:start + batch]
        xb, yb = x[idx], y[idx]
        opt.zero_grad()
        logits = model(xb)
        loss = loss_fn(logits, yb)
        loss.backward()
        opt.step()
        with torch.no_grad():
            loss_sum += loss.detach() * idx.shape[0]
            correct += (logits.argmax(1) == yb).sum()
    return loss_sum, correct


def w1(repeats, x_train, y_train):
    torch.manual_seed(0)
    model = digits_model()
    initial = [p.detach().clone() for p in model.parameters()]
    loss_fn = nn.CrossEntropyLoss()

    # (a) one training step on a fixed batch.
    xb, yb = x_train[:DIGITS_BATCH].contiguous(), y_train[:DIGITS_BATCH].contiguous()
    opt = adam(model)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()

    for _ in range(200):  # warm-up; also allocates Adam's state
        step()
    restore(model, initial)

    def steps():
        for i in range(1, STEPS + 1):
            if i % RESTORE_EVERY == 0:
                restore(model, initial)
            step()

    step_us = best_of(repeats, steps) / STEPS * 1e6

    # (b) the lesson's fit: 10 epochs of 1149 rows, validating on 288 after each.
    x_fit, y_fit = x_train[:FIT_ROWS], y_train[:FIT_ROWS]
    x_val, y_val = x_train[FIT_ROWS:], y_train[FIT_ROWS:]
    history = []

    def fit():
        restore(model, initial)
        fit_opt = adam(model)
        history.clear()
        for _ in range(EPOCHS):
            loss_sum, correct = train_epoch(model, fit_opt, loss_fn, x_fit, y_fit, DIGITS_BATCH)
            model.eval()
            with torch.no_grad():
                logits = model(x_val)
                val_loss = loss_fn(logits, y_val)
                val_correct = (logits.argmax(1) == y_val).sum()
            history.append((loss_sum.item() / FIT_ROWS, correct.item() / FIT_ROWS,
                            val_loss.item(), val_correct.item() / len(y_val)))

    fit()  # warm-up
    torch.manual_seed(1)
    fit_ms = best_of(repeats, fit) * 1e3
    return model, {"train_step_us": step_us, "fit_10_epochs_ms": fit_ms,
                   "fit_last_epoch": dict(zip(("loss", "accuracy", "val_loss", "val_accuracy"), history[-1]))}


def w2(repeats, x, y, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = fashion_model()
    initial = [p.detach().clone() for p in model.parameters()]
    loss_fn = nn.CrossEntropyLoss()
    result = {}

    # Warm-up: a few steps, then restore.
    opt = adam(model)
    for start in range(0, 20 * FASHION_BATCH, FASHION_BATCH):
        opt.zero_grad()
        loss_fn(model(x[start:start + FASHION_BATCH]), y[start:start + FASHION_BATCH]).backward()
        opt.step()

    def epoch():
        restore(model, initial)
        loss_sum, correct = train_epoch(model, adam(model), loss_fn, x, y, FASHION_BATCH)
        result["loss"] = loss_sum.item() / len(y)
        result["accuracy"] = correct.item() / len(y)

    seconds = best_of(repeats, epoch)
    torch.set_num_threads(1)
    return {"threads": threads, "epoch_s": seconds, "samples_per_s": len(y) / seconds,
            "epoch_train_loss": result["loss"], "epoch_train_accuracy": result["accuracy"]}


def w3(repeats, model, x_all, y_all, threads=1, labels=("eager", "script"), out=None):
    """Predict with the eager model and with TorchScript (torch.jit.script, frozen), under inference_mode: the best
    of the two is PyTorch's figure."""
    torch.set_num_threads(threads)
    model.eval()
    one = x_all[:1].contiguous()
    out = out if out is not None else {"threads": threads}
    with torch.inference_mode():
        accuracy = (model(x_all).argmax(1) == y_all).float().mean().item()
    # The eager model, or its frozen TorchScript compilation.
    for label in labels:
        net = model if label == "eager" else torch.jit.freeze(torch.jit.script(model))
        with torch.inference_mode():
            for _ in range(1000):
                net(one)
            for _ in range(10):
                net(x_all)

            def predict_one():
                for _ in range(PREDICT_ONE_CALLS):
                    net(one)

            def predict_all():
                for _ in range(PREDICT_ALL_CALLS):
                    net(x_all)

            out[f"predict_one_us_{label}"] = best_of(repeats, predict_one) / PREDICT_ONE_CALLS * 1e6
            out[f"predict_all_us_{label}"] = best_of(repeats, predict_all) / PREDICT_ALL_CALLS * 1e6
    torch.set_num_threads(1)
    if "predict_all_us_eager" not in out or "predict_all_us_script" not in out:
        return out
    out["predict_one_us"] = min(out["predict_one_us_eager"], out["predict_one_us_script"])
    out["predict_all_us"] = min(out["predict_all_us_eager"], out["predict_all_us_script"])
    out["predict_all_ns_per_sample"] = out["predict_all_us"] * 1e3 / len(x_all)
    out["accuracy_all_1797"] = accuracy
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fashion-dir", default=FASHION, help="folder with the Fashion-MNIST IDX .gz files")
    parser.add_argument("--repeats", type=int, default=7, help="runs per figure; the best is reported (default 7)")
    parser.add_argument("--skip-fashion", action="store_true", help="skip W2")
    args = parser.parse_args()

    torch.set_num_interop_threads(1)
    torch.set_num_threads(1)
    load_start = loadavg()

    x_all, y_all, x_train, y_train = load_digits()
    model, r1 = w1(args.repeats, x_train, y_train)
    # The eager figures first, then TorchScript's (compiled once per thread count).
    r3 = w3(args.repeats, model, x_all, y_all, labels=("eager",))
    r3_2 = w3(args.repeats, model, x_all, y_all, threads=2, labels=("eager",))
    r3 = w3(args.repeats, model, x_all, y_all, labels=("script",), out=r3)
    r3_2 = w3(args.repeats, model, x_all, y_all, threads=2, labels=("script",), out=r3_2)
    r2 = []
    if not args.skip_fashion:
        fx, fy = load_fashion(args.fashion_dir)
        r2 = [w2(args.repeats, fx, fy, threads) for threads in (1, 2)]

    out = {
        "torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version(),
        "cpu_capability": cpu_capability(),
        "blas": blas_library(), "repeats": args.repeats,
        "loadavg_start": load_start, "loadavg_end": loadavg(),
        "W1": r1, "W2": r2, "W3": r3, "W3_2threads": r3_2,
    }

    print(f"PyTorch {torch.__version__}, python {platform.python_version()}, best of {args.repeats}, "
          f"ATen CPU capability {out['cpu_capability']}, BLAS {', '.join(out['blas']) or '?'}")
    print(f"{'workload':<52} {'figure':>14}")
    rows = [
        ("W1a digits train step, batch 32, 1 thread", f"{r1['train_step_us']:.2f} us"),
        ("W1b digits fit, 10 epochs x 1149 + val 288, 1 thread", f"{r1['fit_10_epochs_ms']:.2f} ms"),
        ("W3 digits predict one sample, 1 thread", f"{r3['predict_one_us']:.2f} us"),
        ("W3 digits predict all 1797, 1 thread", f"{r3['predict_all_us']:.1f} us"),
        ("W3 digits predict all 1797, 2 threads", f"{r3_2['predict_all_us']:.1f} us"),
    ]
    for r in r2:
        rows.append((f"W2 Fashion-MNIST epoch, batch 128, {r['threads']} thread(s)",
                     f"{r['samples_per_s']:.0f} samples/s"))
    for name, figure in rows:
        print(f"{name:<52} {figure:>14}")
    last = r1["fit_last_epoch"]
    print(f"checks: digits fit last epoch val_accuracy {last['val_accuracy']:.3f}, "
          f"accuracy on all 1797 {r3['accuracy_all_1797']:.3f}"
          + "".join(f"; fashion {r['threads']}t epoch train accuracy {r['epoch_train_accuracy']:.3f}" for r in r2))
    print(f"loadavg start {out['loadavg_start']}, end {out['loadavg_end']}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
