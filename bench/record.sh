#!/usr/bin/env bash
# The provenance store's recording benchmark (issue 26, docs/benchmarks.md): sidecars recorded per second and
# `audit model` latency on a store of N runs, into an embedded H2 file and into a PostgreSQL 15 server that this
# script starts in a temporary folder (Debian's postgresql package; as the postgres user when run as root).
# Usage: bench/record.sh [RUNS]   (default 100 runs of ten sidecars: 1,000 sidecars)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-100}"
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
tmp=$(mktemp -d)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$bin/initdb" -D "$tmp/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 --locale=C -E UTF8 >/dev/null
as_pg "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -o "-p $port -k $tmp -c listen_addresses=127.0.0.1" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null; rm -rf "$tmp"' EXIT
as_pg "$bin/psql" -h "$tmp" -p "$port" -U postgres -q -c "CREATE ROLE bench LOGIN PASSWORD 'bench-pass'" -c "CREATE DATABASE bench OWNER bench"
echo "== H2 (embedded file)"
"$root/bin/emuflow" bench-record --runs "$runs"
echo "== PostgreSQL $(basename "$(dirname "$bin")") (loopback, fsync on)"
EMUFLOW_DB_USER=bench EMUFLOW_DB_PASSWORD=bench-pass "$root/bin/emuflow" bench-record --runs "$runs" --db "jdbc:postgresql://127.0.0.1:$port/bench"
