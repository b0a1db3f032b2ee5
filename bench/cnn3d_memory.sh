#!/usr/bin/env bash
# Peak memory (maximum resident set, /usr/bin/time -v) of `emuflow train-inverse` on a cnn3d model against the number
# of boxes (docs/benchmarks.md "3D CNN"): toy datasets of N rows of three 32^3 channels (bench/MakeBoxes.java), one
# epoch. Boxes are streamed from the HDF5 file a minibatch at a time, so the peak should not grow with N.
# Usage: bench/cnn3d_memory.sh workdir MODEL N [N ...]   MODEL: small (conv 4,8,8, dense 32) or reference
# Needs the tools jar (mvn -B -q -f pipeline-tools/pom.xml package -DskipTests).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
emuflow="$here/../bin/emuflow"
jar="${EMUFLOW_JAR:-$here/../pipeline-tools/target/emuflow-tools.jar}"
work="$1"; model="$2"; shift 2
mkdir -p "$work" && cd "$work"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" OMP_WAIT_POLICY=PASSIVE
cat > study.yaml <<YAML
name: box-bench
kind: inverse
samples: 100
parameters:
  - {name: Omega_m, lower: 0.1, upper: 0.5}
  - {name: sigma_8, lower: 0.6, upper: 1.0}
simulator: {name: none}
target: none
split: {train: 0.8, validation: 0.1, test: 0.1}
models:
  - {name: small, network: cnn3d, boxes: [nhalo, mass, speed], conv_filters: [4, 8, 8], hidden_layers: [32], max_epochs: 1}
  - {name: reference, network: cnn3d, boxes: [nhalo, mass, speed], max_epochs: 1}
YAML
[ -f validation.h5 ] || java -cp "$jar" "$here/MakeBoxes.java" 64 32 validation.h5
echo "| model | boxes | file GB | peak RSS MB | wall (one epoch + start) |"
echo "|---|---|---|---|---|"
for n in "$@"; do
  [ -f "train-$n.h5" ] || java -cp "$jar" "$here/MakeBoxes.java" "$n" 32 "train-$n.h5"
  sync
  /usr/bin/time -v "$emuflow" train-inverse --study study.yaml --train "train-$n.h5" --validation validation.h5 \
      --model "$model" --seed 1 --out "model-$model-$n" 2> "time-$model-$n.txt" >/dev/null
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "time-$model-$n.txt")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "time-$model-$n.txt")
  gb=$(python3 -c "import os; print(round(os.path.getsize('train-$n.h5') / 1e9, 2))")
  echo "| $model | $n | $gb | $((rss / 1024)) | $wall |"
  rm -rf "model-$model-$n" "model-$model-$n.prov.json"
done
