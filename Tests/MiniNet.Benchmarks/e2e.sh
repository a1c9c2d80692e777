#!/usr/bin/env bash
# End-to-end benchmark: the MNIST-lite sample (--json) against the TorchSharp/libtorch reference in TorchReference/ here,
# run interleaved in one sitting on the same data files with the same options (the sample with --validation-split 0, so
# both train on all 8,000 digits), RUNS times each per batch size. Prints, per batch size, the median over
# runs of each run's median epoch time, and MiniNet's ratio to the reference. Needs python3 for the medians.
# MODEL is mlp (784-128-10, lr 0.1) or cnn (Keras's simple MNIST convnet, lr 0.05); momentum 0.9 for both.
# Usage: Tests/MiniNet.Benchmarks/e2e.sh [RUNS=7] [EPOCHS=5] [THREADS=2] [BATCHES="32 64 128"] [MODEL=mlp]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}; epochs=${2:-5}; threads=${3:-2}; batches=${4:-32 64 128}; model=${5:-mlp}
if [ "$model" = cnn ]; then lr=0.05; else lr=0.1; fi
reference=Tests/MiniNet.Benchmarks/TorchReference/run.sh
out=$(mktemp -d)
dotnet build -c Release Samples/MnistLite >/dev/null
dotnet build -c Release Tests/MiniNet.Benchmarks/TorchReference >/dev/null
sample=Samples/MnistLite/bin/Release/net10.0/MnistLite.dll
data="--train data/mnist-lite/train.csv.gz --test data/mnist-lite/test.csv.gz --model $model --lr $lr --momentum 0.9"
echo "$(date -u +%F) $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores; $model, $runs runs x $epochs epochs, $threads threads"
for run in $(seq "$runs"); do
  for batch in $batches; do
    dotnet "$sample" $data --batch "$batch" --epochs "$epochs" --threads "$threads" --validation-split 0 --json "$out/mininet-$batch-$run.json" --plot "$out/curves.png" >/dev/null
    "$reference" $data --batch "$batch" --epochs "$epochs" --threads "$threads" --json "$out/torch-$batch-$run.json"
  done
done
python3 - "$out" $batches <<'PY'
import json, statistics, sys, glob, os
out, batches = sys.argv[1], sys.argv[2:]
def runs(prefix):
    values = []
    for path in sorted(glob.glob(os.path.join(out, prefix + "-*.json"))):
        text = open(path).read().strip().splitlines()
        if not text: continue
        d = json.loads(text[-1])
        values.append((statistics.median(d["epoch_seconds"]), d["test_accuracy"]))
    return values
print("| batch | MiniNet s/epoch | libtorch s/epoch | ratio | MiniNet test acc. | libtorch test acc. |")
print("|---|---|---|---|---|---|")
for b in batches:
    m, t = runs(f"mininet-{b}"), runs(f"torch-{b}")
    mm = statistics.median(x for x, _ in m)
    tm = statistics.median(x for x, _ in t)
    print(f"| {b} | {mm:.4f} | {tm:.4f} | {mm / tm:.2f} | {m[0][1]:.4f} | {t[0][1]:.4f} |")
PY
rm -r "$out"
