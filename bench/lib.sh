# What the benchmark's scripts share (sourced by run.sh, compare.sh and startup.sh).

# a TCP port free on 127.0.0.1 now
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# the resident memory of process $1 in MB
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# the value of umpin's metric $2 on its management port $1; nothing when it has no such metric
metric() { curl -s "http://127.0.0.1:$1/observe/metrics" | awk -v name="$2" 'index($0, name) == 1 { v = $2 } END { if (v != "") print v }'; }

# the benchmark's directory on standard output: mailboxes bench1..bench$1 (password "bench",
# the default policy) and the voicemail front end of bench/logon.lua (umpin.telephony.members
# is ivr by default)
bench_mailboxes() {
  echo "# login,smtp_address,display_name,password,extension,language,um_enabled,enabled,pin_policy"
  for i in $(seq 1 "$1"); do echo "bench$i,bench$i@bench.example,Bench $i,bench,$((70000 + i)),en-US,true,true,default"; done
  echo "ivr,,IVR,bench,,en-US,false,true,default"
}

# start_umpin <name> <iterations> <routes pattern>: starts umpin as the README does (bin/umpin),
# its normal configuration but for loopback ports, the store $WORK/store-<iterations>, the
# mailboxes $WORK/mailboxes-<iterations>.csv and the relay on $SMTP_PORT; sets UMPIN_PID,
# UMPIN_PORT and UMPIN_MANAGEMENT. umpin and its ceiling at one hash cost share a store, so the
# mailboxes are hashed in once. Uses WORK, SMTP_PORT, EXTRA_OPTS (JVM options after the
# launcher's), DB_URL_OPTIONS (appended to the store's URL), PIDS, LAST_LOG and say.
start_umpin() {
  local name=$1 iterations=$2 routes=$3
  UMPIN_PORT=$(free_port)
  UMPIN_MANAGEMENT=$(free_port)
  mkdir -p "$WORK/$name" "$WORK/store-$iterations"
  # bench/logon.lua's wrong PINs neither reset nor lock a mailbox
  UMPIN_POLICY_DEFAULT_LOGON_FAILURES_BEFORE_PIN_RESET=unlimited UMPIN_POLICY_DEFAULT_MAX_LOGON_ATTEMPTS=999 \
  UMPIN_SOAP_HOST=127.0.0.1 UMPIN_SOAP_PORT=$UMPIN_PORT \
  UMPIN_MANAGEMENT_HOST=127.0.0.1 UMPIN_MANAGEMENT_PORT=$UMPIN_MANAGEMENT \
  UMPIN_DB_URL="jdbc:h2:file:$WORK/store-$iterations/umpin${DB_URL_OPTIONS:-}" UMPIN_DEMO_MAILBOXES="$WORK/mailboxes-$iterations.csv" \
  UMPIN_MAIL_EMBEDDED=false UMPIN_MAIL_HOST=127.0.0.1 UMPIN_MAIL_PORT=$SMTP_PORT \
  UMPIN_HASH_ITERATIONS=$iterations UMPIN_RESET_LOCK_WAIT_MS=60000 UMPIN_THROTTLE_RESETS_PER_HOUR=0 \
  CAMEL_MAIN_ROUTESINCLUDEPATTERN="$routes" JVM_ARCHIVE_DIR="$WORK/jvm-cache" JAVA_OPTS="${EXTRA_OPTS:-}" \
    bin/umpin > "$WORK/$name/log" 2>&1 &
  UMPIN_PID=$!   # the launcher execs java: this is the JVM's own process
  LAST_LOG="$WORK/$name/log"
  PIDS+=($UMPIN_PID)
  for _ in $(seq 1 600); do
    grep -qs "(umpin) started" "$WORK/$name/log" && return 0
    kill -0 "$UMPIN_PID" 2>/dev/null || break
    sleep 0.1
  done
  say "umpin ($name) did not start:"; tail -20 "$WORK/$name/log" >&2; exit 1
}

stop_umpin() { kill "$UMPIN_PID"; wait "$UMPIN_PID" 2>/dev/null || true; }
