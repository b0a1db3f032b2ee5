#!/usr/bin/env bash
# Runs `emuflow bench-ml` and bench/torch_mlp.py on the same network and data shape, alternately for N rounds, and
# prints a per-round table (epoch wall and process CPU seconds, DL4J/PyTorch ratios, batch inference when timed)
# followed by the medians.
# Usage: bench/compare_ml.sh [rounds] [args for both, e.g. --samples 50000 --epochs 1 --skip-inference]
# Environment: LAYERS=fast|stock (DL4J layer implementation, default fast), OMP_NUM_THREADS (default 2),
# OUT=dir to keep the JSON of every run, TASKSET_CPUS (e.g. 0,1) to pin both to the same cores. Both get
# OMP_WAIT_POLICY=PASSIVE and, on AVX-512 CPUs, OPENBLAS_CORETYPE=SKYLAKEX (as bin/emuflow sets it; OpenBLAS
# 0.3.19/0.3.21 do not know recent Xeons).
# Needs the tools jar (or EMUFLOW=...), Debian's python3-torch, and libopenblas0-pthread (else torch uses the
# reference BLAS and is about 10x slower: see docs/benchmarks.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compare_lib.sh"
rounds="${1:-2}"; shift || true
layers="${LAYERS:-fast}"
compare_setup
export EMUFLOW_JAVA_OPTS="${EMUFLOW_JAVA_OPTS:---add-modules jdk.incubator.vector}"
echo "# DL4J layers=$layers, threads=$threads, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}, args: $*, JSON in $out"
dl4j=("$emuflow" bench-ml --layers "$layers")
torch=(/usr/bin/python3 "$here/torch_mlp.py" --threads "$threads")
compare_rounds "$rounds" "$@"
compare_table "$rounds"
