#!/usr/bin/env bash
# Data-parallel benchmark: the MNIST-lite sample on Fashion-MNIST (all 60,000 training images, --validation-split 0, the
# 784-128-10 MLP, SGD lr 0.01 momentum 0.9, global batch BATCH) as 1 process with 1 thread, 1 process with 2 threads, and 2
# ranks of 1 thread each under MPICH's mpiexec (--distributed), interleaved, RUNS times each. Prints, per setting, the
# median over runs of each run's median epoch time (the sample's --json epoch_seconds: training alone, no loading or
# evaluation) and, for the ranks, the median time per step that rank 0 spent in the all-reduce. Needs MPICH and python3.
# FASHION is the folder of the Fashion-MNIST IDX files (train-images-idx3-ubyte.gz and the others, as Debian's package
# dataset-fashion-mnist installs them).
# Usage: Tests/MiniNet.Benchmarks/distributed.sh FASHION [RUNS=3] [EPOCHS=3] [BATCH=64]
set -euo pipefail
fashion=$(realpath "$1"); runs=${2:-3}; epochs=${3:-3}; batch=${4:-64}
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
dotnet build -c Release Samples/MnistLite >/dev/null
sample=Samples/MnistLite/bin/Release/net10.0/MnistLite.dll
options="--train $fashion/train-images-idx3-ubyte.gz --test $fashion/t10k-images-idx3-ubyte.gz --lr 0.01 --batch $batch --epochs $epochs --validation-split 0 --plot $out/curves.png"
echo "$(date -u '+%F %H:%M') UTC, $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs x $epochs epochs, batch $batch"
for run in $(seq "$runs"); do
  dotnet "$sample" $options --threads 1 --json "$out/one-thread-$run.json" >/dev/null
  dotnet "$sample" $options --threads 2 --json "$out/two-threads-$run.json" >/dev/null
  mpiexec.mpich -n 2 dotnet "$sample" $options --distributed --threads 1 --json "$out/two-ranks-$run.json" >/dev/null
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, statistics, sys, glob, os
out = sys.argv[1]
print("| setting | s/epoch (median of runs) | each run's median | all-reduce ms/step (rank 0) | test accuracy |")
print("|---|---|---|---|---|")
for name, label in [("one-thread", "1 process, 1 thread"), ("two-threads", "1 process, 2 threads"), ("two-ranks", "2 ranks x 1 thread (mpiexec -n 2)")]:
    runs = [json.load(open(path)) for path in sorted(glob.glob(os.path.join(out, name + "-*.json")))]
    epoch = [statistics.median(run["epoch_seconds"]) for run in runs]
    reduce = [run["allreduce_seconds_per_step"] for run in runs if run["allreduce_seconds_per_step"] is not None]
    reduce_text = f"{statistics.median(reduce) * 1000:.3f} ({', '.join(f'{r * 1000:.3f}' for r in reduce)})" if reduce else "-"
    print(f"| {label} | {statistics.median(epoch):.3f} | {', '.join(f'{e:.3f}' for e in epoch)} | {reduce_text} | {runs[0]['test_accuracy']:.4f} |")
PY
rm -r "$out"
