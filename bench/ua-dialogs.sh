#!/usr/bin/env bash
# Memory per established dialog of `bin/callisto ua --answer`: SIPp's built-in `uac` opens DIALOGS calls that it
# holds for a long time; once all are established and the INVITE transactions have ended (Timer L, 64*T1 = 32 s),
# a full GC is forced and the heap in use is read with jcmd. Bytes per dialog = (used - used before the load) /
# DIALOGS. The UA runs with -Xmx${HEAP} so the run also proves the dialogs fit in that heap.
#
# Usage: bench/ua-dialogs.sh [DIALOGS] [RATE]        (defaults 50000 and 1000 calls/s)
# Needs: sipp (Debian sip-tester), jcmd (the JDK). Loopback only; everything is bounded and stopped by PID.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIALOGS="${1:-50000}"
RATE="${2:-1000}"
HEAP="${HEAP:-512m}"
PORT="${PORT:-5770}"
SIPP_PORT="${SIPP_PORT:-5771}"
OUT="$ROOT/bench/results/ua-dialogs-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
ramp=$(( DIALOGS / RATE + 1 ))
hold_ms=$(( (ramp + 120) * 1000 ))

"$ROOT/bin/callisto" --version >/dev/null   # builds the jar on first use
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1;
            for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The JVM is started directly (its PID is what jcmd needs); the trap stops it, every wait below is bounded.
java -Xmx"$HEAP" -XX:+UseG1GC -jar "$ROOT/callisto-cli/target/callisto.jar" \
  ua --bind 127.0.0.1:$PORT --answer --quiet > "$OUT/ua.log" 2>&1 &
ua=$!; pids+=("$ua")
for _ in $(seq 50); do grep -q listening "$OUT/ua.log" 2>/dev/null && break; sleep 0.2; done
jcmd "$ua" GC.run >/dev/null; sleep 1
used_kb() { jcmd "$ua" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'; }
before=$(used_kb)

( cd "$OUT" && timeout $(( ramp + 200 )) sipp -sn uac 127.0.0.1:$PORT -i 127.0.0.1 -p $SIPP_PORT -m "$DIALOGS" \
    -r "$RATE" -d "$hold_ms" -l $(( DIALOGS + 1000 )) -trace_stat -stf stat.csv -fd 2 -nostdin \
    -timeout $(( ramp + 180 ))s > sipp.log 2>&1 ) &
sipp=$!; pids+=("$sipp")

stat() { tail -1 "$OUT/stat.csv" | tr ';' '\n' | paste -d= <(head -1 "$OUT/stat.csv" | tr ';' '\n') - \
         | grep -E "^$1=" | cut -d= -f2; }
# Wait until every call is established, then for Timer L (32 s) so that only dialogs remain.
for _ in $(seq $(( ramp * 2 + 60 ))); do
  sleep 1
  [ -f "$OUT/stat.csv" ] && [ "$(stat CurrentCall)" = "$DIALOGS" ] && break
done
established=$(stat CurrentCall); failed=$(stat 'FailedCall\(C\)')
sleep 35
jcmd "$ua" GC.run >/dev/null; sleep 2
after=$(used_kb)
jcmd "$ua" GC.class_histogram | head -25 > "$OUT/histogram.txt"
per=$(( (after - before) * 1024 / DIALOGS ))
{
  echo "dialogs held by SIPp: $established (failed calls: $failed), heap limit $HEAP"
  echo "heap in use after full GC: before ${before} KB, with the dialogs ${after} KB"
  echo "bytes per established dialog: $per"
} | tee "$OUT/summary.txt"
