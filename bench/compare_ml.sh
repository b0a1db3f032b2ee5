#!/usr/bin/env bash
# Runs `emuflow bench-ml` and bench/torch_mlp.py on the same network and data shape, alternately, and prints
# both JSON results. Usage: bench/compare_ml.sh [rounds] [extra args for both, e.g. --samples 50000 --epochs 3]
# Needs the tools jar (or EMUFLOW=...), Debian's python3-torch, and libopenblas0-pthread (else torch uses the
# reference BLAS and is about 10x slower: see docs/benchmarks.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-2}"; shift || true
threads="${OMP_NUM_THREADS:-2}"
export OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY=PASSIVE
emuflow="${EMUFLOW:-$here/../bin/emuflow}"
export EMUFLOW_JAVA_OPTS="${EMUFLOW_JAVA_OPTS:---add-modules jdk.incubator.vector}"
for r in $(seq "$rounds"); do
  echo "## round $r, $(date -u +%H:%M:%S), load: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$emuflow" bench-ml "$@" 2>/dev/null
  /usr/bin/python3 "$here/torch_mlp.py" --threads "$threads" "$@"
done
