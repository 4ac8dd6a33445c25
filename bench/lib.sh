# What the benchmark's scripts share (sourced by run.sh, compare.sh and startup.sh).

# a TCP port free on 127.0.0.1 now
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# the resident memory of process $1 in MB
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# the value of umpin's metric $2 on its management port $1; nothing when it has no such metric
metric() { curl -s "http://127.0.0.1:$1/observe/metrics" | awk -v name="$2" 'index($0, name) == 1 { v = $2 } END { if (v != "") print v }'; }
