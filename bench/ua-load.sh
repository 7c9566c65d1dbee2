#!/usr/bin/env bash
# UAS load benchmark: CPU per call and highest clean call rate of a SIP UAS under SIPp's built-in `uac`
# (INVITE / 100? / 180? / 200 / ACK / hold / BYE / 200, UDP, 127.0.0.1 only), for several UASes in one run:
#
#   sipp-uas   SIPp's built-in `uas` scenario (the instrument; answers 180 + 200 with SDP)
#   jain-sip   io.callisto.jmh.uas.JainSipUas (JAIN-SIP RI 1.3.0-91, module callisto-jmh; 180 + 200 with SDP)
#   callisto   bin/callisto ua --bind 127.0.0.1:PORT --answer (skipped, with a message, while
#              `bin/callisto ua --help` fails)
#
# Usage:
#   bench/ua-load.sh                                   # all UASes, defaults below
#   bench/ua-load.sh --uas "sipp-uas jain-sip" --rates "1000 2000 3000" --duration 10 --warmup 5
#   bench/ua-load.sh --table bench/results/ua-load-<date>   # print the tables of an earlier run again
#
# Options (each has an environment variable of the same meaning; options win):
#   --uas LIST          UAS           UASes to run, in order            (default "sipp-uas jain-sip callisto")
#   --cpu-rates LIST    CPU_RATES     rates whose CPU/call is tabled    (default "1000 2000")
#   --rates LIST        RATES         sweep for the highest clean rate  (default "1000 2000 3000 4000 6000 8000")
#   --duration S        DURATION      seconds of offered load per measured step (default 20)
#   --warmup S          WARMUP        seconds of load before each JVM step, not measured (default 10); it
#                                     follows 5 s at min(rate, 200)/s, because a cold JVM that falls behind
#                                     can run out of heap (JAIN-SIP queues every datagram in a 64 KB buffer)
#   --warmup-rate R     WARMUP_RATE   calls/s of that warm-up, capped at the step's rate (default 1000)
#   --hold MS           HOLD_MS       call hold between ACK and BYE, SIPp -d (default 1000)
#   --feature F         FEATURE       what the calls use (default plain):
#                                     plain  SIPp's built-in uac / uas;
#                                     prack  RFC 3262: bench/sipp/uac-prack.xml requires 100rel and PRACKs the
#                                            reliable 183 that carries the SDP answer; sipp-uas plays
#                                            bench/sipp/uas-prack.xml, callisto answers with --early-media; both
#                                            send the 200 after the PRACK; jain-sip is skipped (no PRACK);
#                                     timer  RFC 4028: bench/sipp/uac-timer.xml asks for Session-Expires: 1800
#                                            and checks the 200 carries one; sipp-uas plays bench/sipp/uas-timer.xml;
#                                            callisto has session timers on by default; jain-sip is skipped.
#                                     Results go to ua-load-<date>-<feature> for prack and timer.
# Environment only:
#   JAVA          java binary or JDK home for the JVM UASes (default: java on PATH)
#   JVM_FLAGS     heap/GC flags of every JVM UAS
#                 (default "-Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError")
#   JSIP_THREADS  JAIN-SIP THREAD_POOL_SIZE (default 1)
#   JSIP_OPTS     more JVM options for the JAIN-SIP UAS, e.g. "-Dgov.nist.javax.sip.MAX_MESSAGE_SIZE=8192"
#   RETRIES       how many more times a step that is not clean is run, after a 15 s pause (default 1). On
#                 this shared VM a single stall of SIPp (UDP drops at its socket) can fail a step whose UAS is
#                 far from its limit; every attempt is kept and shown, the last one counts.
#   ALLOC         1 = measure allocation per call of JVM UASes with JFR, 0 = off (default 1)
#   NICE          nice value of every UAS and SIPp process (default -10; the machine is shared)
#   BENCH_TIMEOUT seconds for the whole run (default 3600)
#   CALLISTO_UA   command line of the Callisto UAS, {port} is replaced (default
#                 "bin/callisto ua --bind 127.0.0.1:{port} --answer"); JVM_FLAGS and the JFR option reach it
#                 through CALLISTO_JAVA_OPTS, JAVA through JAVA_HOME.
#
# Each step (one UAS, one offered rate) starts a fresh UAS on a free loopback port; for a JVM it first runs a
# warm-up SIPp (WARMUP s at min(rate, WARMUP_RATE)) and waits for it to end. Then the measured SIPp uac runs
# rate x DURATION calls; the window is that SIPp's life (its last calls' hold and BYE included). Over the
# window: UAS CPU = utime+stime of the UAS process tree from /proc/PID/stat (ticks -> ms), SIPp uac CPU from the
# shell's child rusage, the CPU of all other processes (other tenants of this shared machine), UDP drops, and for
# JVMs the bytes allocated by all Java threads (JFR jdk.ThreadAllocationStatistics, every 200 ms; sum of the
# per-thread counters at the sample nearest the window's end minus at the one nearest its start). SIPp gives
# created / successful / failed calls and Retransmissions(C) (-trace_stat), the answer times (-trace_rtt).
# A step is clean when failed = 0, successful = planned, retransmissions < 1 % of calls created and the
# achieved answer rate (200s per second between the first and the last) >= 98 % of the offered rate; a step
# that is not clean is run again (RETRIES) and the last attempt counts. The sweep of a UAS goes up RATES (and
# CPU_RATES) and stops after the first unclean step once every CPU rate is done; its highest clean rate is the
# last clean step below the first unclean one.
#
# The 2 vCPUs are shared by the UAS, SIPp uac and anything else on the machine; nothing is pinned (pinning
# one process per core would hide the contention a real box has, and leave a JVM's GC threads one core).
# Everything is bounded: SIPp -timeout plus a hard `timeout`, UAS under `timeout`, the whole run under
# BENCH_TIMEOUT. Processes are stopped by PID (TERM, then KILL) on exit. Output: bench/results/ua-load-<date>/.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C
# The whole run is bounded: run this script again under timeout (its TERM reaches the trap below, which stops
# our processes by PID).
if [ -z "${UA_LOAD_BOUNDED:-}" ]; then
  UA_LOAD_BOUNDED=1 exec timeout -k 30 "${BENCH_TIMEOUT:-3600}" "$0" "$@"
fi

# ---------------------------------------------------------------------------------------------- helpers (python)
read -r -d '' PYHELP <<'PY'
import json, os, sys, time, math, glob, csv
from datetime import datetime, timezone
sys.path.insert(0, 'bench/lib')  # the script runs in the checkout's root
from procstat import snapshot, tree
CLK = os.sysconf('SC_CLK_TCK')

def freeport():
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
    print(s.getsockname()[1]); s.close()

def snap(path):
    json.dump(snapshot(), open(path, 'w'))

def jfr_alloc(jfr_json, t0, t1):
    """Bytes allocated by all Java threads between t0 and t1 (epoch s), from jdk.ThreadAllocationStatistics."""
    ev = json.load(open(jfr_json))['recording']['events']
    batches = {}   # sample time (rounded to 10 ms) -> {thread: allocated}
    for e in ev:
        v = e['values']
        ts = v['startTime'].rstrip('Z')
        main, frac = (ts.split('.') + ['0'])[:2]
        t = datetime.fromisoformat(main).replace(tzinfo=timezone.utc).timestamp() + float('0.' + frac)
        key = round(t, 2)
        th = v['thread']
        tid = (th or {}).get('javaThreadId') or (th or {}).get('osThreadId')
        batches.setdefault(key, {})[tid] = v['allocated']
    if len(batches) < 2:
        return None
    times = sorted(batches)
    # merge samples a few ms apart (one period's events carry slightly different timestamps)
    groups, cur = [], [times[0]]
    for t in times[1:]:
        if t - cur[0] < 0.05:
            cur.append(t)
        else:
            groups.append(cur); cur = [t]
    groups.append(cur)
    merged = []
    for g in groups:
        d = {}
        for t in g:
            d.update(batches[t])
        merged.append((g[0], d))
    def nearest(t):
        return min(merged, key=lambda m: abs(m[0] - t))
    a, b = nearest(t0), nearest(t1)
    if b[0] <= a[0]:
        return None
    delta = sum(v - a[1].get(k, 0) for k, v in b[1].items())
    return {'bytes': delta, 'from': a[0], 'to': b[0], 'edge_error_s': round(abs(a[0] - t0) + abs(b[0] - t1), 3)}

def summarize(a):
    s0, s1 = json.load(open(a['snap0'])), json.load(open(a['snap1']))
    wall = s1['t'] - s0['t']
    uas = tree(s0['procs'], a['uas_pids'].split(',')) | tree(s1['procs'], a['uas_pids'].split(','))
    def ticks(s, pids):
        return sum(s['procs'][p][1] for p in pids if p in s['procs'])
    common = [p for p in uas if p in s0['procs'] and p in s1['procs']]
    uas_ms = (ticks(s1, common) - ticks(s0, common)) * 1000.0 / CLK
    others = [p for p in s1['procs'] if p in s0['procs'] and p not in uas and p != str(os.getppid())]
    other_ms = sum(max(0, s1['procs'][p][1] - s0['procs'][p][1]) for p in others) * 1000.0 / CLK
    uac_ms = float(a['uac_cpu_s']) * 1000.0
    st = {}
    rows = []
    stat = os.path.join(a['dir'], 'stat.csv')
    if os.path.exists(stat):
        rows = list(csv.reader(open(stat), delimiter=';'))
        if len(rows) >= 2:
            st = dict(zip(rows[0], rows[-1]))
    def gi(k):
        try:
            return int(st.get(k, '0') or 0)
        except ValueError:
            return 0
    stamps = []
    for rf in glob.glob(os.path.join(a['dir'], '*_rtt.csv')):
        for line in open(rf):
            p = line.strip().split(';')
            try:
                stamps.append((float(p[0]), float(p[1])))
            except (ValueError, IndexError):
                pass
    stamps.sort()
    rtts = sorted(r for _, r in stamps)
    achieved = None
    if len(stamps) > 1 and stamps[-1][0] > stamps[0][0]:
        achieved = (len(stamps) - 1) / ((stamps[-1][0] - stamps[0][0]) / 1000.0)
    def pct(q):
        return rtts[min(len(rtts) - 1, max(0, math.ceil(q / 100.0 * len(rtts)) - 1))] if rtts else None
    rate, planned = int(a['rate']), int(a['planned'])
    created, ok, failed, retr = gi('TotalCallCreated'), gi('SuccessfulCall(C)'), gi('FailedCall(C)'), gi('Retransmissions(C)')
    calls = created if created else planned
    alloc = None
    if a.get('jfr_json') and os.path.exists(a['jfr_json']):
        try:
            alloc = jfr_alloc(a['jfr_json'], s0['t'], s1['t'])
        except Exception as e:   # a broken recording must not lose the step
            alloc = {'error': str(e)}
    port_drops = {p: s1['port_drops'].get(p, 0) - s0['port_drops'].get(p, 0) for p in (a['uas_port'],)}
    uac_drops = None
    try:
        uac_drops = int(open(os.path.join(a['dir'], 'uac-drops.txt')).read().split()[0])
    except (OSError, ValueError, IndexError):
        pass
    retr_pct = 100.0 * retr / created if created else None
    alive = a.get('uas_alive') == '1'
    clean = (alive and failed == 0 and ok == planned and created > 0 and retr_pct is not None and retr_pct < 1.0
             and achieved is not None and achieved >= 0.98 * rate)
    res = {
        'uas': a['uas'], 'rate_offered': rate, 'duration_s': int(a['duration']), 'calls_planned': planned,
        'calls_created': created, 'successful': ok, 'failed': failed, 'retransmissions': retr,
        'retrans_pct': round(retr_pct, 3) if retr_pct is not None else None,
        'dead_call_msgs': gi('DeadCallMsgs(C)'), 'out_of_call_msgs': gi('OutOfCallMsgs(C)'),
        'rate_achieved': round(achieved, 1) if achieved else None,
        'setup_ms_p50': pct(50), 'setup_ms_p99': pct(99), 'setup_ms_max': rtts[-1] if rtts else None,
        'window_s': round(wall, 2), 'uas_cpu_ms': round(uas_ms, 1),
        'uas_cpu_us_per_call': round(uas_ms * 1000.0 / calls, 1) if calls else None,
        'uas_cpu_pct': round(100.0 * uas_ms / 1000.0 / wall, 1),
        'uac_cpu_pct': round(100.0 * uac_ms / 1000.0 / wall, 1),
        'other_cpu_pct': round(100.0 * other_ms / 1000.0 / wall, 1),
        'alloc_bytes': alloc.get('bytes') if alloc else None,
        'alloc_kb_per_call': round(alloc['bytes'] / 1024.0 / calls, 1) if alloc and 'bytes' in alloc and calls else None,
        'alloc_edge_error_s': alloc.get('edge_error_s') if alloc else None,
        'udp_rcvbuf_errors': s1['rcvbuf_errors'] - s0['rcvbuf_errors'],
        'uas_port_drops': port_drops[a['uas_port']] if a['uas_port'] in port_drops else None,
        'uac_port_drops': uac_drops,
        'uas_alive': alive, 'load1_before': s0['load1'], 'sipp_rc': int(a['sipp_rc']), 'clean': clean, 'dir': a['dir'],
    }
    with open(a['results'], 'a') as f:
        f.write(json.dumps(res) + '\n')
    print(f"[{res['uas']} {rate}/s] created={created} ok={ok} failed={failed} retrans={retr} ({res['retrans_pct']}%) "
          f"achieved={res['rate_achieved']}/s p99={res['setup_ms_p99']}ms | UAS {res['uas_cpu_pct']}% "
          f"{res['uas_cpu_us_per_call']} us/call alloc={res['alloc_kb_per_call']} KB/call | uac {res['uac_cpu_pct']}% "
          f"others {res['other_cpu_pct']}% drops={res['udp_rcvbuf_errors']} -> {'CLEAN' if clean else 'NOT CLEAN'}",
          flush=True)
    sys.exit(0 if clean else 1)

def table(results, cpu_rates, order):
    every = [json.loads(l) for l in open(results) if l.strip()]
    last = {}
    for r in every:              # a step run again (noisy machine) replaces the earlier one
        last[(r['uas'], r['rate_offered'])] = r
    rs = [r for r in every if last[(r['uas'], r['rate_offered'])] is r]
    replaced = len(every) - len(rs)
    cpu_rates = [int(x) for x in cpu_rates.split()]
    uases = [u for u in order.split() if any(r['uas'] == u for r in rs)]
    def n(x, f='{:,.0f}'):
        return '-' if x is None else f.format(x)
    print('Per step (window = the measured SIPp run; CPU % of one core; µs/call = UAS CPU time / calls created):\n')
    print('| UAS | offered/s | achieved/s | created | ok | failed | retrans (%) | setup p50 / p99 ms | UAS CPU % '
          '| UAS µs/call | UAS KB/call | uac CPU % | others CPU % | UDP drops: all (at UAS, at uac) | clean |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
    for r in every:
        print(f"| {r['uas']} | {r['rate_offered']} | {n(r['rate_achieved'])} | {r['calls_created']} | {r['successful']} "
              f"| {r['failed']} | {r['retransmissions']} ({n(r['retrans_pct'], '{:.2f}')}) "
              f"| {n(r['setup_ms_p50'])} / {n(r['setup_ms_p99'])} | {n(r['uas_cpu_pct'], '{:.1f}')} "
              f"| {n(r['uas_cpu_us_per_call'])} | {n(r['alloc_kb_per_call'], '{:,.1f}')} | {n(r['uac_cpu_pct'], '{:.1f}')} "
              f"| {n(r['other_cpu_pct'], '{:.1f}')} | {r['udp_rcvbuf_errors']} ({n(r.get('uas_port_drops'))}, {n(r.get('uac_port_drops'))}) | {'yes' if r['clean'] else '**no**'}"
              f"{'' if last[(r['uas'], r['rate_offered'])] is r else ' (run again)'} |")
    def step(u, rate):
        m = [r for r in rs if r['uas'] == u and r['rate_offered'] == rate]
        return m[-1] if m else None
    def clean_rate(u):
        steps = sorted((r for r in rs if r['uas'] == u), key=lambda r: r['rate_offered'])
        best, top = None, True
        for r in steps:
            if not r['clean']:
                top = False
                break
            best = r['rate_offered']
        return best, top and bool(steps)
    ref = 'jain-sip' if 'jain-sip' in uases else None
    print('\nSummary (ratios: CPU/call ÷ JAIN-SIP\'s at the same rate; clean rate ÷ SIPp uas\'s):\n')
    head = '| UAS |'
    for c in cpu_rates:
        head += f' µs/call @{c}/s (× JAIN-SIP) | KB/call @{c}/s |'
    print(head + ' highest clean rate (× SIPp uas) |')
    print('|---|' + '---:|---:|' * len(cpu_rates) + '---:|')
    sipp_best = clean_rate('sipp-uas')[0] if 'sipp-uas' in uases else None
    for u in uases:
        line = f'| {u} |'
        for c in cpu_rates:
            r, j = step(u, c), (step(ref, c) if ref else None)
            if r is None:
                line += ' - | - |'
                continue
            mark = '' if r['clean'] else ' (not clean)'
            ratio = (f" ({r['uas_cpu_us_per_call'] / j['uas_cpu_us_per_call']:.2f}×)"
                     if j and j['uas_cpu_us_per_call'] and r['uas_cpu_us_per_call'] is not None else '')
            line += f" {n(r['uas_cpu_us_per_call'])}{ratio}{mark} | {n(r['alloc_kb_per_call'], '{:,.1f}')} |"
        best, top = clean_rate(u)
        txt = '-' if best is None else (f'≥ {best:,}' if top else f'{best:,}')
        if best is not None and sipp_best:
            txt += f' ({best / sipp_best:.2f}×)'
        line += f' {txt} |'
        print(line)

if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'freeport':
        freeport()
    elif cmd == 'snap':
        snap(sys.argv[2])
    elif cmd == 'summarize':
        summarize(dict(kv.split('=', 1) for kv in sys.argv[2:]))
    elif cmd == 'table':
        table(sys.argv[2], sys.argv[3], sys.argv[4])
PY
py() { python3 -c "$PYHELP" "$@"; }

# ---------------------------------------------------------------------------------------------- configuration
UAS="${UAS:-sipp-uas jain-sip callisto}"
CPU_RATES="${CPU_RATES:-1000 2000}"
RATES="${RATES:-1000 2000 3000 4000 6000 8000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
WARMUP_RATE="${WARMUP_RATE:-1000}"
HOLD_MS="${HOLD_MS:-1000}"
FEATURE="${FEATURE:-plain}"
TABLE_DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --uas) UAS="$2"; shift 2 ;;
    --cpu-rates) CPU_RATES="$2"; shift 2 ;;
    --rates) RATES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --warmup-rate) WARMUP_RATE="$2"; shift 2 ;;
    --hold) HOLD_MS="$2"; shift 2 ;;
    --feature) FEATURE="$2"; shift 2 ;;
    --table) TABLE_DIR="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$FEATURE" in
  plain|prack|timer) ;;
  *) echo "--feature must be plain, prack or timer, not '$FEATURE'" >&2; exit 2 ;;
esac
if [ -n "$TABLE_DIR" ]; then
  py table "$TABLE_DIR/results.jsonl" "$(cat "$TABLE_DIR/cpu-rates.txt" 2>/dev/null || echo "$CPU_RATES")" \
      "sipp-uas jain-sip callisto"
  exit 0
fi

JAVA="${JAVA:-java}"
[ -d "$JAVA" ] && JAVA="$JAVA/bin/java"
JVM_FLAGS="${JVM_FLAGS:--Xms4g -Xmx4g -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError}"
JSIP_THREADS="${JSIP_THREADS:-1}"
JSIP_OPTS="${JSIP_OPTS:-}"
RETRIES="${RETRIES:-1}"
ALLOC="${ALLOC:-1}"
NICE="${NICE:--10}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-3600}"
# (the default goes through a variable: a "}" inside ${VAR:-...} would end the expansion early)
CALLISTO_UA_DEFAULT='bin/callisto ua --bind 127.0.0.1:{port} --answer'
CALLISTO_UA="${CALLISTO_UA:-$CALLISTO_UA_DEFAULT}"
JAR=callisto-jmh/target/benchmarks.jar

need() { command -v "$1" >/dev/null || { echo "missing: $1 ($2)" >&2; exit 2; }; }
need sipp "apt-get install sip-tester"
need python3 "for the accounting and the tables"
need ss "iproute2"
need timeout "coreutils"

PIDS=()
stop_pid() { # pid: TERM, wait up to 10 s, then KILL; always reaped
  local p="$1" i
  kill -TERM "$p" 2>/dev/null || { wait "$p" 2>/dev/null; return 0; }
  for i in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
  return 0
}
cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  PIDS=()
}
forget_pid() { local p keep=(); for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done; PIDS=("${keep[@]}"); }
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

wait_port() { # port seconds pid: until a UDP socket is bound on 127.0.0.1:port; fails if pid dies
  local i
  for i in $(seq 1 $(( $2 * 10 ))); do
    ss -Hlnu "sport = :$1" | grep -q . && return 0
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

child_of() { # pid of the (single) child process of $1, e.g. the JVM under `timeout`
  local c
  for c in /proc/[0-9]*/stat; do
    [ "$(awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[2] }' "$c" 2>/dev/null)" = "$1" ] \
        && { basename "$(dirname "$c")"; return 0; }
  done
  return 1
}

# ---------------------------------------------------------------------------------------------- preparation
OUT="bench/results/ua-load-$(date +%Y%m%d-%H%M%S)"
[ "$FEATURE" != plain ] && OUT="$OUT-$FEATURE"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
echo "$CPU_RATES" > "$OUT/cpu-rates.txt"
ALL_RATES="$(printf '%s\n' $CPU_RATES $RATES | sort -n -u | tr '\n' ' ')"
MAX_CPU_RATE="$(printf '%s\n' $CPU_RATES | sort -n | tail -1)"

JVM_OK=0
if printf '%s\n' $UAS | grep -qx -e jain-sip -e callisto; then
  command -v "$JAVA" >/dev/null || { echo "no java at $JAVA" >&2; exit 2; }
  JAVA="$(readlink -f "$(command -v "$JAVA")")"
  JDK_BIN="$(dirname "$JAVA")"
  if [ "$ALLOC" = 1 ] && { [ ! -x "$JDK_BIN/jcmd" ] || [ ! -x "$JDK_BIN/jfr" ]; }; then
    echo "no jcmd/jfr next to $JAVA: allocation per call is not measured (ALLOC=0)" >&2
    ALLOC=0
  fi
  JVM_OK=1
fi

if printf '%s\n' $UAS | grep -qx jain-sip; then
  echo "== building $JAR"
  if ! timeout 900 ./mvnw -q -B -DskipTests -Djazzer.skip=true -pl callisto-jmh -am package > "$OUT/build.log" 2>&1; then
    tail -30 "$OUT/build.log" >&2; echo "build failed; see $OUT/build.log" >&2; exit 1
  fi
fi

CALLISTO_SKIPPED=""
if printf '%s\n' $UAS | grep -qx callisto; then
  help_cmd="${CALLISTO_UA%% --bind*} --help"
  echo "== checking '$help_cmd'"
  # shellcheck disable=SC2086
  JAVA_HOME="$(dirname "$JDK_BIN")" timeout 900 $help_cmd > "$OUT/callisto-help.txt" 2>&1
  help_rc=$?
  # picocli prints the top-level usage and exits 0 for an unknown command with --help: also require the option.
  if [ "$help_rc" -ne 0 ] || ! grep -q -e '--answer' "$OUT/callisto-help.txt"; then
    CALLISTO_SKIPPED="skipped: '$help_cmd' failed (exit $help_rc, no --answer in its output: $OUT/callisto-help.txt); its row arrives with \`bin/callisto ua\`"
    echo "callisto: $CALLISTO_SKIPPED"
  fi
fi

if [ "$ALLOC" = 1 ]; then
  cat > "$OUT/alloc.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- bench/ua-load.sh: the per-thread allocation counters only, every 200 ms -->
<configuration version="2.0" label="ua-load" description="Per-thread allocation counters only">
  <event name="jdk.ThreadAllocationStatistics">
    <setting name="enabled">true</setting>
    <setting name="period">200 ms</setting>
  </event>
</configuration>
EOF
fi

{
  echo "date: $(date -Is)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "sipp: $(sipp -v 2>&1 | grep -m1 SIPp | sed 's/^ *//')"
  echo "uas: $UAS"
  echo "feature: $FEATURE"
  echo "rates: $ALL_RATES (cpu rates: $CPU_RATES), duration ${DURATION}s, warm-up ${WARMUP}s at <= ${WARMUP_RATE}/s, hold ${HOLD_MS} ms"
  echo "nice: $NICE"
  if [ "$JVM_OK" = 1 ]; then
    echo "java: $JAVA ($("$JAVA" -version 2>&1 | head -1))"
    echo "jvm flags: $JVM_FLAGS; JAIN-SIP THREAD_POOL_SIZE=$JSIP_THREADS $JSIP_OPTS; alloc (JFR): $ALLOC"
  fi
  echo "udp: rmem_max=$(cat /proc/sys/net/core/rmem_max) wmem_max=$(cat /proc/sys/net/core/wmem_max)"
  [ -n "$CALLISTO_SKIPPED" ] && echo "callisto: $CALLISTO_SKIPPED"
} > "$OUT/env.txt"
cat "$OUT/env.txt"

# ---------------------------------------------------------------------------------------------- one step
# start_uas NAME PORT DIR -> UAS_PID (what we stop), UAS_JVM (pid for jcmd, empty if not a JVM)
start_uas() {
  local name="$1" port="$2" dir="$3" life=$(( WARMUP + DURATION + HOLD_MS / 1000 + 180 ))
  local jfr=() cmd=()
  UAS_JVM=""
  if [ "$ALLOC" = 1 ]; then
    jfr=("-XX:StartFlightRecording=name=uaload,settings=$ROOT/$OUT/alloc.jfc")
  fi
  case "$name" in
    sipp-uas)
      local scen=(-sn uas)
      [ "$FEATURE" != plain ] && scen=(-sf "$ROOT/bench/sipp/uas-$FEATURE.xml")
      cmd=(sipp "${scen[@]}" -i 127.0.0.1 -p "$port" -t u1 -buff_size 1048576 -nostdin -timeout "${life}s"
           -trace_stat -stf "$ROOT/$dir/uas-stat.csv" -fd 5) ;;
    jain-sip)
      # shellcheck disable=SC2206
      cmd=("$JAVA" $JVM_FLAGS "-Xlog:gc:file=$ROOT/$dir/gc.log" "${jfr[@]}" -Duas.maxSeconds="$life"
           -Dgov.nist.javax.sip.THREAD_POOL_SIZE="$JSIP_THREADS" $JSIP_OPTS -cp "$ROOT/$JAR" io.callisto.jmh.uas.JainSipUas
           127.0.0.1 "$port") ;;
    callisto)
      # shellcheck disable=SC2206
      local pat='{port}'
      cmd=(${CALLISTO_UA//"$pat"/$port})
      [ "$FEATURE" = prack ] && cmd+=(--early-media)
      export CALLISTO_JAVA_OPTS="$JVM_FLAGS -Xlog:gc:file=$ROOT/$dir/gc.log ${jfr[*]}"
      export JAVA_HOME="$(dirname "$JDK_BIN")" ;;
  esac
  echo "${cmd[*]}" > "$dir/uas-cmd.txt"
  [ "$name" = callisto ] && echo "CALLISTO_JAVA_OPTS=$CALLISTO_JAVA_OPTS JAVA_HOME=$JAVA_HOME" >> "$dir/uas-cmd.txt"
  timeout -k 5 "$life" nice -n "$NICE" "${cmd[@]}" > "$dir/uas.log" 2>&1 &
  UAS_PID=$!
  PIDS+=("$UAS_PID")
  if ! wait_port "$port" 60 "$UAS_PID"; then
    echo "$name did not bind 127.0.0.1:$port; log:" >&2; tail -20 "$dir/uas.log" >&2
    return 1
  fi
  if [ "$name" != sipp-uas ]; then
    UAS_JVM="$(child_of "$UAS_PID")" || UAS_JVM=""
  fi
  return 0
}

# run_uac DIR TARGET_PORT RATE SECONDS -> SIPP_RC, DIR/times0.txt and times1.txt (child rusage around SIPp);
# bounded by SIPp -timeout and a hard timeout
run_uac() {
  local dir="$1" port="$2" rate="$3" secs="$4" lport calls limit to
  lport="$(py freeport)"
  calls=$(( rate * secs ))
  limit=$(( rate * (HOLD_MS / 1000 + 3) )); [ "$limit" -lt 1000 ] && limit=1000
  to=$(( secs + HOLD_MS / 1000 + 30 ))
  local freq; freq="$(python3 -c "import math; print(math.gcd($calls, 1000))")"
  mkdir -p "$dir"
  local scen=(-sn uac)
  [ "$FEATURE" != plain ] && scen=(-sf "$ROOT/bench/sipp/uac-$FEATURE.xml" -s service)
  local cmd=(sipp "127.0.0.1:$port" "${scen[@]}" -i 127.0.0.1 -p "$lport" -t u1 -r "$rate" -rp 1000 -m "$calls"
             -d "$HOLD_MS" -l "$limit" -buff_size 1048576 -nostdin -timeout "${to}s"
             -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq "$freq" -trace_counts
             -trace_screen -screen_file screen.log -trace_err -error_file errors.log -error_overwrite true)
  echo "nice -n $NICE ${cmd[*]}" > "$dir/cmd.txt"
  times > "$dir/times0.txt"   # the shell's child rusage, in this shell (a $(...) subshell has its own)
  ( cd "$dir" && exec timeout -k 5 $(( to + 15 )) nice -n "$NICE" "${cmd[@]}" ) > "$dir/sipp.out" 2>&1 &
  local p=$!
  PIDS+=("$p")
  # SIPp's own socket disappears with it: sample its drop counter (/proc/net/udp, last column) every 0.5 s.
  local hex; hex="$(printf ':%04X' "$lport")"
  ( while kill -0 "$p" 2>/dev/null; do
      awk -v h="$hex" '$2 ~ h"$" { d += $NF; n++ } END { if (n) print d }' /proc/net/udp > "$dir/.uac-drops" &&
        [ -s "$dir/.uac-drops" ] && mv -f "$dir/.uac-drops" "$dir/uac-drops.txt"
      sleep 0.5
    done ) &
  local sampler=$!
  PIDS+=("$sampler")
  wait "$p"; SIPP_RC=$?
  times > "$dir/times1.txt"   # before reaping the sampler, whose CPU is not SIPp's
  forget_pid "$p"
  wait "$sampler" 2>/dev/null
  forget_pid "$sampler"
  rm -f "$dir/.uac-drops"
}

child_cpu_s() { # FILE written by the `times` builtin -> user+sys seconds of the shell's reaped children
  tail -1 "$1" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } print n }'
}

# step NAME RATE -> exit 0 clean, 1 not clean, 2 could not run
step() {
  local name="$1" rate="$2" dir="$OUT/$1-$2" port jvm=0
  [ -e "$dir" ] && dir="$OUT/$1-$2-$(date +%H%M%S)"   # a retry keeps the earlier attempt's files
  mkdir -p "$dir"
  [ "$name" != sipp-uas ] && jvm=1
  port="$(py freeport)"
  echo "-- $name at $rate/s (port $port) $(date +%T)"
  start_uas "$name" "$port" "$dir" || { stop_pid "$UAS_PID"; forget_pid "$UAS_PID"; return 2; }
  sleep 1
  if [ "$jvm" = 1 ] && [ "$WARMUP" -gt 0 ]; then
    local w0=$(( rate < 200 ? rate : 200 )) wr=$(( rate < WARMUP_RATE ? rate : WARMUP_RATE ))
    run_uac "$dir/warmup0" "$port" "$w0" 5
    run_uac "$dir/warmup" "$port" "$wr" "$WARMUP"
    echo "   warm-up: 5 s at $w0/s, then ${WARMUP} s at $wr/s, SIPp exit $SIPP_RC"
    sleep 2
  fi
  local c0 c1
  py snap "$dir/snap0.json"
  run_uac "$dir" "$port" "$rate" "$DURATION"
  c0="$(child_cpu_s "$dir/times0.txt")"; c1="$(child_cpu_s "$dir/times1.txt")"
  local alive=1
  kill -0 "$UAS_PID" 2>/dev/null || { alive=0; echo "   the UAS exited during the step; end of its log:"; tail -5 "$dir/uas.log"; }
  py snap "$dir/snap1.json"
  local jfr_json=""
  if [ "$ALLOC" = 1 ] && [ -n "$UAS_JVM" ]; then
    if timeout 60 "$JDK_BIN/jcmd" "$UAS_JVM" JFR.dump name=uaload filename="$ROOT/$dir/uas.jfr" > "$dir/jcmd.log" 2>&1 &&
       timeout 120 "$JDK_BIN/jfr" print --json --events jdk.ThreadAllocationStatistics "$dir/uas.jfr" > "$dir/alloc.json" 2>> "$dir/jcmd.log"; then
      jfr_json="$dir/alloc.json"
    else
      echo "   JFR dump failed (see $dir/jcmd.log)"
    fi
  fi
  sleep 2
  stop_pid "$UAS_PID"; forget_pid "$UAS_PID"
  [ "$name" = jain-sip ] && grep -E '^(final|status)' "$dir/uas.log" | tail -1 | sed 's/^/   uas /'
  py summarize uas="$name" rate="$rate" duration="$DURATION" planned=$(( rate * DURATION )) dir="$dir" \
     snap0="$dir/snap0.json" snap1="$dir/snap1.json" uas_pids="$UAS_PID" uas_port="$port" \
     uac_cpu_s="$(python3 -c "print($c1 - $c0)")" uas_alive="$alive" jfr_json="$jfr_json" sipp_rc="$SIPP_RC" results="$RESULTS"
  local rc=$?
  rm -f "$dir/alloc.json"      # large; uas.jfr keeps the data
  gzip -f "$dir"/*_rtt.csv "$dir"/warmup*/*_rtt.csv 2>/dev/null
  return $rc
}

# ---------------------------------------------------------------------------------------------- the run
for name in $UAS; do
  case "$name" in
    sipp-uas) ;;
    jain-sip) [ "$FEATURE" != plain ] && { echo "== jain-sip: skipped (--feature $FEATURE: its UAS answers plain calls only)"; continue; } ;;
    callisto) [ -n "$CALLISTO_SKIPPED" ] && { echo "== callisto: $CALLISTO_SKIPPED"; continue; } ;;
    *) echo "unknown UAS '$name' (sipp-uas, jain-sip, callisto)" >&2; continue ;;
  esac
  echo "== $name: rates $ALL_RATES"
  bad=0
  for rate in $ALL_RATES; do
    if [ "$bad" = 1 ] && [ "$rate" -gt "$MAX_CPU_RATE" ]; then
      echo "   (stopping $name: a lower rate was not clean)"; break
    fi
    step "$name" "$rate"; rc=$?
    try=0
    while [ "$rc" = 1 ] && [ "$try" -lt "$RETRIES" ]; do
      try=$((try + 1))
      echo "   not clean: running $name at $rate/s again in 15 s (retry $try of $RETRIES)"
      sleep 15
      step "$name" "$rate"; rc=$?
    done
    [ "$rc" = 0 ] || bad=1
    sleep 2
  done
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
echo
if [ -s "$RESULTS" ]; then
  py table "$RESULTS" "$CPU_RATES" "$UAS" | tee "$OUT/table.md"
  [ -n "$CALLISTO_SKIPPED" ] && echo -e "\ncallisto: $CALLISTO_SKIPPED" | tee -a "$OUT/table.md"
fi
echo "results: $OUT"
