#!/usr/bin/env bash
# callisto bench vs SIPp: the highest call rate with 0 failed calls, side by side in one run, for
#
#   UAC  `bin/callisto bench call`  vs  SIPp's built-in `uac`, both calling SIPp's built-in `uas`
#   UAS  `bin/callisto bench uas`   vs  SIPp's built-in `uas`, both answering SIPp's built-in `uac`
#
# Scenario (both tools): INVITE, 100/180, 200, ACK, hold HOLD_MS, BYE, 200 over UDP on 127.0.0.1.
# Each step (one tool, one rate) starts fresh processes on free loopback ports and offers rate x DURATION calls.
# A step is clean when every call succeeded (0 failed, successful = offered) by the driving side's own count,
# and, for `bench call`, when it reports that it kept up with the rate. A sweep goes up RATES and stops at the
# first step that is not clean; the tool's figure is the last clean rate. The table ends with callisto / SIPp.
#
# Usage: bench/bench-vs-sipp.sh            (the defaults below)
#        RATES="500 1000" DURATION=3 bench/bench-vs-sipp.sh      (a quick check)
# Environment:
#   RATES          offered calls/s, ascending        (default "1000 2000 3000 4000 5000 6000 7000 8000 9000 10000")
#   DURATION       seconds of load per step          (default 10)
#   HOLD_MS        call hold, SIPp -d / --duration-ms (default 0)
#   RAMP_MS        ramp of `bench call` from 0 to the rate, for the JVM to warm up (default 2000). SIPp starts at
#                  full rate; the ramp's calls are counted like the others, so `bench call` offers slightly fewer
#                  calls per second over the step, the same total.
#   UAS_WARMUP_S   seconds of SIPp uac at a tenth of the rate before each UAS step, not counted (default 5), for
#                  both tools
#   ROLES          which sweeps to run: "uac", "uas" or both (default "uac uas")
#   JAVA_OPTS      JVM options of callisto (default "-Xms1g -Xmx1g -XX:+UseParallelGC")
#   SIPP           the sipp binary (default: sipp on PATH)
# Output: a table on stdout; every process's output in bench/results/bench-vs-sipp-<date>/.
# Everything is bounded (timeouts on every process); processes are stopped by PID on exit.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RATES="${RATES:-1000 2000 3000 4000 5000 6000 7000 8000 9000 10000}"
DURATION="${DURATION:-10}"
HOLD_MS="${HOLD_MS:-0}"
RAMP_MS="${RAMP_MS:-2000}"
UAS_WARMUP_S="${UAS_WARMUP_S:-5}"
ROLES="${ROLES:-uac uas}"
JAVA_OPTS="${JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}"
SIPP="${SIPP:-sipp}"
OUT="$ROOT/bench/results/bench-vs-sipp-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
  done
  sleep 0.5
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  done
}
trap cleanup EXIT INT TERM

command -v "$SIPP" >/dev/null || { echo "SIPp is not installed (apt-get install sip-tester)" >&2; exit 2; }
echo "building callisto..." >&2
"$ROOT/bin/callisto" --version >/dev/null || exit 2
JAR="$ROOT/callisto-cli/target/callisto.jar"

free_port() {
  python3 -c 'import socket
s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (at most 30 s) until UDP port $1 is bound on the machine.
await_bound() {
  local hex
  hex=$(printf ':%04X ' "$1")
  for _ in $(seq 1 300); do
    cat /proc/net/udp /proc/net/udp6 2>/dev/null | awk '{print $2" "}' | grep -q "$hex" && return 0
    sleep 0.1
  done
  return 1
}

stop_pid() {
  kill "$1" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null
}

# sipp's final counter $2 (e.g. SuccessfulCall(C)) from its -stf file $1.
sipp_count() {
  python3 - "$1" "$2" <<'PY'
import sys
rows = [l.rstrip('\n').split(';') for l in open(sys.argv[1], encoding='latin-1') if l.strip()]
print(rows[-1][rows[0].index(sys.argv[2])].strip() if len(rows) > 1 else -1)
PY
}

# The counts printed by callisto bench on its last line: "bench: NAME attempted=A succeeded=S failed=F ..."
bench_field() {
  grep -o "$2=[0-9]*" "$1" | tail -1 | cut -d= -f2
}

# One UAC step: tool $1 (sipp|callisto) at rate $2 against a fresh SIPp uas. Prints "clean" or the reason.
uac_step() {
  local tool=$1 rate=$2 calls=$(($2 * DURATION)) port dir limit
  dir="$OUT/uac-$tool-$rate"; mkdir -p "$dir"
  limit=$((DURATION + HOLD_MS / 1000 + 60))
  port=$(free_port)
  (cd "$dir" && exec timeout $((limit + 30)) "$SIPP" -sn uas -i 127.0.0.1 -p "$port" -nostdin \
      >"$dir/uas.txt" 2>&1) &
  local uas=$!; PIDS+=("$uas")
  await_bound "$port" || { echo "sipp uas did not start"; stop_pid "$uas"; return; }
  if [ "$tool" = sipp ]; then
    local lport; lport=$(free_port)
    (cd "$dir" && timeout $((limit + 10)) "$SIPP" -sn uac "127.0.0.1:$port" -i 127.0.0.1 -p "$lport" \
        -r "$rate" -m "$calls" -d "$HOLD_MS" -nostdin -trace_stat -stf "$dir/uac.csv" -fd 1 \
        -timeout "${limit}s" -timeout_error >"$dir/uac.txt" 2>&1)
    local ok failed
    ok=$(sipp_count "$dir/uac.csv" 'SuccessfulCall(C)'); failed=$(sipp_count "$dir/uac.csv" 'FailedCall(C)')
    [ "$ok" = "$calls" ] && [ "$failed" = 0 ] && echo clean || echo "successful $ok failed $failed of $calls"
  else
    # shellcheck disable=SC2086
    timeout $((limit + 10)) java $JAVA_OPTS -jar "$JAR" bench call --target "127.0.0.1:$port" --rate "$rate" \
        --ramp-ms "$RAMP_MS" --calls "$calls" --duration-ms "$HOLD_MS" --quiet >"$dir/bench.out" 2>"$dir/bench.err"
    local ok failed
    ok=$(bench_field "$dir/bench.err" succeeded); failed=$(bench_field "$dir/bench.err" failed)
    if [ "$ok" = "$calls" ] && [ "$failed" = 0 ] && ! grep -q "NOT kept up" "$dir/bench.err"; then
      echo clean
    else
      echo "successful ${ok:-?} failed ${failed:-?} of $calls $(grep -o 'NOT kept up.*' "$dir/bench.err" | head -1)"
    fi
  fi
  stop_pid "$uas"
}

# One UAS step: tool $1 (sipp|callisto) answering SIPp uac at rate $2. Prints "clean" or the reason.
uas_step() {
  local tool=$1 rate=$2 calls=$(($2 * DURATION)) port dir limit srv
  dir="$OUT/uas-$tool-$rate"; mkdir -p "$dir"
  limit=$((DURATION + HOLD_MS / 1000 + 60))
  port=$(free_port)
  if [ "$tool" = sipp ]; then
    (cd "$dir" && exec timeout $((limit + 30)) "$SIPP" -sn uas -i 127.0.0.1 -p "$port" -nostdin \
        >"$dir/uas.txt" 2>&1) &
  else
    # shellcheck disable=SC2086
    (exec timeout $((limit + 30)) java $JAVA_OPTS -jar "$JAR" bench uas --bind "127.0.0.1:$port" \
        --quiet >"$dir/bench.out" 2>"$dir/bench.err") &
  fi
  srv=$!; PIDS+=("$srv")
  await_bound "$port" || { echo "the uas did not start"; stop_pid "$srv"; return; }
  # a short warm-up at a tenth of the rate, not counted, for both tools (SIPp's uac starts at full rate, where
  # `bench call` on the UAC side ramps): a JVM's first seconds are interpreted code
  local lport wrate=$(( rate / 10 )); lport=$(free_port)
  if [ "$UAS_WARMUP_S" -gt 0 ]; then
    (cd "$dir" && timeout 60 "$SIPP" -sn uac "127.0.0.1:$port" -i 127.0.0.1 -p "$lport" -r "$wrate" \
        -m $(( wrate * UAS_WARMUP_S )) -nostdin -timeout 50s >"$dir/warmup.txt" 2>&1)
    sleep 1
  fi
  (cd "$dir" && timeout $((limit + 10)) "$SIPP" -sn uac "127.0.0.1:$port" -i 127.0.0.1 -p "$lport" \
      -r "$rate" -m "$calls" -d "$HOLD_MS" -nostdin -trace_stat -stf "$dir/uac.csv" -fd 1 \
      -timeout "${limit}s" -timeout_error >"$dir/uac.txt" 2>&1)
  local ok failed
  ok=$(sipp_count "$dir/uac.csv" 'SuccessfulCall(C)'); failed=$(sipp_count "$dir/uac.csv" 'FailedCall(C)')
  [ "$ok" = "$calls" ] && [ "$failed" = 0 ] && echo clean || echo "successful $ok failed $failed of $calls"
  stop_pid "$srv"
}

# Sweeps RATES with step function $1 for tool $2; prints the highest clean rate (0 if none).
sweep() {
  local best=0 verdict
  for rate in $RATES; do
    verdict=$($1 "$2" "$rate")
    echo "  $1 $2 $rate/s: $verdict" >&2
    [ "$verdict" = clean ] || break
    best=$rate
  done
  echo "$best"
}

ratio() {
  python3 -c "import sys
try:
    a, b = float(sys.argv[1]), float(sys.argv[2]); print('%.2fx' % (a / b) if b else '-')
except ValueError:
    print('-')" "$1" "$2"
}

echo "rates: $RATES; $DURATION s per step; hold $HOLD_MS ms; results in $OUT" >&2
uac_sipp=-; uac_callisto=-; uas_sipp=-; uas_callisto=-
if [[ " $ROLES " == *" uac "* ]]; then
  uac_sipp=$(sweep uac_step sipp)
  uac_callisto=$(sweep uac_step callisto)
fi
if [[ " $ROLES " == *" uas "* ]]; then
  uas_sipp=$(sweep uas_step sipp)
  uas_callisto=$(sweep uas_step callisto)
fi
{
  echo
  echo "highest calls/s with 0 failed calls ($DURATION s per step, hold $HOLD_MS ms, UDP, 127.0.0.1, $(nproc) CPUs)"
  printf '%-36s %10s %12s %8s\n' "role" "SIPp" "callisto" "ratio"
  printf '%-36s %10s %12s %8s\n' "UAC (calling SIPp uas)" "$uac_sipp" "$uac_callisto" "$(ratio "$uac_callisto" "$uac_sipp")"
  printf '%-36s %10s %12s %8s\n' "UAS (answering SIPp uac)" "$uas_sipp" "$uas_callisto" "$(ratio "$uas_callisto" "$uas_sipp")"
} | tee "$OUT/table.txt"
