#!/usr/bin/env bash
# First-call costs that BenchmarkDotNet cannot see (it measures warmed-up calls): starts fresh processes N times and
# prints the median, min and max of
#   (a) the digits lesson, samples/Digits, start to exit (JIT). It has no quiet mode: it prints the summary, Keras's
#       progress lines, the History and the test result (here to /dev/null) and writes history.png (in a temporary
#       folder), so this is the whole lesson, plot included;
#   (b) the first-Fit probe, bench/FastDense.FirstFit, on the JIT: the whole process (which fits 10 times), the time
#       outside its Main (runtime start-up and exit), loading the data, and the first, second and tenth Fit of the
#       lesson's model (10 epochs, batch 32, validation split 0.2, Verbose 0), each on a new model; and of the first
#       Fit, the time the JIT spent compiling and the number of methods it compiled (System.Runtime.JitInfo);
#   (c) the same probe published with NativeAOT (-p:IlcInstructionSet=native), if the publish succeeds here;
#   (d) that NativeAOT probe fitting once, start to exit: the lesson's work (load, split, one Fit) as a NativeAOT
#       process; once as it is and once with DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1, since about 3 ms of it is
#       loading ICU at the process's first culture use (an app setting, InvariantGlobalization, removes it).
# Usage, from anywhere:  bench/first-fit.sh [N]      (N = 21 by default)
# Builds first (Release), then runs the variants round-robin (a, b, c, a, b, c, ...) so that a change in the machine's
# load touches all of them alike, after one untimed run of each (disk cache, first-run effects of the file system).
# The whole process is timed from bash's $EPOCHREALTIME (microseconds, no fork) around the command.
# Results go in docs/benchmarks.md with the machine, the date and the load average this script prints.
set -euo pipefail
export LC_ALL=C   # $EPOCHREALTIME and printf use the locale's decimal point

runs=${1:-21}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

lesson_dll=samples/Digits/bin/Release/net10.0/Digits.dll
probe_dll=bench/FastDense.FirstFit/bin/Release/net10.0/FastDense.FirstFit.dll
probe_aot=bench/FastDense.FirstFit/bin/Release/net10.0/linux-x64/publish/FastDense.FirstFit

echo "building (Release) ..." >&2
dotnet build -c Release samples/Digits -v q -nologo >&2
dotnet build -c Release bench/FastDense.FirstFit -v q -nologo >&2
aot=1
if ! dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=native bench/FastDense.FirstFit -v q -nologo >&2; then
  echo "NativeAOT publish failed: variant (c) skipped" >&2
  aot=0
fi

# The lesson writes history.png into its working folder: give it a temporary one.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A series   # name -> space-separated values in ms

# now_us: microseconds since the epoch, from $EPOCHREALTIME (seconds.microseconds).
now_us() { local t=$EPOCHREALTIME; echo $(( ${t%.*} * 1000000 + 10#${t#*.} )); }

# add NAME VALUE: appends a value (ms) to a series.
add() { series[$1]+="$2 "; }

# field OUTPUT KEY: the value of KEY=value in the probe's line.
field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }

# probe_run LABEL COMMAND...: runs the probe once; records its process time (10 fits), the time outside its Main
# (runtime start-up and exit: process minus the probe's own "main"), load (data), its fit1, fit2, fit10, and the JIT's
# share of fit1 (jit1, ms; methods1, a count; both 0 under NativeAOT and then not reported).
probe_run() {
  local label=$1; shift
  local start end out
  start=$(now_us)
  out=$("$@")
  end=$(now_us)
  add "$label process (10 fits)" "$(awk -v d=$((end - start)) 'BEGIN { printf "%.3f", d / 1000 }')"
  add "$label outside Main" "$(awk -v d=$((end - start)) -v m="$(field "$out" main)" 'BEGIN { printf "%.3f", d / 1000 - m }')"
  for key in load fit1 fit2 fit10; do
    add "$label $key" "$(field "$out" "$key")"
  done
  if [[ $(field "$out" mode) == jit ]]; then
    add "$label fit1: compiling" "$(field "$out" jit1)"
    add "$label fit1: methods compiled" "$(field "$out" methods1)"
  fi
}

lesson_run() {
  local start end
  start=$(now_us)
  (cd "$work" && dotnet "$root/$lesson_dll" >/dev/null)
  end=$(now_us)
  add "(a) lesson process, JIT" "$(awk -v d=$((end - start)) 'BEGIN { printf "%.3f", d / 1000 }')"
}

probe_jit() { probe_run "(b) probe JIT" dotnet "$probe_dll"; }
probe_aot() { probe_run "(c) probe AOT" "$probe_aot"; }

# aot_once LABEL [ENV...]: the NativeAOT probe fitting once, timed start to exit.
aot_once() {
  local label=$1 start end; shift
  start=$(now_us)
  env "$@" "$probe_aot" 1 >/dev/null
  end=$(now_us)
  add "$label" "$(awk -v d=$((end - start)) 'BEGIN { printf "%.3f", d / 1000 }')"
}

echo "warm-up run of each variant (not counted) ..." >&2
(cd "$work" && dotnet "$root/$lesson_dll" >/dev/null)
dotnet "$probe_dll" >/dev/null
if ((aot)); then "$probe_aot" >/dev/null; fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for ((i = 1; i <= runs; i++)); do
  echo "run $i/$runs" >&2
  lesson_run
  probe_jit
  if ((aot)); then
    probe_aot
    aot_once "(d) AOT process, 1 fit"
    aot_once "(d) AOT process, 1 fit, invariant" DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
  fi
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# stats VALUES...: "median min max" of the values (N odd: the middle one; even: the mean of the two middle ones).
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%10.1f %10.1f %10.1f", m, v[1], v[NR] }'
}

echo
echo "FastDense first-Fit harness: $runs fresh processes per variant, $(git rev-parse --short HEAD), .NET SDK $(dotnet --version)"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') ($(nproc) cores, cpu family $(lscpu | sed -n 's/^CPU family: *//p'))"
echo "started $started; load average at start $load_start, at end $load_end"
printf '%-40s %10s %10s %10s\n' "ms" median min max
order=("(a) lesson process, JIT")
for v in "(b) probe JIT" "(c) probe AOT"; do
  order+=("$v process (10 fits)" "$v outside Main" "$v load" "$v fit1" "$v fit1: compiling" "$v fit1: methods compiled" "$v fit2" "$v fit10")
done
order+=("(d) AOT process, 1 fit" "(d) AOT process, 1 fit, invariant")
for name in "${order[@]}"; do
  [[ -n ${series[$name]:-} ]] || continue
  # shellcheck disable=SC2086 # the series is a space-separated list of numbers
  printf '%-40s %s\n' "$name" "$(stats ${series[$name]})"
done
