#!/usr/bin/env bash
# The check before landing: the W1 step (TrainStepBench), the W1 epoch and fit (FitEpochBench), W3 predict
# (PredictBench) and the W2 Fashion-MNIST step (FashionStepBench, when the data set is there) of this working tree
# against a base commit (default: HEAD~1, i.e. the commit before yours once committed; pass another), in one run,
# alternating base / this / base / this so that a change in the machine's load touches both sides alike. Then the
# first Fit in a fresh process, which BenchmarkDotNet cannot see: the first-Fit probe (bench/FastDense.FirstFit) of
# each side in fresh processes, alternating, with the JIT's share of the first Fit (a new method on the first path
# shows as a higher "methods1" however noisy the machine is).
#
#   bench/regression-check.sh [base-commit] [rounds]        (rounds = 2 by default)
#   BENCH_JOB=short bench/regression-check.sh ...            (BenchmarkDotNet's --job: short, or dry to try the script)
#   FIRST_FIT_RUNS=11 bench/regression-check.sh ...          (fresh probe processes per side, 7 by default; 0: none)
#
# The base is checked out into a temporary git worktree (its own obj/ and bin/), built and run there; nothing in this
# tree changes. At the end, one line per benchmark: the median of each side's Means over the rounds and the change.
# A change within the Error columns of the reports is noise; this is a check, the figures for docs/benchmarks.md come
# from the full suites on a quiet machine.
set -euo pipefail
export LC_ALL=C
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base=${1:-HEAD~1}
rounds=${2:-2}
cd "$root"
base_sha=$(git rev-parse --short "$base")
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base_sha" >/dev/null

# The base worktree lives in a temporary folder, where FashionData cannot find the data set by walking up: point both
# sides at the one this tree finds (FashionStepBench fails its setup without it).
if [ -z "${FASTDENSE_FASHION_MNIST:-}" ]; then
  dir=$root
  while [ "$dir" != "/" ]; do
    if [ -d "$dir/shared/data/fashion-mnist" ]; then export FASTDENSE_FASHION_MNIST="$dir/shared/data/fashion-mnist"; break; fi
    dir=$(dirname "$dir")
  done
fi

filters=('*TrainStepBench.TrainStep*' '*FitEpochBench*' '*PredictBench.PredictAll*' '*FashionStepBench*')
echo "base $base_sha against the working tree ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', modified')), $rounds rounds; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# run SIDE TREE ROUND: the suites in TREE, each report's CSV kept as SIDE-ROUND-*.csv
run() {
  local side=$1 tree=$2 round=$3
  echo "== $side, round $round" >&2
  (cd "$tree" && dotnet run -c Release --project bench/FastDense.Benchmarks -- --filter "${filters[@]}" \
    --exporters csv --artifacts "$work/$side-$round" ${BENCH_JOB:+--job "$BENCH_JOB"} >"$work/$side-$round.log" 2>&1) || { tail -n 20 "$work/$side-$round.log" >&2; exit 1; }
}
for round in $(seq 1 "$rounds"); do
  run base "$work/base" "$round"
  run this "$root" "$round"
done

# Each report's CSV has Method and Mean columns (and parameters); key rows by file name + Method + Threads.
python3 - "$work" "$rounds" <<'PY'
import csv, glob, os, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def means(side):
    rows = {}
    for r in range(1, rounds + 1):
        for path in glob.glob(os.path.join(work, f"{side}-{r}", "results", "*-report.csv")):
            suite = os.path.basename(path).split("-report")[0].split(".")[-1]
            for row in csv.DictReader(open(path)):
                mean = row.get("Mean", "").replace(",", "")
                if not mean or mean == "NA": continue
                value, unit = mean.split(" ")
                scale = {"ns": 1, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]
                key = f"{suite}.{row['Method']}"
                rows.setdefault(key, []).append(float(value) * scale)
    return rows
base, this = means("base"), means("this")
print(f"{'benchmark':40} {'base':>12} {'this':>12} {'change':>8}")
for key in sorted(base):
    if key not in this: continue
    b, t = statistics.median(base[key]), statistics.median(this[key])
    def fmt(ns): return f"{ns/1e6:.3f} ms" if ns >= 1e6 else f"{ns/1e3:.2f} us" if ns >= 1e3 else f"{ns:.1f} ns"
    print(f"{key:40} {fmt(b):>12} {fmt(t):>12} {100*(t-b)/b:+7.1f}%")
PY

# The first Fit: each side's probe in fresh processes, alternating; each prints one line of key=value pairs. A base
# older than the probe (5b4aeb2) is skipped; one older than its JIT fields (59bbce8) shows them as "-".
first_fit_runs=${FIRST_FIT_RUNS:-7}
if [ "$first_fit_runs" -gt 0 ]; then
  probe=bench/FastDense.FirstFit
  sides=()
  for side in base this; do
    tree=$([ "$side" = base ] && echo "$work/base" || echo "$root")
    if [ -d "$tree/$probe" ]; then
      (cd "$tree" && dotnet build -c Release "$probe" -v q -nologo >"$work/ff-$side-build.log" 2>&1) || { tail -n 20 "$work/ff-$side-build.log" >&2; exit 1; }
      sides+=("$side")
    else
      echo "first Fit: $side has no $probe, skipped" >&2
    fi
  done
  echo "== first Fit, $first_fit_runs fresh processes per side; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  for ((i = 1; i <= first_fit_runs; i++)); do
    for side in "${sides[@]}"; do
      tree=$([ "$side" = base ] && echo "$work/base" || echo "$root")
      dotnet "$tree/$probe/bin/Release/net10.0/FastDense.FirstFit.dll" 10 >>"$work/ff-$side.txt"
    done
  done
  python3 - "$work" <<'PY'
import os, statistics, sys
work = sys.argv[1]
def fields(side):
    path = os.path.join(work, f"ff-{side}.txt")
    if not os.path.exists(path): return {}
    runs = [dict(pair.split("=", 1) for pair in line.split()) for line in open(path) if line.strip()]
    keys = ["fit1", "jit1", "methods1", "fit2", "fit10", "load"]
    return {k: statistics.median(float(r[k]) for r in runs) for k in keys if all(k in r for r in runs)}
base, this = fields("base"), fields("this")
print()
print(f"{'first Fit, fresh processes (median)':40} {'base':>12} {'this':>12} {'change':>8}")
for key, label, unit in [("fit1", "fit1", "ms"), ("jit1", "fit1: compiling", "ms"), ("methods1", "fit1: methods compiled", ""),
                         ("fit2", "fit2", "ms"), ("fit10", "fit10", "ms"), ("load", "load (data)", "ms")]:
    b, t = base.get(key), this.get(key)
    def fmt(v): return "-" if v is None else (f"{v:.0f}" if unit == "" else f"{v:.1f} {unit}")
    change = f"{100*(t-b)/b:+7.1f}%" if b and t is not None else ""
    print(f"{label:40} {fmt(b):>12} {fmt(t):>12} {change:>8}")
PY
fi
