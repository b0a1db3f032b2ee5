#!/usr/bin/env bash
# Peak memory (VmHWM of the JVM, polled every 10 s) of `emuflow train-inverse` on a cnn3d model against the number
# of boxes (docs/benchmarks.md "3D CNN"): toy datasets of N rows of three 32^3 channels (bench/make_boxes.py, h5py),
# one epoch, stopped after LIMIT seconds if it has not finished (20,000 boxes take hours on a loaded 2-core machine).
# Boxes are streamed from the HDF5 file a minibatch at a time, so the peak should not grow with N.
# Usage: bench/cnn3d_memory.sh workdir MODEL LIMIT_S N [N ...]   MODEL: small (conv 4,8,8, dense 32) or reference
# Runs the tools jar, or CLASSPATH_OVERRIDE=dir:jar (e.g. pipeline-tools/target/classes in front of an older jar).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${EMUFLOW_JAR:-$here/../pipeline-tools/target/emuflow-tools.jar}"
cp="${CLASSPATH_OVERRIDE:-$jar}"
work="$1"; model="$2"; limit="$3"; shift 3
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
[ -f validation.h5 ] || /usr/bin/python3 "$here/make_boxes.py" 64 32 validation.h5
echo "| model | boxes | file GB | peak RSS MB (VmHWM) | seconds run | CPU s | finished |"
echo "|---|---|---|---|---|---|---|"
for n in "$@"; do
  [ -f "train-$n.h5" ] || /usr/bin/python3 "$here/make_boxes.py" "$n" 32 "train-$n.h5"
  start=$(date +%s)
  java -XX:+UseSerialGC -Dorg.bytedeco.javacpp.cachedir="${HOME:-/tmp}/.javacpp/cache" -cp "$cp" io.emuflow.cli.EmuflowCommand \
      train-inverse --study study.yaml --train "train-$n.h5" --validation validation.h5 --model "$model" --seed 1 \
      --out "model-$model-$n" > "log-$model-$n.txt" 2>&1 &
  pid=$!
  hwm=0; cpu=0; finished=yes
  while kill -0 "$pid" 2>/dev/null; do
    # a process that has ended but is not yet reaped has no VmHWM line: keep the last value read
    now=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$now" ] && hwm="$now" && cpu=$(awk '{print ($14 + $15) / 100}' "/proc/$pid/stat" 2>/dev/null || echo "$cpu")
    if [ $(( $(date +%s) - start )) -ge "$limit" ]; then finished="no (stopped)"; kill "$pid"; break; fi
    sleep 10
  done
  wait "$pid" || true
  gb=$(/usr/bin/python3 -c "import os; print(round(os.path.getsize('train-$n.h5') / 1e9, 2))")
  echo "| $model | $n | $gb | $(( ${hwm:-0} / 1024 )) | $(( $(date +%s) - start )) | $cpu | $finished |"
  rm -rf "model-$model-$n" "model-$model-$n.prov.json"
done
