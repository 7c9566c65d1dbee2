#!/usr/bin/env bash
# Memory target of issue 4 (9): `bin/callisto server` holding CONTACTS registered contacts (default 100,000) plus
# DIALOGS concurrent proxied dialogs (default 10,000) in a heap of HEAP (default 1g), read after a full GC.
#
#   1. the server starts with -Xms/-Xmx$HEAP (-XX:+ExitOnOutOfMemoryError: not fitting ends the run) and --auth
#      off; the heap in use after a full GC is read (jcmd GC.run, then GC.heap_info): the baseline;
#   2. SIPp registers CONTACTS users (user000001..) at REG_RATE/s (bench/sipp/register.xml, Expires 3600);
#   3. the callee sip:service@DOMAIN is REGISTERed from the SIPp uas's port, the uas (bench/sipp/uas-rr.xml)
#      starts there, and SIPp's uac (bench/sipp/uac-rr.xml) places DIALOGS calls at CALL_RATE/s through the
#      record-routing proxy and holds them (no BYE until the end of the run);
#   4. once the uas holds DIALOGS established calls, it waits SETTLE s (default 40: Timers B/F/H/K/L/M and
#      the 2xx retransmission window of RFC 3261/6026 are 32 s at most with T1 = 500 ms, so the transactions
#      of the set-up are gone and only the location store and the dialogs' state remain), then reads the heap
#      after a full GC again, and the class histogram's top 30.
# With --server kamailio the same load runs against bench/kamailio/kamailio.cfg (-m SHM_MB, default 1024) as a
# reference; the figure read is Kamailio's shared memory in use (kamcmd core.shmmem real_used) instead of a heap.
#
# Usage: bench/server-memory.sh [--server callisto|kamailio] [--contacts N] [--dialogs N] [--heap SIZE]
#                               [--reg-rate R] [--call-rate R] [--domain D] [--settle S]
# Environment: JAVA_HOME (the JDK of bin/callisto; jcmd is taken from it, or from PATH), NICE (default -10),
#   BENCH_TIMEOUT (default 1800 s for the whole run), CALLISTO_SERVER (as in bench/server-load.sh), JVM_EXTRA
#   (more JVM options), SHM_MB (Kamailio's -m). Needs sipp (sip-tester), python3, ss, and jcmd (callisto) or
#   kamailio + kamcmd. Loopback only; every wait is bounded and every process is stopped by PID on exit.
#   Output: bench/results/server-memory-<server>-<date>/ (summary.txt).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C
if [ -z "${SERVER_MEMORY_BOUNDED:-}" ]; then
  SERVER_MEMORY_BOUNDED=1 exec timeout -k 30 "${BENCH_TIMEOUT:-1800}" "$0" "$@"
fi
PYLIB="$ROOT/bench/lib/server_load.py"
py() { python3 "$PYLIB" "$@"; }

SERVER=callisto; CONTACTS=100000; DIALOGS=10000; HEAP=1g; REG_RATE=2000; CALL_RATE=500; DOMAIN=bench.test; SETTLE=40
while [ $# -gt 0 ]; do
  case "$1" in
    --server) SERVER="$2"; shift 2 ;;
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
CALLISTO_SERVER_DEFAULT='bin/callisto server --udp 127.0.0.1:{port} --tcp 127.0.0.1:{port} --http off --data {data} --auth {auth} --domain {domain}'
CALLISTO_SERVER="${CALLISTO_SERVER:-$CALLISTO_SERVER_DEFAULT}"
JVM_EXTRA="${JVM_EXTRA:-}"
SHM_MB="${SHM_MB:-1024}"
case "$DOMAIN" in *[!A-Za-z0-9.-]*|"") echo "--domain: a host name please" >&2; exit 2 ;; esac
for c in sipp python3 ss timeout; do command -v "$c" >/dev/null || { echo "missing: $c" >&2; exit 2; }; done
case "$SERVER" in
  callisto)
    JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
    command -v "$JCMD" >/dev/null || { echo "missing: jcmd (a JDK; set JAVA_HOME)" >&2; exit 2; } ;;
  kamailio)
    for c in kamailio kamcmd; do command -v "$c" >/dev/null || { echo "missing: $c (apt-get install kamailio)" >&2; exit 2; }; done ;;
  *) echo "--server: callisto or kamailio" >&2; exit 2 ;;
esac

OUT="bench/results/server-memory-$SERVER-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

if [ "$SERVER" = callisto ]; then
  help_cmd="${CALLISTO_SERVER%% --udp*} --help"
  # shellcheck disable=SC2086
  if ! timeout 900 $help_cmd > "$OUT/callisto-help.txt" 2>&1 || ! grep -q -e '--domain' "$OUT/callisto-help.txt"; then
    echo "skipped: '$help_cmd' failed or lists no --domain (see $OUT/callisto-help.txt); this benchmark needs \`bin/callisto server\`" | tee "$OUT/summary.txt"
    exit 0
  fi
fi

PIDS=()
stop_pid() { # pid: TERM, wait up to 15 s, then KILL; always reaped
  local p="$1" i
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || { wait "$p" 2>/dev/null; return 0; }
  for i in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
  return 0
}
RUNTMP="$(mktemp -d "${TMPDIR:-/tmp}/server-memory.XXXXXX")"
cleanup() { local p; for p in "${PIDS[@]}"; do stop_pid "$p"; done; PIDS=(); rm -rf "$RUNTMP"; }
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
wait_port() { local i; for i in $(seq 1 $(( $2 * 10 ))); do
    ss -Hlnu "sport = :$1" | grep -q . && return 0; kill -0 "$3" 2>/dev/null || return 1; sleep 0.1; done; return 1; }
fail() { echo "FAILED: $*" | tee -a "$OUT/summary.txt" >&2; exit 1; }

# -- 1. the server. Callisto: started so that $! is the JVM (nice and bin/callisto exec), which jcmd needs.
PORT="$(py freeport)"
if [ "$SERVER" = callisto ]; then
  mkdir -p "$OUT/data"
  c="$CALLISTO_SERVER"
  c="${c//\{port\}/$PORT}"; c="${c//\{data\}/$ROOT/$OUT/data}"; c="${c//\{auth\}/off}"; c="${c//\{domain\}/$DOMAIN}"
  export CALLISTO_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Xlog:gc:file=$ROOT/$OUT/gc.log $JVM_EXTRA"
  echo "$c" > "$OUT/server-cmd.txt"; echo "CALLISTO_JAVA_OPTS=$CALLISTO_JAVA_OPTS" >> "$OUT/server-cmd.txt"
  # shellcheck disable=SC2086
  nice -n "$NICE" $c > "$OUT/server.log" 2>&1 &
else
  mkdir -p "$OUT/run"
  CTL="unix:$RUNTMP/kamailio.ctl"   # a unix socket path must stay under 108 bytes, which OUT may not
  c="kamailio -f $ROOT/bench/kamailio/kamailio.cfg -DD -E -m $SHM_MB -M 16 -n 4 -x tlsf -l udp:127.0.0.1:$PORT -l tcp:127.0.0.1:$PORT -Y $ROOT/$OUT/run -P $ROOT/$OUT/run/kamailio.pid"
  echo "$c -A DOMAIN=\"$DOMAIN\" -A CTLSOCK=\"$CTL\"" > "$OUT/server-cmd.txt"
  # shellcheck disable=SC2086
  nice -n "$NICE" $c -A "DOMAIN=\"$DOMAIN\"" -A "CTLSOCK=\"$CTL\"" > "$OUT/server.log" 2>&1 &
fi
SPID=$!
PIDS+=("$SPID")
wait_port "$PORT" 120 "$SPID" || { tail -20 "$OUT/server.log" >&2; fail "the server did not bind 127.0.0.1:$PORT"; }
sleep 2
used_kb() { # Callisto: heap in use after a full GC; Kamailio: shared memory in use (real_used); KB
  if [ "$SERVER" = callisto ]; then
    timeout 120 "$JCMD" "$SPID" GC.run > /dev/null 2>&1; sleep 2
    timeout 60 "$JCMD" "$SPID" GC.heap_info > "$OUT/memory-$1.txt" 2>&1
    grep -oE 'used [0-9]+K' "$OUT/memory-$1.txt" | head -1 | grep -oE '[0-9]+'
  else
    timeout 30 kamcmd -s "$CTL" core.shmmem > "$OUT/memory-$1.txt" 2>&1
    awk '$1 == "real_used:" { print int($2 / 1024) }' "$OUT/memory-$1.txt"
  fi
}
MEASURE="heap in use after a full GC (limit $HEAP)"
[ "$SERVER" = kamailio ] && MEASURE="Kamailio shared memory in use, real_used (of $SHM_MB MB; plus 16 MB private memory per process)"
before="$(used_kb baseline)"
[ -n "$before" ] || fail "no memory reading (see $OUT/memory-baseline.txt)"
echo "== $SERVER PID $SPID on 127.0.0.1:$PORT; $MEASURE: $before KB"

# -- 2. CONTACTS registrations
py users "$CONTACTS" user "$OUT/users.csv"
ramp=$(( CONTACTS / REG_RATE + 1 ))
mkdir -p "$OUT/register"
echo "== registering $CONTACTS contacts at $REG_RATE/s"
( cd "$OUT/register" && exec timeout -k 5 $(( ramp + 90 )) nice -n "$NICE" sipp "127.0.0.1:$PORT" \
    -sf "$ROOT/bench/sipp/register.xml" -key domain "$DOMAIN" -inf "$ROOT/$OUT/users.csv" -i 127.0.0.1 \
    -p "$(py freeport)" -t u1 -r "$REG_RATE" -m "$CONTACTS" -l $(( REG_RATE * 3 )) -buff_size 4194304 -nostdin \
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
    -i 127.0.0.1 -p "$UPORT" -t u1 -buff_size 4194304 -nostdin -timeout "${life}s" -trace_stat -stf stat.csv -fd 1 \
  ) > "$OUT/uas/sipp.out" 2>&1 &
UAS=$!; PIDS+=("$UAS")
wait_port "$UPORT" 10 "$UAS" || fail "the uas did not start (see $OUT/uas)"
echo "== $DIALOGS calls at $CALL_RATE/s, held until the end of the run"
( cd "$OUT/uac" && exec timeout -k 5 "$life" nice -n "$NICE" sipp "127.0.0.1:$PORT" -sf "$ROOT/bench/sipp/uac-rr.xml" \
    -key domain "$DOMAIN" -s service -i 127.0.0.1 -p "$(py freeport)" -t u1 -r "$CALL_RATE" -m "$DIALOGS" \
    -l $(( DIALOGS + 100 )) -d $(( life * 1000 )) -buff_size 4194304 -nostdin -timeout "${life}s" \
    -trace_stat -stf stat.csv -fd 1 ) > "$OUT/uac/sipp.out" 2>&1 &
UAC=$!; PIDS+=("$UAC")

# the uas's current calls = dialogs established and waiting for their BYE
held=0
for _ in $(seq 1 $(( ramp * 3 + 60 ))); do
  sleep 1
  kill -0 "$SPID" 2>/dev/null || fail "the server exited (see $OUT/server.log)"
  held="$(py stat "$OUT/uas/stat.csv" CurrentCall)"; held="${held:-0}"
  [ "$held" -ge "$DIALOGS" ] && break
done
failed="$(py stat "$OUT/uac/stat.csv" 'FailedCall(C)')"
echo "   dialogs held by the uas: $held (caller failed calls: ${failed:-?}); waiting ${SETTLE}s for the transactions to end"
[ "$held" -ge "$DIALOGS" ] || fail "only $held of $DIALOGS dialogs were established (see $OUT/uac, $OUT/uas)"
sleep "$SETTLE"
kill -0 "$SPID" 2>/dev/null || fail "the server exited (see $OUT/server.log)"
held_after="$(py stat "$OUT/uas/stat.csv" CurrentCall)"

# -- 4. the memory with everything in it
after="$(used_kb loaded)"
[ -n "$after" ] || fail "no memory reading (see $OUT/memory-loaded.txt)"
if [ "$SERVER" = callisto ]; then
  timeout 120 "$JCMD" "$SPID" GC.class_histogram 2>&1 | head -33 > "$OUT/histogram.txt"
  extra="class histogram (top 30): $OUT/histogram.txt; gc log: $OUT/gc.log"
else
  timeout 30 kamcmd -s "$CTL" stats.get_statistics all > "$OUT/kamailio-stats.txt" 2>&1
  extra="usrloc: $(grep -E 'usrloc:registered_users' "$OUT/kamailio-stats.txt" | tr -s ' ' | tr -d '\n'); statistics: $OUT/kamailio-stats.txt"
fi
{
  echo "date: $(date -Is); git: $(git rev-parse --short HEAD 2>/dev/null || echo '?'); server: $(head -1 "$OUT/server-cmd.txt")"
  [ "$SERVER" = callisto ] && echo "CALLISTO_JAVA_OPTS: $CALLISTO_JAVA_OPTS"
  echo "registered contacts: $reg_ok (failed $reg_failed); dialogs held: $held_after (caller failed calls ${failed:-?})"
  echo "$MEASURE: baseline $(( before / 1024 )) MB, loaded $(( after / 1024 )) MB"
  echo "per contact or dialog: $(( (after - before) * 1024 / (CONTACTS + DIALOGS) )) bytes on average"
  echo "$extra"
} | tee "$OUT/summary.txt"
echo "results: $OUT"
