#!/usr/bin/env bash
# Runs `emuflow bench-ml` and bench/torch_mlp.py on the same network and data shape, alternately for N rounds, and
# prints a per-round table (epoch wall and process CPU seconds, DL4J/PyTorch ratios, batch inference when timed)
# followed by the medians.
# Usage: bench/compare_ml.sh [rounds] [args for both, e.g. --samples 50000 --epochs 1 --skip-inference]
# Environment: LAYERS=fast|stock (DL4J layer implementation, default fast), OMP_NUM_THREADS (default 2),
# OUT=dir to keep the JSON of every run. Both get OMP_WAIT_POLICY=PASSIVE and, on AVX-512 CPUs,
# OPENBLAS_CORETYPE=SKYLAKEX (as bin/emuflow sets it; OpenBLAS 0.3.19/0.3.21 do not know recent Xeons).
# Needs the tools jar (or EMUFLOW=...), Debian's python3-torch, and libopenblas0-pthread (else torch uses the
# reference BLAS and is about 10x slower: see docs/benchmarks.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${1:-2}"; shift || true
threads="${OMP_NUM_THREADS:-2}"
layers="${LAYERS:-fast}"
export OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY=PASSIVE
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  export OPENBLAS_CORETYPE=SKYLAKEX
fi
emuflow="${EMUFLOW:-$here/../bin/emuflow}"
export EMUFLOW_JAVA_OPTS="${EMUFLOW_JAVA_OPTS:---add-modules jdk.incubator.vector}"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"
echo "# DL4J layers=$layers, threads=$threads, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}, args: $*, JSON in $out"
for r in $(seq "$rounds"); do
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/load-$r.txt"
  "$emuflow" bench-ml --layers "$layers" "$@" 2>/dev/null > "$out/dl4j-$r.json"
  /usr/bin/python3 "$here/torch_mlp.py" --threads "$threads" "$@" > "$out/torch-$r.json"
  echo "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load-$r.txt"
done
/usr/bin/python3 - "$out" "$rounds" <<'EOF'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = []
for r in range(1, rounds + 1):
    d = json.load(open(f"{out}/dl4j-{r}.json"))
    t = json.load(open(f"{out}/torch-{r}.json"))
    load = " -> ".join(l.split()[0] for l in open(f"{out}/load-{r}.txt").read().splitlines())
    row = {"round": r, "load": load}
    if "train_epoch_seconds_median" in d:
        row.update(dw=d["train_epoch_seconds_median"], dc=d["train_epoch_cpu_seconds_median"],
                   tw=t["train_epoch_seconds_median"], tc=t["train_epoch_cpu_seconds_median"])
        row.update(rw=row["dw"] / row["tw"], rc=row["dc"] / row["tc"])
    if "predict_batch_seconds_median" in d:
        row.update(db=d["predict_batch_seconds_median"], tb=t["predict_batch_seconds_median"])
        row.update(rb=row["db"] / row["tb"])
    rows.append(row)
cols = [("dw", "DL4J wall"), ("dc", "DL4J CPU"), ("tw", "PyTorch wall"), ("tc", "PyTorch CPU"), ("rw", "ratio wall"),
        ("rc", "ratio CPU"), ("db", "DL4J batch 10k"), ("tb", "PyTorch batch 10k"), ("rb", "ratio batch")]
cols = [c for c in cols if c[0] in rows[0]]
print("| round | load (1 min, start -> end) | " + " | ".join(name for _, name in cols) + " |")
print("|---|---|" + "---|" * len(cols))
for row in rows:
    print(f"| {row['round']} | {row['load']} | " + " | ".join(f"{row[k]:.3f}" for k, _ in cols) + " |")
print("| median | | " + " | ".join(f"{statistics.median(row[k] for row in rows):.3f}" for k, _ in cols) + " |")
EOF
