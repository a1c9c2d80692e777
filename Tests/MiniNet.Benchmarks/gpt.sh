#!/usr/bin/env bash
# The character GPT (Samples/CharGpt, nanoGPT's CPU recipe on the book in data/) against the TorchSharp/libtorch reference
# in TorchReference/ (--model gpt, the same batches, model, optimizer and schedule), run interleaved in one sitting, RUNS
# times each per thread count. Prints, per thread count, each run's time per training iteration and the medians: over all
# iterations (ms_per_iteration) and without the first (steady_ms_per_iteration: the first also compiles MiniNet's kernels,
# ~0.2 s, and warms TorchSharp and libtorch up), and MiniNet's ratio to the reference on both. Needs python3.
# Usage: Tests/MiniNet.Benchmarks/gpt.sh [RUNS=3] [THREADS="1 2"] [ITERATIONS=300] [SEED=1337]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}; threads=${2:-1 2}; iterations=${3:-300}; seed=${4:-1337}
out=$(mktemp -d)
dotnet build -c Release Samples/CharGpt >/dev/null
dotnet build -c Release Tests/MiniNet.Benchmarks/TorchReference >/dev/null
echo "$(date -u +%F) $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores; GPT, $runs runs x $iterations iterations, seed $seed"
for run in $(seq "$runs"); do
  for t in $threads; do
    dotnet Samples/CharGpt/bin/Release/net10.0/CharGpt.dll --iterations "$iterations" --eval-every "$iterations" --eval-batches 2 \
      --generate 0 --seed "$seed" --threads "$t" --json "$out/mininet-$t-$run.json" >/dev/null
    Tests/MiniNet.Benchmarks/TorchReference/run.sh --model gpt --seed "$seed" --iterations "$iterations" --eval-every "$iterations" \
      --threads "$t" --json "$out/torch-$t-$run.json" >/dev/null
  done
done
python3 - "$out" $threads <<'PY'
import json, statistics, sys, glob, os
out, threads = sys.argv[1], sys.argv[2:]
def runs(prefix):
    return [json.loads(open(p).read().strip().splitlines()[-1]) for p in sorted(glob.glob(os.path.join(out, prefix + "-*.json")))]
print("| threads | MiniNet ms/iteration (steady) | libtorch ms/iteration (steady) | ratio (steady) | runs: MiniNet / libtorch, steady |")
print("|---|---|---|---|---|")
for t in threads:
    m, r = runs(f"mininet-{t}"), runs(f"torch-{t}")
    mm, rm = (statistics.median(d["ms_per_iteration"] for d in x) for x in (m, r))
    ms, rs = (statistics.median(d["steady_ms_per_iteration"] for d in x) for x in (m, r))
    each = ", ".join(f'{a["steady_ms_per_iteration"]:.1f} / {b["steady_ms_per_iteration"]:.1f}' for a, b in zip(m, r))
    print(f"| {t} | {mm:.1f} ({ms:.1f}) | {rm:.1f} ({rs:.1f}) | {mm / rm:.2f} ({ms / rs:.2f}) | {each} |")
PY
