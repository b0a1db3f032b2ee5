# Shared by bench/compare_ml.sh and bench/compare_cnn3d.sh (source it; it runs nothing by itself): the environment
# both sides get, the alternating rounds, and the table of per-round figures and medians.

# Sets threads, pin, emuflow and out, and exports the threading environment of both sides: OMP_NUM_THREADS (default
# 2), OMP_WAIT_POLICY=PASSIVE and, on AVX-512 CPUs, OPENBLAS_CORETYPE=SKYLAKEX (as bin/emuflow sets it; OpenBLAS
# 0.3.19/0.3.21 do not know recent Xeons). Both sides are pinned to the same cores when TASKSET_CPUS is set.
compare_setup() {
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  threads="${OMP_NUM_THREADS:-2}"
  export OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY=PASSIVE
  if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
    export OPENBLAS_CORETYPE=SKYLAKEX
  fi
  pin=()
  if [ -n "${TASKSET_CPUS:-}" ]; then pin=(taskset -c "$TASKSET_CPUS"); fi
  emuflow="${EMUFLOW:-$here/../bin/emuflow}"
  out="${OUT:-$(mktemp -d)}"
  mkdir -p "$out"
}

# compare_rounds ROUNDS [args for both sides]: runs the command in the array dl4j, then the one in the array torch,
# ROUNDS times, each with the args; writes $out/dl4j-R.json, $out/torch-R.json and the 1-minute load before and
# after each round to $out/load-R.txt.
compare_rounds() {
  local rounds="$1"; shift
  local r
  for r in $(seq "$rounds"); do
    echo "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/load-$r.txt"
    "${pin[@]}" "${dl4j[@]}" "$@" 2>/dev/null > "$out/dl4j-$r.json"
    "${pin[@]}" "${torch[@]}" "$@" > "$out/torch-$r.json"
    echo "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load-$r.txt"
  done
}

# compare_table ROUNDS [UNIT]: the markdown table of the rounds in $out: epoch wall and process CPU seconds of both
# sides and their ratios, and batch inference where DL4J's JSON has it; UNIT is appended to the names of the
# seconds columns (e.g. " s").
compare_table() {
  /usr/bin/python3 - "$out" "$1" "${2:-}" <<'PY'
import json, statistics, sys
out, rounds, unit = sys.argv[1], int(sys.argv[2]), sys.argv[3]
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
cols = [("dw", f"DL4J wall{unit}"), ("dc", f"DL4J CPU{unit}"), ("tw", f"PyTorch wall{unit}"), ("tc", f"PyTorch CPU{unit}"),
        ("rw", "ratio wall"), ("rc", "ratio CPU"), ("db", "DL4J batch 10k"), ("tb", "PyTorch batch 10k"), ("rb", "ratio batch")]
cols = [c for c in cols if c[0] in rows[0]]
print("| round | load (1 min, start -> end) | " + " | ".join(name for _, name in cols) + " |")
print("|---|---|" + "---|" * len(cols))
for row in rows:
    print(f"| {row['round']} | {row['load']} | " + " | ".join(f"{row[k]:.3f}" for k, _ in cols) + " |")
print("| median | | " + " | ".join(f"{statistics.median(row[k] for row in rows):.3f}" for k, _ in cols) + " |")
PY
}
