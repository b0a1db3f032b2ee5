#!/usr/bin/env bash
# Issue 18's check that the emulator does not bias a posterior: the same sampler, seed and priors on the same mock,
# once with the emulator as the model and once with the halofit simulator itself; every posterior mean must agree
# within 0.1 sigma and every std within 5%. Prints both wall times and their ratio. Figures: docs/accuracy.md and
# docs/benchmarks.md ("Posterior sampling with the emulator").
#
# Both runs use the same covariance (no emulator-error term), so any difference is the emulator's doing.
#
# usage: bench/infer_compare.sh BUNDLE TRAIN_SPLIT OUT_DIR [extra infer options...]
#   BUNDLE       a pk-emulator bundle (e.g. the infer-mlp of bench/infer-pk.yaml)
#   TRAIN_SPLIT  its training split (train.h5: the prior box)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
emuflow="$here/../bin/emuflow"
bundle=$1; train=$2; out=$3; shift 3
mkdir -p "$out"
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
# the emulator's batches through the Vector API kernels (ml/layers/GatePass), as bench-ml and predict use them
export EMUFLOW_JAVA_OPTS="${EMUFLOW_JAVA_OPTS:---add-modules jdk.incubator.vector}"
# a Planck-like fiducial; P_nl at z = 0.5 and 1 for k = 0.02-0.5/Mpc; 5 Gpc^3 per redshift (VOLUME, Mpc^3), n = 1e-3/Mpc^3
"$emuflow" mock-data --model "$bundle" --param H0=67.5 --param omega_b=0.0224 --param omega_c=0.12 --param ln10As=3.044 \
    --param n_s=0.965 --z 0.5,1.0 --k-min 0.02 --k-max 0.5 --volume "${VOLUME:-5.0e9}" --number-density 1.0e-3 --out "$out/mock.h5"
common=(--model "$bundle" --train "$train" --data "$out/mock.h5" --prior omega_b=gaussian:0.0224:0.0003 --seed 1 "$@")
/usr/bin/time -f "%e s wall (emulator run, JVM included)" "$emuflow" infer "${common[@]}" --out-dir "$out/emulator"
/usr/bin/time -f "%e s wall (simulator run, JVM included)" "$emuflow" infer "${common[@]}" --simulator halofit --threads 2 --out-dir "$out/simulator"
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
e = json.load(open(f"{out}/emulator/posterior.json"))
s = json.load(open(f"{out}/simulator/posterior.json"))
ok = True
print(f"{'parameter':10s} {'mean emu':>12s} {'mean sim':>12s} {'dmean/sigma':>12s} {'std emu':>11s} {'std sim':>11s} {'std ratio-1':>12s}")
for p in e["parameters"]:
    a, b = e["summary"][p], s["summary"][p]
    dm = (a["mean"] - b["mean"]) / b["std"]
    ds = a["std"] / b["std"] - 1
    ok &= abs(dm) < 0.1 and abs(ds) < 0.05
    print(f"{p:10s} {a['mean']:12.6g} {b['mean']:12.6g} {dm:12.4f} {a['std']:11.4g} {b['std']:11.4g} {ds:12.4f}")
te, ts = e["diagnostics"]["seconds"], s["diagnostics"]["seconds"]
print(f"sampling time: emulator {te:.1f} s ({e['diagnostics']['model_rows']} model rows), simulator {ts:.1f} s "
      f"({s['diagnostics']['model_rows']} model rows), ratio {ts / te:.1f}x")
print("converged:", e["converged"], s["converged"], "|", e["message"], "|", s["message"])
print("AGREE (every |dmean| < 0.1 sigma and |std ratio - 1| < 5%)" if ok else "DISAGREE")
sys.exit(0 if ok else 1)
PY
