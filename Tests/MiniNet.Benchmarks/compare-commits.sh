#!/usr/bin/env bash
# Epoch times of the MNIST-lite sample at two commits, run interleaved in one sitting (the same data and options), so a
# change can be checked for a speed regression. Builds each commit in Release in a temporary git worktree.
# Prints, per model, the median over runs of each run's median epoch time, the test accuracy and the ratio NEW/OLD.
# Usage: Tests/MiniNet.Benchmarks/compare-commits.sh OLD NEW [RUNS=5] [EPOCHS=5] [THREADS=1] [MODELS="mlp cnn"] [BATCH=64]
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1; new=$2; runs=${3:-5}; epochs=${4:-5}; threads=${5:-1}; models=${6:-mlp cnn}; batch=${7:-64}
root=$(pwd); work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/old" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$work/new" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for side in old new; do
  git worktree add -q --detach "$work/$side" "${!side}"
  dotnet build -c Release "$work/$side/Samples/MnistLite" >/dev/null
done
echo "$(date -u '+%F %H:%M') UTC; $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')); old $(git rev-parse --short "$old"), new $(git rev-parse --short "$new"); $runs runs x $epochs epochs, batch $batch, $threads thread(s)"
for run in $(seq "$runs"); do
  for model in $models; do
    if [ "$model" = cnn ]; then lr=0.05; else lr=0.1; fi
    for side in old new; do
      dotnet "$work/$side/Samples/MnistLite/bin/Release/net10.0/MnistLite.dll" \
        --train "$root/data/mnist-lite/train.csv.gz" --test "$root/data/mnist-lite/test.csv.gz" --model "$model" --lr "$lr" \
        --momentum 0.9 --batch "$batch" --epochs "$epochs" --threads "$threads" --validation-split 0 \
        --json "$work/$side-$model-$run.json" --plot "$work/curves.png" >/dev/null
    done
  done
done
python3 - "$work" $models <<'PY'
import glob, json, os, statistics, sys
work, models = sys.argv[1], sys.argv[2:]
def runs(side, model):
    out = []
    for path in sorted(glob.glob(os.path.join(work, f"{side}-{model}-*.json"))):
        d = json.loads(open(path).read().strip().splitlines()[-1])
        out.append((statistics.median(d["epoch_seconds"]), d["test_accuracy"]))
    return out
print("| model | old s/epoch | new s/epoch | new/old | old test acc. | new test acc. |")
print("|---|---|---|---|---|---|")
for m in models:
    o, n = runs("old", m), runs("new", m)
    om, nm = statistics.median(x for x, _ in o), statistics.median(x for x, _ in n)
    print(f"| {m} | {om:.4f} | {nm:.4f} | {nm / om:.3f} | {o[0][1]:.4f} | {n[0][1]:.4f} |")
PY
