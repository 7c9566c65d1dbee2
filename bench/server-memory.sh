#!/usr/bin/env bash
# Memory target of issue 4 (9): `bin/callisto server` holding CONTACTS registered contacts (default 100,000) plus
# DIALOGS concurrent proxied dialogs (default 10,000) in a heap of HEAP (default 1g), read after a full GC.
#
#   1. the server starts with -Xmx$HEAP (-XX:+ExitOnOutOfMemoryError: not fitting ends the run) and --auth off;
#      the heap in use after a full GC is read (jcmd GC.run, then GC.heap_info): the baseline;
#   2. SIPp registers CONTACTS users (user000001..) at REG_RATE/s (bench/sipp/register.xml, Expires 3600);
#   3. the callee sip:service@DOMAIN is REGISTERed from the SIPp uas's port, the uas (bench/sipp/uas-rr.xml)
#      starts there, and SIPp's uac (bench/sipp/uac-rr.xml) places DIALOGS calls at CALL_RATE/s through the
#      record-routing proxy and holds them (no BYE until the end of the run);
#   4. once the uas holds DIALOGS established calls, it waits SETTLE s (default 40: Timers B/F/H/K/L/M and
#      the 2xx retransmission window of RFC 3261/6026 are 32 s at most with T1 = 500 ms, so the transactions
#      of the set-up are gone and only the location store and the dialogs' state remain), then reads the heap
#      after a full GC again, and the class histogram's top 30.
#
# Usage: bench/server-memory.sh [--contacts N] [--dialogs N] [--heap SIZE] [--reg-rate R] [--call-rate R]
#                               [--domain D] [--settle S]
# Environment: JAVA_HOME (the JDK of bin/callisto; jcmd is taken from it, or from PATH), NICE (default -10),
#   BENCH_TIMEOUT (default 1800 s for the whole run), CALLISTO_SERVER (as in bench/server-load.sh), JVM_EXTRA
#   (more JVM options). Needs sipp (sip-tester), jcmd, python3, ss. Loopback only; every wait is bounded and
#   every process is stopped by PID on exit. Output: bench/results/server-memory-<date>/ (summary.txt).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C
if [ -z "${SERVER_MEMORY_BOUNDED:-}" ]; then
  SERVER_MEMORY_BOUNDED=1 exec timeout -k 30 "${BENCH_TIMEOUT:-1800}" "$0" "$@"
fi
PYLIB="$ROOT/bench/lib/server_load.py"
py() { python3 "$PYLIB" "$@"; }

CONTACTS=100000; DIALOGS=10000; HEAP=1g; REG_RATE=2000; CALL_RATE=500; DOMAIN=bench.test; SETTLE=40
while [ $# -gt 0 ]; do
  case "$1" in
    --contacts) CONTACTS="$2"; shift 2 ;;
    --dialogs) DIALOGS="$2"; shift 2 ;;
    --heap) HEAP="$2"; shift 2 ;;
    --reg-rate) REG_RATE="$2"; shift 2 ;;
    --call-rate) CALL_RATE="$2"; shift 2 ;;
    --domain) DOMAIN="$2"; shift 2 ;;
    --settle) SETTLE="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
NICE="${NICE:--10}"
CALLISTO_SERVER_DEFAULT='bin/callisto server --udp 127.0.0.1:{port} --tcp 127.0.0.1:{port} --data {data} --auth {auth} --domain {domain}'
CALLISTO_SERVER="${CALLISTO_SERVER:-$CALLISTO_SERVER_DEFAULT}"
JVM_EXTRA="${JVM_EXTRA:-}"
for c in sipp python3 ss timeout; do command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 2; }; done
JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
command -v "$JCMD" >/dev/null || { echo "missing: jcmd (a JDK; set JAVA_HOME)" >&2; exit 2; }

OUT="bench/results/server-memory-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

help_cmd="${CALLISTO_SERVER%% --udp*} --help"
if ! timeout 900 $help_cmd > "$OUT/callisto-help.txt" 2>&1 || ! grep -q -e '--domain' "$OUT/callisto-help.txt"; then
  echo "skipped: '$help_cmd' failed (see $OUT/callisto-help.txt); this benchmark needs \`bin/callisto server\`" | tee "$OUT/summary.txt"
  exit 0
fi

PIDS=()
stop_pid() {
  local p="$1" i
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || { wait "$p" 2>/dev/null; return 0; }
  for i in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
  return 0
}
cleanup() { local p; for p in "${PIDS[@]}"; do stop_pid "$p"; done; PIDS=(); }
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
wait_port() { local i; for i in $(seq 1 $(( $2 * 10 ))); do
    ss -Hlnu "sport = :$1" | grep -q . && return 0; kill -0 "$3" 2>/dev/null || return 1; sleep 0.1; done; return 1; }
fail() { echo "FAILED: $*" | tee -a "$OUT/summary.txt" >&2; exit 1; }

# -- 1. the server, started so that $! is the JVM (bin/callisto and nice exec), which jcmd needs
PORT="$(py freeport)"
mkdir -p "$OUT/data"
c="$CALLISTO_SERVER"
c="${c//\{port\}/$PORT}"; c="${c//\{data\}/$ROOT/$OUT/data}"; c="${c//\{auth\}/off}"; c="${c//\{domain\}/$DOMAIN}"
export CALLISTO_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=$ROOT/$OUT/gc.log $JVM_EXTRA"
echo "$c" > "$OUT/server-cmd.txt"; echo "CALLISTO_JAVA_OPTS=$CALLISTO_JAVA_OPTS" >> "$OUT/server-cmd.txt"
# shellcheck disable=SC2086
nice -n "$NICE" $c > "$OUT/server.log" 2>&1 &
JVM=$!
PIDS+=("$JVM")
wait_port "$PORT" 120 "$JVM" || { tail -20 "$OUT/server.log" >&2; fail "the server did not bind 127.0.0.1:$PORT"; }
sleep 2
used_kb() { # heap in use after a full GC, KB
  timeout 120 "$JCMD" "$JVM" GC.run > /dev/null 2>&1; sleep 2
  timeout 60 "$JCMD" "$JVM" GC.heap_info > "$OUT/heap-$1.txt" 2>&1
  grep -oE 'used [0-9]+K' "$OUT/heap-$1.txt" | head -1 | grep -oE '[0-9]+'
}
before="$(used_kb baseline)"
[ -n "$before" ] || fail "jcmd GC.heap_info gave nothing (see $OUT/heap-baseline.txt)"
echo "== server PID $JVM on 127.0.0.1:$PORT, heap in use after GC: $before KB"

# -- 2. CONTACTS registrations
py users "$CONTACTS" user "$OUT/users.csv"
ramp=$(( CONTACTS / REG_RATE + 1 ))
mkdir -p "$OUT/register"
echo "== registering $CONTACTS contacts at $REG_RATE/s"
( cd "$OUT/register" && exec timeout -k 5 $(( ramp + 90 )) nice -n "$NICE" sipp "127.0.0.1:$PORT" \
    -sf "$ROOT/bench/sipp/register.xml" -key domain "$DOMAIN" -inf "$ROOT/$OUT/users.csv" -i 127.0.0.1 \
    -p "$(py freeport)" -t u1 -r "$REG_RATE" -m "$CONTACTS" -l $(( REG_RATE * 3 )) -buff_size 1048576 -nostdin \
    -timeout $(( ramp + 60 ))s -trace_stat -stf stat.csv -fd 1 ) > "$OUT/register/sipp.out" 2>&1
reg_ok="$(py stat "$OUT/register/stat.csv" 'SuccessfulCall(C)')"; reg_failed="$(py stat "$OUT/register/stat.csv" 'FailedCall(C)')"
echo "   registrations: $reg_ok ok, $reg_failed failed"
[ "$reg_ok" = "$CONTACTS" ] || fail "$reg_ok of $CONTACTS registrations succeeded (see $OUT/register)"

# -- 3. the callee and DIALOGS held calls
UPORT="$(py freeport)"
mkdir -p "$OUT/callee-register" "$OUT/uas" "$OUT/uac"
printf 'SEQUENTIAL\nservice;-\n' > "$OUT/callee.csv"
( cd "$OUT/callee-register" && exec timeout -k 5 30 sipp "127.0.0.1:$PORT" -sf "$ROOT/bench/sipp/register.xml" \
    -key domain "$DOMAIN" -inf "$ROOT/$OUT/callee.csv" -i 127.0.0.1 -p "$UPORT" -t u1 -m 1 -nostdin -timeout 20s \
    -trace_stat -stf stat.csv ) > "$OUT/callee-register/sipp.out" 2>&1
[ "$(py stat "$OUT/callee-register/stat.csv" 'SuccessfulCall(C)')" = 1 ] || fail "the callee's REGISTER failed (see $OUT/callee-register)"
ramp=$(( DIALOGS / CALL_RATE + 1 ))
life=$(( ramp + SETTLE + 600 ))
( cd "$OUT/uas" && exec timeout -k 5 "$life" nice -n "$NICE" sipp -sf "$ROOT/bench/sipp/uas-rr.xml" -s service \
    -i 127.0.0.1 -p "$UPORT" -t u1 -buff_size 1048576 -nostdin -timeout "${life}s" -trace_stat -stf stat.csv -fd 1 \
  ) > "$OUT/uas/sipp.out" 2>&1 &
UAS=$!; PIDS+=("$UAS")
wait_port "$UPORT" 10 "$UAS" || fail "the uas did not start (see $OUT/uas)"
echo "== $DIALOGS calls at $CALL_RATE/s, held until the end of the run"
( cd "$OUT/uac" && exec timeout -k 5 "$life" nice -n "$NICE" sipp "127.0.0.1:$PORT" -sf "$ROOT/bench/sipp/uac-rr.xml" \
    -key domain "$DOMAIN" -s service -i 127.0.0.1 -p "$(py freeport)" -t u1 -r "$CALL_RATE" -m "$DIALOGS" \
    -l $(( DIALOGS + 100 )) -d $(( life * 1000 )) -buff_size 1048576 -nostdin -timeout "${life}s" \
    -trace_stat -stf stat.csv -fd 1 ) > "$OUT/uac/sipp.out" 2>&1 &
UAC=$!; PIDS+=("$UAC")

# the uas's current calls = dialogs established and waiting for their BYE
held=0
for _ in $(seq 1 $(( ramp * 3 + 60 ))); do
  sleep 1
  kill -0 "$JVM" 2>/dev/null || fail "the server exited (see $OUT/server.log)"
  held="$(py stat "$OUT/uas/stat.csv" CurrentCall)"; held="${held:-0}"
  [ "$held" -ge "$DIALOGS" ] && break
done
failed="$(py stat "$OUT/uac/stat.csv" 'FailedCall(C)')"
echo "   dialogs held by the uas: $held (caller failed calls: ${failed:-?}); waiting ${SETTLE}s for the transactions to end"
[ "$held" -ge "$DIALOGS" ] || fail "only $held of $DIALOGS dialogs were established (see $OUT/uac, $OUT/uas)"
sleep "$SETTLE"
kill -0 "$JVM" 2>/dev/null || fail "the server exited (see $OUT/server.log)"
held_after="$(py stat "$OUT/uas/stat.csv" CurrentCall)"

# -- 4. the heap with everything in it
after="$(used_kb loaded)"
timeout 120 "$JCMD" "$JVM" GC.class_histogram 2>&1 | head -33 > "$OUT/histogram.txt"
{
  echo "date: $(date -Is); git: $(git rev-parse --short HEAD 2>/dev/null || echo '?'); server: $c"
  echo "CALLISTO_JAVA_OPTS: $CALLISTO_JAVA_OPTS"
  echo "registered contacts: $reg_ok (failed $reg_failed); dialogs held: $held_after (caller failed calls ${failed:-?})"
  echo "heap in use after a full GC: baseline $(( before / 1024 )) MB, loaded $(( after / 1024 )) MB (limit $HEAP)"
  echo "per contact + dialog share: $(( (after - before) * 1024 / (CONTACTS + DIALOGS) )) bytes on average"
  echo "class histogram (top 30): $OUT/histogram.txt; gc log: $OUT/gc.log"
} | tee "$OUT/summary.txt"
echo "results: $OUT"
