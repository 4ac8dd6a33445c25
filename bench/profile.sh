#!/usr/bin/env bash
# Where a reset's CPU goes, item by item, against the ceiling's (docs/performance.md#a-reset-against-the-ceiling):
#
#   bench/profile.sh [warm-up seconds] [measured seconds]     defaults 40 and 20
#
# umpin, then its ceiling, each started as bench/run.sh starts them (bin/umpin with its class-data
# archive, 256 mailboxes, the minimum hash cost, bench/smtp-sink.py) and driven by wrk at 8
# connections: the warm-up, then the measured seconds under JFR (its "profile" settings, whole
# stacks) with every thread's CPU read from /proc before and after; then a short run with H2's
# trace file to count the statements and commits of a request. bench/account.py turns them into
# the table (bench/results/profile-latest.md). The recordings and the trace stay in the directory
# named at the end (the trace holds the statements' parameters, the benchmark's PIN hashes among them).
set -euo pipefail
cd "$(dirname "$0")/.."
WARM=${1:-40}
MEASURE=${2:-20}
WORK=$(mktemp -d /tmp/umpin-profile.XXXXXX)
PIDS=()
LAST_LOG=""
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
say() { echo "profile: $*" >&2; }
. bench/lib.sh

if [ ! -f target/umpin.jar ] || [ -n "$(find src routes pom.xml -newer target/umpin.jar -print -quit)" ]; then
  say "building target/umpin.jar"
  mvn -q -B -DskipTests package
fi
bench_mailboxes 256 > "$WORK/mailboxes-1000.csv"
SMTP_PORT=$(free_port)
python3 bench/smtp-sink.py "$SMTP_PORT" &
PIDS+=($!)

# every thread of the JVM: "<name> <user ticks> <system ticks>"
threads() {
  local t
  for t in /proc/"$UMPIN_PID"/task/*; do
    { tr ' ' '_' < "$t/comm"; awk '{print " " $14 " " $15}' "$t/stat"; } 2>/dev/null | tr -d '\n' || true
    echo
  done | awk 'NF == 3'
}

drive() { BENCH_MAILBOXES=256 wrk -t 2 -c 8 -d "$1s" --timeout 30s -s bench/reset.lua "http://127.0.0.1:$UMPIN_PORT"; }

say "training start of bin/umpin (its class-data archive)"
start_umpin training 1000 "file:routes/*.camel.yaml"
JDK_BIN=$(dirname "$(readlink -f "/proc/$UMPIN_PID/exe")")   # the JDK bin/umpin chose, for jcmd and jfr
drive 3 > /dev/null
stop_umpin

for target in umpin ceiling; do
  routes="file:routes/*.camel.yaml"
  [ "$target" = ceiling ] && routes=$(cat bench/ceiling/routes)
  say "$target: ${WARM} s of warm-up, then ${MEASURE} s under JFR"
  EXTRA_OPTS="-XX:FlightRecorderOptions:stackdepth=512 ${UMPIN_JAVA_OPTS:-}" start_umpin "$target" 1000 "$routes"
  drive "$WARM" > /dev/null
  threads > "$WORK/$target/threads-before"
  "$JDK_BIN/jcmd" "$UMPIN_PID" JFR.start name=profile settings=profile > /dev/null
  drive "$MEASURE" | grep '^BENCH' > "$WORK/$target/wrk"
  threads > "$WORK/$target/threads-after"
  "$JDK_BIN/jcmd" "$UMPIN_PID" JFR.stop name=profile filename="$WORK/$target/recording.jfr" > /dev/null
  stop_umpin
  say "$target: $(cat "$WORK/$target/wrk")"

  say "$target: statements and commits, with H2's trace file"
  rm -f "$WORK/store-1000/umpin.trace.db"
  DB_URL_OPTIONS=";TRACE_LEVEL_FILE=3;TRACE_MAX_FILE_SIZE=1000" start_umpin "$target-trace" 1000 "$routes"
  drive 2 > /dev/null   # its statements parsed once, as in the measured run
  before=$(wc -l < "$WORK/store-1000/umpin.trace.db")
  drive 3 | grep '^BENCH' > "$WORK/$target-trace/wrk"
  cp "$WORK/store-1000/umpin.trace.db" "$WORK/$target-trace/trace.db"
  echo "$before" > "$WORK/$target-trace/lines-before"
  stop_umpin
done

JDK_BIN=$JDK_BIN python3 bench/account.py "$WORK" | tee bench/results/profile-latest.md
say "recordings in $WORK"
