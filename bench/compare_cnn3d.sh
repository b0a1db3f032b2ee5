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
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-2}"; shift || true
threads="${OMP_NUM_THREADS:-2}"
mode="${MODE:-network}"
export OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY=PASSIVE
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SKYLAKEX
fi
pin=()
if [ -n "${TASKSET_CPUS:-}" ]; then pin=(taskset -c "$TASKSET_CPUS"); fi
emuflow="${EMUFLOW:-$here/../bin/emuflow}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
echo "# DL4J mode=$mode, threads=$threads, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}, CPU: $(lscpu | sed -n 's/^Model name: *//p'), args: $*, JSON in $out"
for r in $(seq "$rounds"); do
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/load-$r.txt"
  "${pin[@]}" "$emuflow" bench-cnn3d --mode "$mode" "$@" 2>/dev/null > "$out/dl4j-$r.json"
  "${pin[@]}" /usr/bin/python3 "$here/torch_cnn3d.py" --threads "$threads" "$@" > "$out/torch-$r.json"
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load-$r.txt"
done
/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = []
for r in range(1, rounds + 1):
    d = json.load(open(f"{out}/dl4j-{r}.json"))
    t = json.load(open(f"{out}/torch-{r}.json"))
    load = " -> ".join(l.split()[0] for l in open(f"{out}/load-{r}.txt").read().splitlines())
    row = dict(round=r, load=load, dw=d["train_epoch_seconds_median"], dc=d["train_epoch_cpu_seconds_median"],
               tw=t["train_epoch_seconds_median"], tc=t["train_epoch_cpu_seconds_median"])
    row.update(rw=row["dw"] / row["tw"], rc=row["dc"] / row["tc"])
    rows.append(row)
cols = [("dw", "DL4J wall s"), ("dc", "DL4J CPU s"), ("tw", "PyTorch wall s"), ("tc", "PyTorch CPU s"), ("rw", "ratio wall"),
        ("rc", "ratio CPU")]
print("| round | load (1 min, start -> end) | " + " | ".join(name for _, name in cols) + " |")
print("|---|---|" + "---|" * len(cols))
for row in rows:
    print(f"| {row['round']} | {row['load']} | " + " | ".join(f"{row[k]:.3f}" for k, _ in cols) + " |")
print("| median | | " + " | ".join(f"{statistics.median(row[k] for row in rows):.3f}" for k, _ in cols) + " |")
PY
