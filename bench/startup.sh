#!/usr/bin/env bash
# Time from launch to the first successful ResetPIN (asked for every 10 ms by bench/first-reset.py),
# with the documented launch (bin/umpin): the demo configuration with its embedded mail server,
# on a store that exists, at the default hash cost (PBKDF2 at 210,000 iterations: the first reset
# derives twice). One training start first (it creates and migrates the store, loads the
# demo mailboxes, and makes the launcher's class-data archive), then <starts> timed starts.
# Prints each time and, last, the median, the resident memory one second after each first reset
# and how long that reset itself took (its log line).
#
#   bench/startup.sh [starts] [launcher options...]   e.g. bench/startup.sh 5
#   JVM_ARCHIVE=off bench/startup.sh 5                without the archive
#   UMPIN_HASH_ITERATIONS=1000 bench/startup.sh 5     at the minimum hash cost
#   LAUNCH="java -jar target/umpin.jar" bench/startup.sh 5   another launch command
set -euo pipefail
cd "$(dirname "$0")/.."
STARTS=${1:-5}
LAUNCH=${LAUNCH:-bin/umpin}
WORK=$(mktemp -d /tmp/umpin-startup.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

. bench/lib.sh
SOAP_PORT=$(free_port); IMAP_PORT=$(free_port); MAIL_PORT=$(free_port); MANAGEMENT_PORT=$(free_port)

# one start: prints "<ms to the first reset> <resident MB one second later> <ms the reset itself took>"
run() {
  local start; start=$(date +%s%N)
  # shellcheck disable=SC2086 # LAUNCH is a command line, split on purpose
  JVM_ARCHIVE_DIR=$WORK/jvm-cache \
  UMPIN_SOAP_HOST=127.0.0.1 UMPIN_SOAP_PORT=$SOAP_PORT UMPIN_MAIL_PORT=$MAIL_PORT \
  UMPIN_MANAGEMENT_HOST=127.0.0.1 UMPIN_MANAGEMENT_PORT=$MANAGEMENT_PORT \
  UMPIN_MAIL_EMBEDDED_IMAP_PORT=$IMAP_PORT UMPIN_DB_URL="jdbc:h2:file:$WORK/store/umpin" \
  UMPIN_THROTTLE_RESETS_PER_HOUR=0 \
    $LAUNCH > "$WORK/log" 2>&1 &
  PID=$!
  local ok=true
  python3 bench/first-reset.py "$SOAP_PORT" "$PID" || ok=false
  local end; end=$(date +%s%N)
  sleep 1
  local rss; rss=$(rss_mb "$PID" 2>/dev/null || echo 0)
  kill "$PID"; wait "$PID" 2>/dev/null || true   # SIGTERM: a training start writes its archive then
  PID=""
  $ok || { echo "startup: no successful reset after start" >&2; tail -20 "$WORK/log" >&2; exit 1; }
  local took; took=$(sed -n 's/.*ResetPIN success .* in \([0-9]*\) ms.*/\1/p' "$WORK/log" | head -1)
  echo "$(( (end - start) / 1000000 )) $rss ${took:-?}"
}

run > /dev/null   # the training start
times=(); memory=(); resets=()
for _ in $(seq 1 "$STARTS"); do
  read -r ms mb took < <(run)
  times+=("$ms"); memory+=("$mb"); resets+=("$took")
  echo "startup: $ms ms to the first reset (the reset itself $took ms), $mb MB resident" >&2
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "startup_ms=$median each=${times[*]} rss_mb=${memory[*]} reset_ms=${resets[*]}"
