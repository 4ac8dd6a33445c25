#!/usr/bin/env bash
# Resets per second at the production hash cost, this checkout's jar against an older
# revision's, in one run on this machine (issue "Fast where it matters", target 1):
#
#   bench/compare.sh <revision> [seconds]     e.g. bench/compare.sh 8f421b3 20
#
# Each jar serves 64 mailboxes on a fresh H2 store with PBKDF2 at 210,000 iterations and the
# JVM options of docs/performance.md, mails to bench/smtp-sink.py, and is driven by wrk with
# bench/reset.lua at 8 connections (5 s warm-up, then [seconds], 20 by default). This
# checkout runs twice: with umpin.auth.cache-seconds at its default (a caller's password
# verified once a minute) and at 0 (every password derived). One line per run:
# resets_per_s, the latency percentiles, and derivations_per_reset from
# umpin_hash_derivations_total (NA for a jar without that metric); the lines are also written
# to bench/results/compare-latest.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD=${1:?usage: bench/compare.sh <revision> [seconds]}
SECONDS_MEASURED=${2:-20}
WORK=$(mktemp -d /tmp/umpin-compare-XXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; git worktree remove --force "$WORK/old" 2>/dev/null || true; }
trap cleanup EXIT
say() { echo "compare: $*" >&2; }
. bench/lib.sh

command -v wrk > /dev/null || { say "installing wrk"; apt-get install -y -q wrk > /dev/null; }
say "building this checkout"
mvn -q -B -DskipTests package
say "building $OLD in $WORK/old"
git worktree add -q "$WORK/old" "$OLD"
(cd "$WORK/old" && mvn -q -B -DskipTests package)
{
  echo "login,smtp_address,display_name,password,extension,language,um_enabled,enabled,pin_policy"
  for i in $(seq 1 64); do echo "bench$i,bench$i@contoso.example,Bench $i,bench,5$(printf %04d "$i"),en-US,true,true,default"; done
} > "$WORK/mailboxes.csv"
SMTP_PORT=$(free_port)
python3 bench/smtp-sink.py "$SMTP_PORT" > "$WORK/sink.log" 2>&1 &
PIDS+=($!)

# run <label> <checkout> <cache seconds>
run() {
  local label=$1 dir=$2 cache=$3 port management
  port=$(free_port); management=$(free_port)
  mkdir -p "$WORK/$label"
  (cd "$dir" && UMPIN_SOAP_HOST=127.0.0.1 UMPIN_SOAP_PORT=$port UMPIN_MANAGEMENT_HOST=127.0.0.1 UMPIN_MANAGEMENT_PORT=$management \
    UMPIN_DB_URL="jdbc:h2:file:$WORK/$label/store" UMPIN_DEMO_MAILBOXES="$WORK/mailboxes.csv" \
    UMPIN_MAIL_EMBEDDED=false UMPIN_MAIL_HOST=127.0.0.1 UMPIN_MAIL_PORT=$SMTP_PORT UMPIN_HASH_ITERATIONS=210000 \
    UMPIN_RESET_LOCK_WAIT_MS=60000 UMPIN_THROTTLE_RESETS_PER_HOUR=0 UMPIN_AUTH_CACHE_SECONDS=$cache \
    exec java -XX:+UseSerialGC -Xmx128m -jar target/umpin.jar > "$WORK/$label/log" 2>&1) &
  local pid=$!
  PIDS+=($pid)
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port/EWS/UM2007Legacy.asmx?wsdl" && break; sleep 0.5; done
  BENCH_MAILBOXES=64 wrk -t 2 -c 8 -d 5s --timeout 30s -s bench/reset.lua "http://127.0.0.1:$port" > /dev/null
  local d0 r0 d1 r1 line
  d0=$(metric "$management" umpin_hash_derivations_total); r0=$(metric "$management" 'umpin_resets_total{fault_code="none",outcome="success"}')
  line=$(BENCH_MAILBOXES=64 wrk -t 2 -c 8 -d "${SECONDS_MEASURED}s" --timeout 30s -s bench/reset.lua "http://127.0.0.1:$port" | grep '^BENCH')
  d1=$(metric "$management" umpin_hash_derivations_total); r1=$(metric "$management" 'umpin_resets_total{fault_code="none",outcome="success"}')
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$label" "$cache" "$line" "$r0" "$r1" "${d0:-}" "${d1:-}" "$SECONDS_MEASURED" <<'PY'
import sys
label, cache, line, r0, r1, d0, d1, seconds = sys.argv[1:]
fields = dict(part.split("=") for part in line.split()[1:])
resets = float(r1) - float(r0)
per = "NA" if not d0 else "%.2f" % ((float(d1) - float(d0)) / resets)
print("%s cache_seconds=%s resets_per_s=%.1f p50_ms=%s p99_ms=%s non200=%s derivations_per_reset=%s"
      % (label, cache, int(fields["requests"]) / float(fields["seconds"]), fields["p50_ms"], fields["p99_ms"], fields["non200"], per))
PY
}

mkdir -p bench/results
{
  echo "# bench/compare.sh $OLD $SECONDS_MEASURED at $(date -u +%Y-%m-%dT%H:%MZ), this checkout $(git rev-parse --short HEAD), $(nproc) cores"
  run "old-$OLD" "$WORK/old" 60
  run new . 60
  run new-no-cache . 0
} | tee bench/results/compare-latest.txt
