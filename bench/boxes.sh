#!/usr/bin/env bash
# Cost of saving 21-cm boxes (docs/benchmarks.md, "21-cm boxes"): 100 reion21cm samples at 64^3 / 128 Mpc, z = 8,
# with and without save_boxes, through simulate (one chunk of 100 and two of 50), merge, clean and split.
# Usage: bench/boxes.sh [workdir]   (needs the tools jar: mvn -B -q -f pipeline-tools/pom.xml package -DskipTests)
set -euo pipefail
emuflow="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/emuflow"
work="${1:-$(mktemp -d)}"
mkdir -p "$work" && cd "$work"
uptime
for mode in plain boxes; do
  save=""; [ "$mode" = boxes ] && save="save_boxes: [brightness_temperature], "
  mkdir -p "$mode/splits" && cd "$mode"
  cat > study.yaml <<YAML
name: reion21cm-inverse
kind: inverse
samples: 100
parameters:
  - {name: HII_EFF_FACTOR, units: "",        lower: 5.0, upper: 200.0}
  - {name: ION_Tvir_MIN,   units: "log10 K", lower: 4.0, upper: 6.0}
  - {name: R_BUBBLE_MAX,   units: Mpc,       lower: 5.0, upper: 20.0}
simulator:
  name: reion21cm
  settings: {${save}hii_dim: 64, box_length: 128.0, redshifts: [8], seed: 1, fields: 0, ic_oversampling: 3, poisson: true}
target: delta2_z8
cleaning: {policy: drop-columns, max_removed_fraction: 0.1}
split: {train: 0.8, validation: 0.1, test: 0.1, std_floor: 1.0e-3}
models:
  - {name: dense-regressor, network: dense, task: regression, inputs: [delta2_z8], hidden_layers: [8], max_epochs: 2, patience: 2}
YAML
  "$emuflow" sample --study study.yaml --seed 1 --out samples.h5 --study-out study.json 2>/dev/null
  t() { /usr/bin/time -f "$mode $1: %e s wall, %U+%S s CPU, %M KB peak" "${@:2}" 2>&1 | grep -v INFO || true; }
  t "simulate 100" "$emuflow" simulate --study study.json --samples samples.h5 --chunk 0 --chunk-size 100 --threads 2 --out chunk-all.h5
  for c in 0 1; do
    t "simulate chunk $c of 50" "$emuflow" simulate --study study.json --samples samples.h5 --chunk $c --chunk-size 50 --threads 2 --out chunk-$c.h5
  done
  t merge "$emuflow" merge --out merged.h5 chunk-0.h5 chunk-1.h5
  t clean "$emuflow" clean --study study.json --in merged.h5 --out clean.h5 --report clean.json
  t split "$emuflow" split --study study.json --in clean.h5 --seed 1 --out-dir splits
  ls -l ./*.h5 splits/*.h5
  cd ..
done
uptime
