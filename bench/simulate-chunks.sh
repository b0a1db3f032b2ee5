#!/usr/bin/env bash
# Simulate-stage throughput against chunk size: one `emuflow simulate` task (a fresh JVM, as Nextflow runs it)
# per chunk size, on the pk-emulator study (200 k values, halofit), with 1 and 2 threads.
# Usage: bench/simulate-chunks.sh [sizes...]   (default: 100 300 1000 3000 10000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes=("${@:-100 300 1000 3000 10000}")
[ $# -gt 0 ] || sizes=(100 300 1000 3000 10000)
max=0; for c in "${sizes[@]}"; do [ "$c" -gt "$max" ] && max=$c; done
dir="$(mktemp -d)"; trap 'rm -rf "$dir"' EXIT
emuflow="$root/bin/emuflow"
"$emuflow" sample --study "$root/conf/studies/pk-emulator.yaml" --samples "$max" --seed 1 \
  --out "$dir/samples.h5" --study-out "$dir/study.json" 2>/dev/null
printf '%-10s %-8s %-10s %-14s %-12s\n' chunk_size threads wall_s samples_per_s peak_rss_MB
for threads in 1 2; do
  for c in "${sizes[@]}"; do
    /usr/bin/time -f '%e %M' -o "$dir/time" "$emuflow" simulate --study "$dir/study.json" --samples "$dir/samples.h5" \
      --chunk 0 --chunk-size "$c" --threads "$threads" --out "$dir/chunk.h5" 2>/dev/null
    read -r wall rss < "$dir/time"
    awk -v c="$c" -v t="$threads" -v w="$wall" -v r="$rss" 'BEGIN { printf "%-10d %-8d %-10.2f %-14.0f %-12.0f\n", c, t, w, c / w, r / 1024 }'
  done
done
