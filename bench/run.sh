#!/usr/bin/env bash
# The benchmark: how many resets per second one umpin serves, how long a caller waits, and
# what a reset costs beyond the SOAP stack, measured against that stack alone in the same run.
#
#   bench/run.sh            warm-up 10 s and 30 s measured per point (about 12 minutes)
#   bench/run.sh --chart    only redraws bench/results/chart.png from latest.csv
#   bench/run.sh --quick    2 s and 4 s per point, 3 starts instead of 5 and none with a plain
#                           java -jar, no 32-connection point at the production hash cost
#                           (under 2 minutes once the jar is built; rough figures)
#
# It builds target/umpin.jar if needed, installs wrk and gnuplot from Debian's packages if
# missing, and starts, on loopback: an SMTP sink (bench/smtp-sink.py, a relay that drops
# what it takes), then umpin with bin/umpin, as the README starts it, with its normal
# configuration but for ports, a fresh H2 store, 256 mailboxes and that relay, then the
# ceiling: the same jar and CXF endpoint with
# bench/ceiling/*.camel.yaml instead of routes/ (a route that only replies). wrk drives each
# at 1, 8 and 32 connections, with PBKDF2 at the production 210,000 iterations and at the
# minimum, 1,000. Results: bench/results/<time>.csv, latest.csv, chart.png; the last line
# printed is machine-readable (8 connections, minimum hash cost).
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=false
[ "${1:-}" = "--quick" ] && QUICK=true
CHART_ONLY=false
[ "${1:-}" = "--chart" ] && CHART_ONLY=true
if $QUICK; then WARM=2; MEASURE=4; STARTS=3; else WARM=10; MEASURE=30; STARTS=5; fi
CONNECTIONS="1 8 32"
# mailboxes to spread the load over (fewer at the production cost: each is hashed in at start)
declare -A MAILBOXES=([1000]=256 [210000]=64)
PROD_ITERATIONS=210000
MIN_ITERATIONS=1000
# every umpin here starts as the README says, with bin/umpin (its JDK, options and class-data
# archive); UMPIN_JAVA_OPTS adds options after the launcher's (its JAVA_OPTS). Start-up is also
# measured for a plain java -jar.
EXTRA_OPTS=${UMPIN_JAVA_OPTS:-}

say() { echo "bench: $*" >&2; }

# the chart of bench/results/latest.csv: throughput and p99 against connections
plot_chart() {
gnuplot <<GP
set terminal pngcairo size 1100,460 font "sans,10"
set output "bench/results/chart.png"
set datafile separator ","
set key below
set grid
set logscale x 2
set xtics (1, 8, 32)
set xlabel "connections"
set logscale y
set multiplot layout 1,2 title "umpin ResetPIN on $(nproc) cores (bench/results/latest.csv)"
set ylabel "resets per second"
plot "bench/results/latest.csv" using (\$1==$MIN_ITERATIONS && strcol(2) eq "umpin" ? \$3 : 1/0):4 with linespoints lw 2 title "umpin, 1k iterations", \
     "" using (\$1==$MIN_ITERATIONS && strcol(2) eq "ceiling" ? \$3 : 1/0):4 with linespoints lw 2 title "ceiling, 1k iterations", \
     "" using (\$1==$PROD_ITERATIONS && strcol(2) eq "umpin" ? \$3 : 1/0):4 with linespoints lw 2 title "umpin, 210k iterations", \
     "" using (\$1==$PROD_ITERATIONS && strcol(2) eq "ceiling" ? \$3 : 1/0):4 with linespoints lw 2 title "ceiling, 210k iterations"
set ylabel "p99 latency (ms)"
plot "bench/results/latest.csv" using (\$1==$MIN_ITERATIONS && strcol(2) eq "umpin" ? \$3 : 1/0):7 with linespoints lw 2 title "umpin, 1k iterations", \
     "" using (\$1==$MIN_ITERATIONS && strcol(2) eq "ceiling" ? \$3 : 1/0):7 with linespoints lw 2 title "ceiling, 1k iterations", \
     "" using (\$1==$PROD_ITERATIONS && strcol(2) eq "umpin" ? \$3 : 1/0):7 with linespoints lw 2 title "umpin, 210k iterations", \
     "" using (\$1==$PROD_ITERATIONS && strcol(2) eq "ceiling" ? \$3 : 1/0):7 with linespoints lw 2 title "ceiling, 210k iterations"
unset multiplot
GP
}

# --- tools -------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian's packages"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if $CHART_ONLY; then plot_chart; exit 0; fi
if [ ! -f target/umpin.jar ] || [ -n "$(find src routes pom.xml -newer target/umpin.jar -print -quit)" ]; then
  say "building target/umpin.jar"
  mvn -q -B -DskipTests package
fi

WORK=$(mktemp -d /tmp/umpin-bench.XXXXXX)
PIDS=()
# a run that fails shows the log of the umpin it started last, which goes with $WORK
LAST_LOG=""
cleanup() {
  local status=$?
  [ "$status" -ne 0 ] && [ -n "$LAST_LOG" ] && { say "failed; the end of $LAST_LOG:"; tail -30 "$LAST_LOG" >&2; }
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"
}
trap cleanup EXIT

. bench/lib.sh
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for iterations in "${!MAILBOXES[@]}"; do
  bench_mailboxes "${MAILBOXES[$iterations]}" > "$WORK/mailboxes-$iterations.csv"
done

SMTP_PORT=$(free_port)
python3 bench/smtp-sink.py "$SMTP_PORT" &
PIDS+=($!)

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
CSV="bench/results/$STAMP.csv"
echo "hash_iterations,target,connections,resets_per_s,p50_ms,p95_ms,p99_ms,errors,cpu_s_per_1000,requests,derivations_per_request" > "$CSV"

# a sample of umpin's derivation count (bench/lib.sh's metric), 0 when absent
derivations() { local v; v=$(metric "$UMPIN_MANAGEMENT" umpin_hash_derivations_total); echo "${v:-0}"; }

# measure <hash iterations> <target> [script] [connections]: one CSV line per connection count;
# target logon drives the telephony API with bench/logon.lua instead of ResetPIN
measure() {
  local iterations=$1 target=$2 script=${3:-bench/reset.lua} connections=${4:-$CONNECTIONS}
  # a few seconds hold too few resets at the production cost for 32 connections to mean anything
  $QUICK && [ "$iterations" = "$PROD_ITERATIONS" ] && connections="1 8"
  for c in $connections; do
    local threads=$(( c < 2 ? c : 2 ))
    BENCH_MAILBOXES=${MAILBOXES[$iterations]} wrk -t "$threads" -c "$c" -d "${WARM}s" --timeout 30s -s "$script" \
      "http://127.0.0.1:$UMPIN_PORT" > /dev/null
    local before; before=$(cpu_ticks "$UMPIN_PID")
    local derived; derived=$(derivations)
    local line; line=$(BENCH_MAILBOXES=${MAILBOXES[$iterations]} wrk -t "$threads" -c "$c" -d "${MEASURE}s" --timeout 30s \
      -s "$script" "http://127.0.0.1:$UMPIN_PORT" | grep '^BENCH')
    local after; after=$(cpu_ticks "$UMPIN_PID")
    derived=$(python3 -c "print($(derivations) - $derived)")
    python3 - "$line" "$iterations" "$target" "$c" "$before" "$after" "$CLK_TCK" "$derived" >> "$CSV" <<'PY'
import sys
fields = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
iterations, target, c, before, after, tck, derived = sys.argv[2:9]
requests = int(fields["requests"])
errors = int(fields["non200"]) + int(fields["socket_errors"])
rate = requests / float(fields["seconds"])
cpu = (int(float(after)) - int(float(before))) / int(tck) / max(requests, 1) * 1000
# the ceiling derives for its logins only; umpin_hash_derivations_total counts every derivation
per = float(derived) / max(requests, 1)
print(f"{iterations},{target},{c},{rate:.1f},{fields['p50_ms']},{fields['p95_ms']},{fields['p99_ms']},{errors},{cpu:.2f},{requests},{per:.2f}")
PY
    say "$(tail -1 "$CSV")"
  done
}

# bin/umpin's first start makes its class-data archive, which every later start uses: a short
# start of its own, so that no measured start is that training run
say "training start of bin/umpin (its class-data archive)"
start_umpin training "$MIN_ITERATIONS" "file:routes/*.camel.yaml"
BENCH_MAILBOXES=${MAILBOXES[$MIN_ITERATIONS]} wrk -t 2 -c 8 -d 3s -s bench/reset.lua "http://127.0.0.1:$UMPIN_PORT" > /dev/null
stop_umpin

RSS_MB=""; RSS_SETTLED_MB=""
for iterations in $MIN_ITERATIONS $PROD_ITERATIONS; do
  say "umpin, $iterations PBKDF2 iterations"
  start_umpin "umpin-$iterations" "$iterations" "file:routes/*.camel.yaml"
  measure "$iterations" umpin
  if [ "$iterations" = "$MIN_ITERATIONS" ]; then
    RSS_MB=$(rss_mb "$UMPIN_PID")
    # and once the JVM has given back what only the load used (the JIT's arenas, the C heap)
    sleep 10
    RSS_SETTLED_MB=$(rss_mb "$UMPIN_PID")
    JVM_USED=$("/proc/$UMPIN_PID/exe" -version 2>&1 | head -1)
    JVM_OPTIONS=$(tr '\0' ' ' < "/proc/$UMPIN_PID/cmdline" | sed 's/ -jar .*//; s/^[^ ]* //')
  fi
  if [ "$iterations" = "$PROD_ITERATIONS" ]; then
    say "telephone logons, $iterations PBKDF2 iterations, against the PINs the resets stored"
    measure "$iterations" logon bench/logon.lua 8
  fi
  stop_umpin
  say "ceiling, $iterations PBKDF2 iterations"
  # bench/ceiling/routes: its reply instead of the SOAP routes, and the routes of the telephony API
  # and the pages, which it does not drive but a start requires (BenchCeilingTest starts it)
  start_umpin "ceiling-$iterations" "$iterations" "$(cat bench/ceiling/routes)"
  measure "$iterations" ceiling
  stop_umpin
done

# time from launch to the first successful reset (bench/startup.sh): the normal configuration
# (embedded mail server, demo mailboxes) on a store that exists, the default hash cost; median of
# $STARTS starts with bin/umpin (after the start that makes its archive), and in a full run
# also with a plain java -jar
say "start-up, median of $STARTS"
startup() { JAVA_OPTS="$EXTRA_OPTS" bench/startup.sh "$STARTS" | tail -1; }
STARTUP_LINE=$(startup)
STARTUP_MS=$(sed -n 's/^startup_ms=\([0-9]*\).*/\1/p' <<< "$STARTUP_LINE")
say "start-up to first reset, bin/umpin: $STARTUP_LINE"
STARTUP_PLAIN_LINE="not measured (--quick)"
STARTUP_PLAIN_MS=not-measured
if ! $QUICK; then
  STARTUP_PLAIN_LINE=$(LAUNCH="java -jar target/umpin.jar" startup)
  STARTUP_PLAIN_MS=$(sed -n 's/^startup_ms=\([0-9]*\).*/\1/p' <<< "$STARTUP_PLAIN_LINE")
  say "start-up to first reset, plain java -jar: $STARTUP_PLAIN_LINE"
fi

cp "$CSV" bench/results/latest.csv
{
  echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "# launch: bin/umpin on $JVM_USED, java options: $JVM_OPTIONS"
  echo "# extra_opts=\"$EXTRA_OPTS\" rss_mb=$RSS_MB (after the load at the minimum hash cost; $RSS_SETTLED_MB MB 10 s later) quick=$QUICK warm_s=$WARM measure_s=$MEASURE"
  echo "# bin/umpin: $STARTUP_LINE"
  echo "# java -jar: $STARTUP_PLAIN_LINE"
} >> bench/results/latest.csv

plot_chart

column -s, -t < "$CSV" >&2
python3 - "$CSV" "$STARTUP_MS" "$RSS_MB" "$MIN_ITERATIONS" "$PROD_ITERATIONS" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
def at(target, iterations):
    return next(r for r in rows if r["target"] == target and r["connections"] == "8" and r["hash_iterations"] == iterations)
u, c = at("umpin", sys.argv[4]), at("ceiling", sys.argv[4])
prod, logon = at("umpin", sys.argv[5]), at("logon", sys.argv[5])
ratio = float(u["resets_per_s"]) / float(c["resets_per_s"])
print(f"resets_per_s={u['resets_per_s']} ceiling_per_s={c['resets_per_s']} ratio={ratio:.2f} "
      f"p50_ms={u['p50_ms']} p99_ms={u['p99_ms']} startup_ms={sys.argv[2]} rss_mb={sys.argv[3]} "
      f"prod_resets_per_s={prod['resets_per_s']} derivations_per_reset={prod['derivations_per_request']} "
      f"logon_per_s={logon['resets_per_s']}")
PY
