#!/usr/bin/env bash
# Media benchmark (issue 7 §7): how many concurrent G.711 calls (PCMU, 20 ms packets, RTCP on) one process carries
# here with jitter < 5 ms and no loss, with and without SRTP, and its CPU per call. 127.0.0.1 only.
#
#   callisto   the process under test: bin/callisto ua --bind 127.0.0.1:PORT --answer --media echo
#              (--srtp required for the srtp mode), which answers every call and sends back what it receives
#              (its own RTP session per call: jitter buffer, decode, encode, RTCP)
#   sipp-echo  the peer in the same run: SIPp's built-in uas with -rtp_echo (SIPp 3.6: "RTP/UDP packets received
#              on port defined by -mp are echoed to their sender"), a reflector that copies every datagram back
#              unchanged through one socket with a 4 MB buffer (-rtp_buffsize; no jitter buffer, no RTCP, no SRTP:
#              in the srtp mode it reflects the SRTP packets and the
#              load side decrypts them with its own key)
#
# The load is `bin/callisto bench call --rtp [--srtp]` in another process: STEP calls started over RAMP seconds,
# each held HOLD seconds, so all STEP calls stream at once from RAMP to HOLD. The bench's media sessions send a
# 1 kHz tone every 20 ms, read what comes back through RFC 3550 statistics (loss from sequence numbers, §A.8
# interarrival jitter, which for an echo is the round trip's), send RTCP every 5 s and learn the round-trip time
# from the peer's reports (callisto only: a reflector sends none of its own). By default the load has one port
# pair for all its calls (--rtp-socket shared: batched sendmmsg/recvmmsg, so the load takes less of the two cores
# the process under test shares with it; one 4 MB receive buffer); LOAD_SOCKET=per-call gives every call of the
# load its own port pair, as the process under test's calls have.
#
# Usage:
#   bench/media-load.sh                                        # defaults below
#   bench/media-load.sh --steps "250 500" --modes plain --hold 15
#   bench/media-load.sh --table bench/results/media-load-<date>   # print the tables of an earlier run again
#
# Options (each has an environment variable of the same meaning; options win):
#   --peers LIST   PEERS   processes under load, in order          (default "callisto sipp-echo")
#   --steps LIST   STEPS   concurrent calls per step               (default "250 500 1000 1500")
#   --modes LIST   MODES   plain and/or srtp                       (default "plain srtp")
#   --hold S       HOLD    seconds each call lasts                 (default 20)
#   --ramp S       RAMP    seconds over which a step's calls start (default 5)
# Environment only:
#   NICE           nice value of every process started (default -10; the machine is shared)
#   BENCH_TIMEOUT  seconds for the whole run (default 3600)
#   CALLISTO_UA    command of the process under test; {port}, {srtp} (off|required) and {ports} are replaced
#                  (default "bin/callisto ua --bind 127.0.0.1:{port} --answer --media echo --srtp {srtp}
#                  --rtp-ports {ports}")
#   LOAD_SOCKET    the load's --rtp-socket: shared (default) or per-call
#   WARMUP_CALLS   calls of the warm-up before each step, 3 s each, RTP on, same mode (default 1000)
#   WARMUP_RATE    their rate, calls/s (default 200)
#
# Each step starts a fresh peer on a free loopback port and warms it with WARMUP_CALLS calls (so that a JVM peer has
# compiled its call set-up and media paths before the measured ramp, as the SIP benchmarks' warm-ups do), then
# runs the measured load. The measurement window is [RAMP + 2 s, HOLD - 1 s] after the load's first call (from
# snapshots of /proc taken every 0.5 s, the nearest ones to those instants), when all
# calls stream: over it, peer CPU = utime+stime of the peer's process tree (/proc/PID/stat), bench CPU likewise,
# "others CPU" = every other process of this shared machine, UDP receive-buffer drops (/proc/net/snmp; also over
# the whole measured run, in brackets, since a loss outside the window still fails the step). The bench's
# JSON gives calls answered/failed, RTP packets sent/received/lost over the whole run and, per 1 s interval, the
# mean and maximum of the calls' current jitter; the table takes the intervals inside the window. A step is clean
# when every call was answered, no packet was lost, the packets received are >= 98 % of those sent, and the
# largest jitter of any call in the window is < 5 ms. CPU per call is CPU time per call per second of media
# (µs/call·s): peer CPU over the window / (window × calls); it is only that while the bench keeps its pace (column
# "bench pace %": packets it sent in the window against 50 per call per second), so the table also gives CPU per
# packet the peer handled (µs/packet: peer CPU / (packets the bench sent + received in the window)).
#
# Everything is bounded: each process runs under `timeout`, the whole run under BENCH_TIMEOUT, processes are stopped
# by PID (TERM, then KILL) on exit. Output: bench/results/media-load-<date>/ (one JSON and CSV per step, the
# summary in results.json, the tables in tables.md).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C
if [ -z "${MEDIA_LOAD_BOUNDED:-}" ]; then
  MEDIA_LOAD_BOUNDED=1 exec timeout -k 30 "${BENCH_TIMEOUT:-3600}" "$0" "$@"
fi

PEERS="${PEERS:-callisto sipp-echo}"
STEPS="${STEPS:-250 500 1000 1500}"
MODES="${MODES:-plain srtp}"
LOAD_SOCKET="${LOAD_SOCKET:-shared}"
WARMUP_CALLS="${WARMUP_CALLS:-1000}"
WARMUP_RATE="${WARMUP_RATE:-200}"
HOLD="${HOLD:-20}"
RAMP="${RAMP:-5}"
NICE="${NICE:--10}"
DEFAULT_UA='bin/callisto ua --bind 127.0.0.1:{port} --answer --media echo --srtp {srtp} --rtp-ports {ports}'
CALLISTO_UA="${CALLISTO_UA:-$DEFAULT_UA}"
TABLE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --peers) PEERS="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;
    --modes) MODES="$2"; shift 2 ;;
    --hold) HOLD="$2"; shift 2 ;;
    --ramp) RAMP="$2"; shift 2 ;;
    --table) TABLE="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "media-load: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

# ---------------------------------------------------------------------------------------------- helpers (python)
read -r -d '' PYHELP <<'PY'
import json, os, sys, socket, time
sys.path.insert(0, 'bench/lib')  # the script runs in the checkout's root
from procstat import port_drops, processes, tree, udp_counters
CLK = os.sysconf('SC_CLK_TCK')

def freeport(pairs='1'):
    # the first of N consecutive free UDP ports (SIPp -mp binds the port and the one 2 above)
    n = int(pairs)
    for _ in range(500):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', 0))
        base = s.getsockname()[1]; s.close()
        if base % 2 or base + n > 60999:
            continue
        ok = True
        for p in range(base, base + n):
            t = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                t.bind(('127.0.0.1', p))
            except OSError:
                ok = False
            t.close()
        if ok:
            print(base); return
    sys.exit('no free port')

def bound(port, seconds):
    end = time.time() + float(seconds)
    want = '%04X' % int(port)
    while time.time() < end:
        for fn in ('/proc/net/udp', '/proc/net/udp6'):
            with open(fn) as f:
                if any(l.split()[1].endswith(':' + want) for l in list(f)[1:]):
                    return
        time.sleep(0.1)
    sys.exit('port %s not bound' % port)

def sampler(path, pid):
    # one snapshot every 0.5 s while the bench runs (the window is chosen afterwards from its start time)
    with open(path, 'a') as out:
        while os.path.exists('/proc/' + pid):
            out.write(json.dumps(snap()) + '\n')
            out.flush()
            time.sleep(0.5)
        out.write(json.dumps(snap()) + '\n')

def snap():
    return {'t': time.time(), 'procs': processes(), 'drops': udp_counters().get('RcvbufErrors', 0),
            'ports': port_drops()}

def summarize(a):
    from datetime import datetime
    r = json.load(open(a['json']))
    start = datetime.fromisoformat(r['startedAt'][:26].rstrip('Z') + '+00:00').timestamp()
    samples = [json.loads(l) for l in open(a['samples']) if l.strip()]
    near = lambda t: min(samples, key=lambda x: abs(x['t'] - t))
    s0 = near(start + float(a['ramp']) + 2)
    s1 = near(start + float(a['hold']) - 1)
    window = s1['t'] - s0['t']
    def ms(pids):
        return sum(max(0, s1['procs'][p][1] - s0['procs'][p][1]) for p in pids
                   if p in s0['procs'] and p in s1['procs']) * 1000.0 / CLK
    peer = tree(s1['procs'], [a['peer_pid']]) | tree(s0['procs'], [a['peer_pid']])
    bench = tree(s1['procs'], [a['bench_pid']]) | tree(s0['procs'], [a['bench_pid']])
    me = {str(os.getpid()), str(os.getppid()), a['script_pid'], a['sampler_pid']}
    others = [p for p in s1['procs'] if p not in peer and p not in bench and p not in me]
    t, rtp = r['totals'], r['totals']['rtp'] or {}
    lo, hi = (float(a['ramp']) + 2) * 1000, (float(a['hold']) - 1) * 1000
    spans = [i for i in r['timeline'] if i.get('rtp') and lo < i['endMs'] <= hi + 1000]
    inside = [i['rtp'] for i in spans]
    span_s = sum(i['lengthMs'] for i in spans) / 1000.0
    w_sent = sum(x['packetsSent'] for x in inside)
    w_packets = w_sent + sum(x['packetsReceived'] for x in inside)
    jit_max = max([i['jitterMaxMs'] for i in inside] or [-1])
    jit_mean = [i['jitterMeanMs'] for i in inside if i['jitterMeanMs'] >= 0]
    rtt = [i['rttMeanMs'] for i in inside if i['rttMeanMs'] >= 0]
    calls = int(a['calls'])
    sent, received, lost = rtp.get('packetsSent', 0), rtp.get('packetsReceived', 0), rtp.get('packetsLost', 0)
    res = {
        'peer': a['peer'], 'mode': a['mode'], 'calls': calls, 'answered': t['answered'], 'failed': t['failed'],
        'failures': t['failuresByReason'], 'max_concurrent': t['maxConcurrent'], 'window_s': round(window, 1),
        'peer_cpu_pct': round(ms(peer) / window / 10, 1),
        'peer_us_per_call_s': round(ms(peer) * 1000 / window / calls, 1),
        'bench_cpu_pct': round(ms(bench) / window / 10, 1),
        'others_cpu_pct': round(ms(others) / window / 10, 1),
        'sent': sent, 'received': received, 'lost': lost,
        'received_pct': round(100.0 * received / sent, 2) if sent else 0,
        'jitter_mean_ms': round(sum(jit_mean) / len(jit_mean), 2) if jit_mean else -1,
        'jitter_max_ms': round(jit_max, 2), 'rtt_mean_ms': round(sum(rtt) / len(rtt), 2) if rtt else -1,
        'udp_drops': s1['drops'] - s0['drops'],
        # packets the peer handled per second in the window (what the bench sent and got back), and the bench's
        # pace: what it sent against 50 packets/s per call
        'peer_us_per_packet': round(ms(peer) * 1000 / window / (w_packets / span_s), 2) if w_packets else -1,
        'bench_pace_pct': round(100.0 * w_sent / (span_s * 50 * calls), 1) if span_s else 0,
        'udp_drops_run': samples[-1]['drops'] - samples[0]['drops'],
    }
    # drops of the sockets still open at the end of the window, by owner: the bench's RTP ports or the others
    d0, d1 = s0['ports'], s1['ports']
    grow = {int(p): v - d0.get(p, 0) for p, v in d1.items() if v > d0.get(p, 0)}
    res['udp_drops_bench'] = sum(v for p, v in grow.items() if 40000 <= p <= 47999)
    res['udp_drops_peer'] = sum(v for p, v in grow.items() if not 40000 <= p <= 47999)
    res['clean'] = (res['answered'] == calls and res['failed'] == 0 and lost == 0 and sent > 0
                    and received >= 0.98 * sent and 0 <= jit_max < 5)
    print(json.dumps(res))

def table(results_path):
    rs = [json.loads(l) for l in open(results_path) if l.strip()]
    out = []
    for mode in dict.fromkeys(r['mode'] for r in rs):
        out.append(f'\n### {mode}\n')
        out.append('| peer | calls | answered | failed | peer CPU % | peer µs/call·s | bench CPU % | jitter mean / max ms '
                   '| lost | received/sent % | RTT mean ms | bench pace % | peer µs/packet | others CPU % | UDP drops: window (run) '
                   '| clean |')
        out.append('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
        for r in [r for r in rs if r['mode'] == mode]:
            j = lambda v: '-' if v < 0 else f'{v:.2f}'
            out.append(f"| {r['peer']} | {r['calls']} | {r['answered']} | {r['failed']} | {r['peer_cpu_pct']} | "
                       f"{r['peer_us_per_call_s']} | {r['bench_cpu_pct']} | {j(r['jitter_mean_ms'])} / "
                       f"{j(r['jitter_max_ms'])} | {r['lost']} | {r['received_pct']} | {j(r['rtt_mean_ms'])} | "
                       f"{r.get('bench_pace_pct', '-')} | {j(r.get('peer_us_per_packet', -1))} | "
                       f"{r['others_cpu_pct']} | {r['udp_drops']} ({r['udp_drops_run']}) | {'yes' if r['clean'] else '**no**'} |")
        peers = list(dict.fromkeys(r['peer'] for r in rs if r['mode'] == mode))
        if 'callisto' in peers and 'sipp-echo' in peers:
            out.append('\n| calls | callisto µs/call·s | sipp-echo µs/call·s | ratio (callisto / SIPp) '
                       '| callisto µs/packet | sipp-echo µs/packet | ratio |')
            out.append('|---:|---:|---:|---:|---:|---:|---:|')
            for c in dict.fromkeys(r['calls'] for r in rs if r['mode'] == mode):
                a = [r for r in rs if r['mode'] == mode and r['calls'] == c and r['peer'] == 'callisto']
                b = [r for r in rs if r['mode'] == mode and r['calls'] == c and r['peer'] == 'sipp-echo']
                if a and b and b[-1]['peer_us_per_call_s'] > 0:
                    out.append(f"| {c} | {a[-1]['peer_us_per_call_s']} | {b[-1]['peer_us_per_call_s']} | "
                               f"{a[-1]['peer_us_per_call_s'] / b[-1]['peer_us_per_call_s']:.1f} | "
                               f"{a[-1].get('peer_us_per_packet', -1)} | {b[-1].get('peer_us_per_packet', -1)} | "
                               + (f"{a[-1]['peer_us_per_packet'] / b[-1]['peer_us_per_packet']:.1f} |"
                                  if b[-1].get('peer_us_per_packet', -1) > 0 else "- |"))
        for p in peers:
            clean = [r['calls'] for r in rs if r['mode'] == mode and r['peer'] == p and r['clean']]
            out.append(f"\n{p}, {mode}: highest clean step {max(clean) if clean else 'none'}")
    print('\n'.join(out))

globals()[sys.argv[1]](*sys.argv[2:]) if sys.argv[1] != 'summarize' else summarize(
    dict(a.split('=', 1) for a in sys.argv[2:]))
PY
py() { python3 -c "$PYHELP" "$@"; }

if [ -n "$TABLE" ]; then
  py table "$TABLE/results.json"
  exit 0
fi

[ -f callisto-cli/target/callisto.jar ] || { echo "media-load: build first: ./mvnw -o -q -DskipTests -Djazzer.skip -pl callisto-cli -am package" >&2; exit 2; }
OUT="bench/results/media-load-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
PIDS=()
stop() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -TERM "$p" 2>/dev/null; done
  sleep 1
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -KILL "$p" 2>/dev/null; done
  PIDS=()
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

start_peer() {  # peer mode name -> sets PEER_PID, PEER_PORT
  local peer="$1" mode="$2" name="$3"
  PEER_PORT=$(py freeport)
  case "$peer" in
    callisto)
      local srtp=off; [ "$mode" = srtp ] && srtp=required
      local cmd
      cmd=$(printf '%s' "$CALLISTO_UA" | sed "s/{port}/$PEER_PORT/g; s/{srtp}/$srtp/g; s/{ports}/48000-55999/g")
      timeout -k 5 600 nice -n "$NICE" $cmd > "$OUT/$name.peer.out" 2> "$OUT/$name.peer.err" &
      ;;
    sipp-echo)
      local mp; mp=$(py freeport 4)
      timeout -k 5 600 nice -n "$NICE" sipp -sn uas -i 127.0.0.1 -p "$PEER_PORT" -rtp_echo -mp "$mp" -nostdin \
        -rtp_buffsize 4194304 > "$OUT/$name.peer.out" 2>&1 &
      ;;
    *) echo "media-load: unknown peer $peer" >&2; return 1 ;;
  esac
  PEER_PID=$!
  PIDS+=("$PEER_PID")
  py bound "$PEER_PORT" 60 || { echo "media-load: $peer did not bind $PEER_PORT" >&2; return 1; }
}

bench_call() {  # port mode calls rate hold_ms name [extra...] ; runs in the background, sets BENCH_PID
  local port="$1" mode="$2" calls="$3" rate="$4" hold="$5" name="$6"
  local srtp=(); [ "$mode" = srtp ] && srtp=(--srtp)
  # the load's heap is touched at start: otherwise its first young collection pays a page fault per page it copies
  # to, which paused it for 55 ms in a run here and showed as jitter (3 s more at start, so not bin/callisto's default)
  CALLISTO_JAVA_OPTS="-XX:+AlwaysPreTouch ${CALLISTO_JAVA_OPTS:-}" \
  timeout -k 5 $(( HOLD + RAMP + 120 )) nice -n "$NICE" bin/callisto bench call --target "127.0.0.1:$port" --rtp \
    "${srtp[@]}" --rtp-socket "$LOAD_SOCKET" --rtp-ports 40000-47999 --calls "$calls" --rate "$rate" --duration-ms "$hold" \
    --timeout-ms 10000 --json "$OUT/$name.json" --csv "$OUT/$name.csv" > "$OUT/$name.out" 2> "$OUT/$name.err" &
  BENCH_PID=$!
  PIDS+=("$BENCH_PID")
}

echo "media-load: $OUT (peers: $PEERS; steps: $STEPS; modes: $MODES; hold $HOLD s, ramp $RAMP s; load socket $LOAD_SOCKET)"
git log --oneline -1 > "$OUT/commit.txt"
for mode in $MODES; do
  for calls in $STEPS; do
    for peer in $PEERS; do
      name="$peer-$mode-$calls"
      start_peer "$peer" "$mode" "$name" || { stop; continue; }
      bench_call "$PEER_PORT" "$mode" "$WARMUP_CALLS" "$WARMUP_RATE" 3000 "$name.warmup"
      wait "$BENCH_PID"
      rate=$(python3 -c "print($calls / $RAMP)")
      bench_call "$PEER_PORT" "$mode" "$calls" "$rate" $(( HOLD * 1000 )) "$name"
      py sampler "$OUT/$name.samples" "$BENCH_PID" &
      SAMPLER_PID=$!
      PIDS+=("$SAMPLER_PID")
      wait "$BENCH_PID"
      wait "$SAMPLER_PID"
      stop
      if [ -s "$OUT/$name.json" ]; then
        py summarize peer="$peer" mode="$mode" calls="$calls" ramp="$RAMP" hold="$HOLD" json="$OUT/$name.json" \
          samples="$OUT/$name.samples" peer_pid="$PEER_PID" bench_pid="$BENCH_PID" \
          script_pid="$$" sampler_pid="$SAMPLER_PID" | tee -a "$OUT/results.json"
      else
        echo "media-load: $name: the bench wrote no JSON (see $OUT/$name.err)" >&2
      fi
    done
  done
done
py table "$OUT/results.json" | tee "$OUT/tables.md"
