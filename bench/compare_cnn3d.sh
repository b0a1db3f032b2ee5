#!/usr/bin/env bash
# Runs `emuflow bench-cnn3d` and bench/torch_cnn3d.py on the same 3D CNN (the box-cnn reference network) and data
# shape, alternately for N rounds, and prints a per-round table (epoch wall and process CPU seconds, DL4J/PyTorch
# ratios) followed by the medians.
# Usage: bench/compare_cnn3d.sh [rounds] [args for both, e.g. --samples 500 --epochs 2 --channels 1]
# Environment: OMP_NUM_THREADS (default 2), MODE=network|pipeline (DL4J side, default network), OUT=dir to keep the
# JSON of every run. Both get OMP_WAIT_POLICY=PASSIVE and, on AVX-512 CPUs, OPENBLAS_CORETYPE=SKYLAKEX, and are
# pinned to the same cores with taskset when TASKSET_CPUS is set (e.g. 0,1).
# Needs the tools jar (or EMUFLOW=...) and Debian's python3-torch.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/compare_lib.sh"
rounds="${1:-2}"; shift || true
mode="${MODE:-network}"
compare_setup
echo "# DL4J mode=$mode, threads=$threads, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}, CPU: $(lscpu | sed -n 's/^Model name: *//p'), args: $*, JSON in $out"
dl4j=("$emuflow" bench-cnn3d --mode "$mode")
torch=(/usr/bin/python3 "$here/torch_cnn3d.py" --threads "$threads")
compare_rounds "$rounds" "$@"
compare_table "$rounds" " s"
