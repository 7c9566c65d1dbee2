#!/usr/bin/env bash
# SIPp's own pace, without a server in the way (docs/server-bench.md, "sent/s"): SIPp's uac (bench/sipp/register.xml)
# at RATE REGISTERs/s against a minimal C responder (bench/sipp-pace/responder.c), three times:
#   quiet    the responder alone: SIPp sends what it is asked to
#   spin     plus CPU competition on every CPU: THREADS threads that each spin BUSY_US every PERIOD_US
#            (bench/sipp-pace/spin.c), the on-off pattern of a server's event loop; the kernel puts a woken
#            spinner on SIPp's CPU, SIPp is preempted inside its call generation loop and drops calls
#   pinned   the same competition on the last CPU, SIPp and the responder on the others (taskset)
# For each it prints SIPp's sent/s (bench/lib/server_load.py sipp_sent_rate) and how long SIPp was runnable but
# waited for a CPU, in ms per second (/proc/PID/schedstat). Needs cc (apt-get install gcc), sipp and
# taskset; 127.0.0.1 only; about 1.5 minutes with the defaults.
#
#   bench/sipp-pace.sh [--rate 25000] [--duration 20] [--spin "2 1000 2000"]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RATE=25000; DURATION=20; SPIN="2 1000 2000"
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --spin) SPIN="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$RATE$DURATION" in *[!0-9]*) echo "--rate and --duration: whole numbers" >&2; exit 2 ;; esac
for t in cc sipp taskset python3; do
  command -v "$t" >/dev/null || { echo "sipp-pace: needs $t" >&2; exit 2; }
done
CPUS="$(nproc)"
OUT="bench/results/sipp-pace-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
mkdir -p "$OUT/bin"
cc -O2 -o "$OUT/bin/responder" bench/sipp-pace/responder.c || exit 1
cc -O2 -pthread -o "$OUT/bin/spin" bench/sipp-pace/spin.c || exit 1
python3 bench/lib/server_load.py users 10000 user "$OUT/users.csv"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT

freeport() { python3 bench/lib/server_load.py freeport; }

# one CASE: starts the responder (and spinners), runs SIPp, prints a table row
one() {
  local name="$1" port lport sp="" rp pin_load=() pin_spin=() pre="-"
  if [ "$name" = pinned ]; then
    pin_load=(taskset -c "0-$((CPUS - 2))"); pin_spin=(taskset -c "$((CPUS - 1))")
  fi
  port="$(freeport)"; lport="$(freeport)"
  ${pin_load[@]+"${pin_load[@]}"} "$OUT/bin/responder" "$port" & rp=$!; PIDS+=("$rp")
  if [ "$name" != quiet ]; then
    # shellcheck disable=SC2086
    ${pin_spin[@]+"${pin_spin[@]}"} "$OUT/bin/spin" $SPIN & sp=$!; PIDS+=("$sp")
  fi
  sleep 0.5
  mkdir -p "$OUT/$name"
  ( cd "$OUT/$name" && exec timeout -k 5 $((DURATION + 40)) ${pin_load[@]+"${pin_load[@]}"} sipp "127.0.0.1:$port" \
      -sf "$ROOT/bench/sipp/register.xml" -key domain bench.test -i 127.0.0.1 -p "$lport" -t u1 -r "$RATE" -rp 1000 \
      -m $((RATE * DURATION)) -l $((RATE * 3)) -inf "$ROOT/$OUT/users.csv" -buff_size 4194304 -nostdin \
      -timeout "$((DURATION + 30))s" -trace_stat -stf stat.csv -fd 1 ) > "$OUT/$name/sipp.out" 2>&1 &
  local sipp=$!
  sleep 3
  local spid; spid="$(pgrep -P "$sipp" -n 2>/dev/null || true)"
  [ -n "$spid" ] && ! grep -q '^Name:.*sipp' "/proc/$spid/status" 2>/dev/null && spid="$(pgrep -P "$spid" -n)"
  # /proc/PID/schedstat: time on a CPU, time runnable but waiting for one (ns), timeslices
  local c0 c1; c0="$(awk '{print $2}' "/proc/$spid/schedstat" 2>/dev/null)"
  sleep $((DURATION - 6))
  c1="$(awk '{print $2}' "/proc/$spid/schedstat" 2>/dev/null)"
  wait "$sipp"
  kill "$rp" ${sp:+"$sp"} 2>/dev/null
  local sent
  sent="$(python3 -c "import sys; sys.path.insert(0, 'bench/lib'); import server_load as s
r = s.sipp_sent_rate('$OUT/$name/stat.csv'); print(round(r) if r else '-')")"
  [ -n "$c0" ] && [ -n "$c1" ] && pre=$(( (c1 - c0) / (DURATION - 6) / 1000000 ))
  local pct="-"
  [ "$sent" != "-" ] && pct="$(python3 -c "print(f'{100 * $sent / $RATE:.1f}')")"
  echo "| $name | $RATE | $sent | $pct | $pre |" | tee -a "$OUT/table.md"
}

{
  echo "sipp-pace: $(date -Iseconds), $CPUS CPUs, $(sipp -v 2>&1 | grep -m1 SIPp | sed 's/^ *//'), rate $RATE/s for ${DURATION}s, spin: $SPIN"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/env.txt"
echo "| case | offered/s | SIPp sent/s | sent % | SIPp waiting for a CPU, ms/s |" | tee "$OUT/table.md"
echo "|---|---:|---:|---:|---:|" | tee -a "$OUT/table.md"
one quiet
one spin
[ "$CPUS" -ge 2 ] && one pinned
echo "results: $OUT"
