#!/usr/bin/env python3
"""Helpers of bench/server-load.sh and bench/server-memory.sh (accounting and tables); not run on its own.

  freeport                         a free UDP port on 127.0.0.1 (also free on TCP: both servers listen on both)
  users N PREFIX CSV [REALM DBDIR] a SIPp injection file of N users (user;password) and, with REALM and DBDIR, the
                                   db_text table `htable` of Kamailio (user -> HA1 = MD5(user:realm:password))
  snap FILE                        CPU ticks of every process, UDP drop counters, load: a JSON snapshot
  summarize key=value ...          one measured step -> a JSON line in results=FILE, a line on stdout,
                                   exit 0 when the step is clean, 1 when not (driver=sipp: SIPp's stat.csv and
                                   *_rtt.csv in dir=DIR; driver=bench: DIR/bench.json of `bin/callisto bench`)
  table RESULTS ORDER              the tables of a run (per step, then the summary with the ratios)
  stat STATCSV KEY                 the last value of a SIPp -trace_stat column
  counts DIR ok|failed             successful or failed operations of one driver run in DIR (SIPp or bench)
"""
import csv
import glob
import hashlib
import json
import math
import os
import socket
import sys
import time

from procstat import snapshot, tree  # /proc reading shared with ua-load.sh and media-load.sh

CLK = os.sysconf('SC_CLK_TCK')
TESTS = {  # name -> (what one operation is, what the row of the summary says)
    'reg': ('REGISTER', 'REGISTER/s, no auth'),
    'reg-auth': ('registration', 'registrations/s, digest auth (2 REGISTERs each)'),
    'call': ('call', 'proxied calls/s'),
}


def freeport():
    for _ in range(50):
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind(('127.0.0.1', 0))
        port = u.getsockname()[1]
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            t.bind(('127.0.0.1', port))
        except OSError:
            continue
        finally:
            t.close()
            u.close()
        print(port)
        return
    sys.exit('no free port')


def password(user):
    return 'pw-' + hashlib.sha256(('callisto-bench:' + user).encode()).hexdigest()[:12]


def users(n, prefix, csv_path, realm=None, dbdir=None):
    n = int(n)
    width = max(5, len(str(n)))
    names = [f'{prefix}{i:0{width}d}' for i in range(1, n + 1)]
    with open(csv_path, 'w') as f:
        f.write('SEQUENTIAL\n')
        for u in names:
            f.write(f'{u};{password(u)}\n')
    if realm and dbdir:
        os.makedirs(dbdir, exist_ok=True)
        # db_text: first line = the columns with their types; ':' separates the values
        with open(os.path.join(dbdir, 'htable'), 'w') as f:
            f.write('id(int,auto) key_name(string) key_type(int) value_type(int) key_value(string) expires(int)\n')
            for i, u in enumerate(names, 1):
                ha1 = hashlib.md5(f'{u}:{realm}:{password(u)}'.encode()).hexdigest()
                f.write(f'{i}:{u}:0:0:{ha1}:0\n')
        with open(os.path.join(dbdir, 'version'), 'w') as f:
            f.write('table_name(string) table_version(int)\nhtable:2\n')


def snap(path):
    with open(path, 'w') as f:
        json.dump(snapshot(), f)


def sipp_stat_rows(path):
    """The rows of a SIPp -trace_stat file (the first one names the columns), or [] when there is none."""
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return list(csv.reader(f, delimiter=';'))


def sipp_stat(path):
    rows = sipp_stat_rows(path)
    return dict(zip(rows[0], rows[-1])) if len(rows) >= 2 else {}


def sipp_sent_rate(path):
    """SIPp's own sending rate: new calls per second over the full intervals of its -trace_stat file (the first and
    the last, partial, are left out), or None. SIPp 3.6 can fall short of -r: its call generation task advances its
    count of calls due before the loop that opens them, and leaves that loop once a millisecond has passed, so calls
    that did not fit in that millisecond are never opened (src/call_generation_task.cpp). It loses most when it is
    preempted inside that loop, as when a server thread is woken on its CPU (bench/sipp-pace.sh)."""
    rows = sipp_stat_rows(path)
    if len(rows) < 5:
        return None
    head = rows[0]
    try:
        t_i, n_i = head.index('CurrentTime'), head.index('OutgoingCall(P)')
        pts = [(float(r[t_i].split('\t')[-1]), int(r[n_i] or 0)) for r in rows[1:]]
    except (ValueError, IndexError):
        return None
    full = [i for i in range(1, len(pts)) if pts[i][1] > 0]
    if len(full) < 3:
        return None
    inner = full[1:-1]  # the first interval with calls may be partial, the last one is
    span = pts[inner[-1]][0] - pts[inner[0] - 1][0]
    return sum(pts[i][1] for i in inner) / span if span > 0 else None


def stat(path, key):
    print(sipp_stat(path).get(key, ''))


def pct_of(sorted_values, q):
    """The q-th percentile (nearest rank) of sorted values, or None."""
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, max(0, math.ceil(q / 100.0 * len(sorted_values)) - 1))]


def sipp_load(d):
    """What SIPp's uac measured in directory d: counts (-trace_stat), response times and rate (-trace_rtt)."""
    st = sipp_stat(os.path.join(d, 'stat.csv'))

    def gi(k):
        try:
            return int(st.get(k, '0') or 0)
        except ValueError:
            return 0
    stamps = []
    for rf in glob.glob(os.path.join(d, '*_rtt.csv')):
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
    return {'created': gi('TotalCallCreated'), 'successful': gi('SuccessfulCall(C)'), 'failed': gi('FailedCall(C)'),
            'retransmissions': gi('Retransmissions(C)'), 'dead_call_msgs': gi('DeadCallMsgs(C)'),
            'out_of_call_msgs': gi('OutOfCallMsgs(C)'), 'rate_achieved': achieved,
            'rate_sent': sipp_sent_rate(os.path.join(d, 'stat.csv')),
            'rt_ms_p50': pct_of(rtts, 50), 'rt_ms_p99': pct_of(rtts, 99), 'rt_ms_max': rtts[-1] if rtts else None}


BENCH_LATENCY = {'reg': 'response-time REGISTER', 'reg-auth': 'response-time REGISTER', 'call': 'answer-delay'}


def bench_achieved(timeline, duration_ms, answered):
    """Completions per second over the whole intervals between the first and the last interval that completed a
    call (those two are partial); with fewer than three such intervals, answered over the run's duration."""
    done = [i for i, iv in enumerate(timeline) if iv.get('answered', 0) > 0]
    if len(done) >= 3:
        first, last = done[0], done[-1]
        span_ms = timeline[last - 1]['endMs'] - timeline[first]['endMs']
        n = sum(iv['answered'] for iv in timeline[first + 1:last])
        if span_ms > 0:
            return n / (span_ms / 1000.0)
    return answered / (duration_ms / 1000.0) if duration_ms and answered else None


def bench_load(d, test):
    """What `bin/callisto bench` measured in directory d, from its --json file (docs/load-testing.md)."""
    try:
        j = json.load(open(os.path.join(d, 'bench.json')))
    except (OSError, ValueError):
        j = {}
    t = j.get('totals', {})
    lat = next((x for x in j.get('latencies', []) if x.get('name') == BENCH_LATENCY.get(test)), {})
    answered = t.get('answered', 0)

    def ms(k):
        v = lat.get(k)
        return round(v, 2) if isinstance(v, (int, float)) else None
    verdict = j.get('verdict', {})
    return {'created': t.get('attempted', 0), 'successful': answered, 'failed': t.get('failed', 0),
            'retransmissions': t.get('retransmissions', 0), 'unexpected_msgs': t.get('unexpectedMessages', 0),
            'failures_by_reason': t.get('failuresByReason', {}),
            'rate_achieved': bench_achieved(j.get('timeline', []), j.get('durationMs', 0), answered),
            'rt_ms_p50': ms('p50Ms'), 'rt_ms_p99': ms('p99Ms'), 'rt_ms_max': ms('maxMs'),
            'bench_kept_up': verdict.get('keptUp'), 'bench_verdict': verdict.get('message')}


def counts(d, what):
    """Successful (ok) or failed operations of one driver run in d: bench.json when there is one, else SIPp's."""
    c = bench_load(d, 'reg') if os.path.exists(os.path.join(d, 'bench.json')) else sipp_load(d)
    print(c['successful'] if what == 'ok' else c['failed'])


def summarize(a):
    s0, s1 = json.load(open(a['snap0'])), json.load(open(a['snap1']))
    wall = s1['t'] - s0['t']

    def cpu_ms(roots):
        pids = tree(s0['procs'], roots) | tree(s1['procs'], roots)
        # a process that started during the step counts from 0; one that ended is lost (none should)
        return sum(s1['procs'][p][1] - (s0['procs'][p][1] if p in s0['procs'] else 0)
                   for p in pids if p in s1['procs']) * 1000.0 / CLK, pids

    server_ms, server_pids = cpu_ms(a['server_pids'].split(','))
    uas_ms, uas_pids = cpu_ms(a.get('uas_pids', '').split(','))
    script = str(os.getppid())
    ours = server_pids | uas_pids | {script}
    # other tenants: every process that is not ours; one that started during the window counts from 0 (one that
    # also ended within it is not seen). Ours that are new: the children of this script (the python of snap1).
    other_ms = sum(max(0, s1['procs'][p][1] - (s0['procs'][p][1] if p in s0['procs'] else 0))
                   for p in s1['procs']
                   if p not in ours and not (p not in s0['procs'] and str(s1['procs'][p][0]) == script)) * 1000.0 / CLK
    uac_ms = float(a['uac_cpu_s']) * 1000.0
    driver = a.get('driver', 'sipp')
    ld = bench_load(a['dir'], a['test']) if driver == 'bench' else sipp_load(a['dir'])
    achieved = ld['rate_achieved']
    rate, planned = int(a['rate']), int(a['planned'])
    created, ok, failed, retr = ld['created'], ld['successful'], ld['failed'], ld['retransmissions']
    ops = created if created else planned
    port = int(a['server_port'])
    sipp_drops = None
    try:
        sipp_drops = int(open(os.path.join(a['dir'], 'uac-drops.txt')).read().split()[0])
    except (OSError, ValueError, IndexError):
        pass
    retr_pct = 100.0 * retr / created if created else None
    alive = a.get('server_alive') == '1'
    clean = (alive and failed == 0 and ok == planned and created > 0 and retr_pct is not None and retr_pct < 1.0
             and achieved is not None and achieved >= 0.98 * rate)
    res = {
        'server': a['server'], 'test': a['test'], 'driver': driver, 'rate_offered': rate,
        'duration_s': int(a['duration']), 'planned': planned, 'created': created, 'successful': ok, 'failed': failed,
        'retransmissions': retr, 'retrans_pct': round(retr_pct, 3) if retr_pct is not None else None,
        'rate_achieved': round(achieved, 1) if achieved else None,
        'rate_sent': round(ld['rate_sent'], 1) if ld.get('rate_sent') else None,
        'rt_ms_p50': ld['rt_ms_p50'], 'rt_ms_p99': ld['rt_ms_p99'], 'rt_ms_max': ld['rt_ms_max'],
        'window_s': round(wall, 2), 'server_cpu_ms': round(server_ms, 1),
        'server_cpu_us_per_op': round(server_ms * 1000.0 / ops, 1) if ops else None,
        'server_cpu_pct': round(100.0 * server_ms / 1000.0 / wall, 1),
        'uas_cpu_pct': round(100.0 * uas_ms / 1000.0 / wall, 1) if a.get('uas_pids') else None,
        'uac_cpu_pct': round(100.0 * uac_ms / 1000.0 / wall, 1),
        'other_cpu_pct': round(100.0 * other_ms / 1000.0 / wall, 1),
        'udp_rcvbuf_errors': s1['rcvbuf_errors'] - s0['rcvbuf_errors'],
        'server_port_drops': s1['port_drops'].get(str(port), s1['port_drops'].get(port, 0))
        - s0['port_drops'].get(str(port), s0['port_drops'].get(port, 0)),
        'sipp_port_drops': sipp_drops,
        'server_alive': alive, 'load1_before': s0['load1'], 'driver_rc': int(a['load_rc']), 'clean': clean,
        'dir': a['dir'],
    }
    res.update({k: v for k, v in ld.items() if k not in res})   # the driver's own extras (SIPp's dead/out-of-call
    if a.get('driver_jvm'):                                      # messages; bench's unexpected, verdict)
        res['driver_jvm_flags'] = a['driver_jvm']
    with open(a['results'], 'a') as f:
        f.write(json.dumps(res) + '\n')
    print(f"[{res['server']} {res['test']} {rate}/s] created={created} ok={ok} failed={failed} retrans={retr} "
          f"({res['retrans_pct']}%) sent={res['rate_sent']}/s achieved={res['rate_achieved']}/s p99={res['rt_ms_p99']}ms | server "
          f"{res['server_cpu_pct']}% {res['server_cpu_us_per_op']} us/{TESTS[res['test']][0]} | {driver} "
          f"{res['uac_cpu_pct']}% uas {res['uas_cpu_pct']}% others {res['other_cpu_pct']}% "
          f"drops={res['udp_rcvbuf_errors']}"
          + (f" | bench: {res.get('bench_verdict')}" if driver == 'bench' else '')
          + f" -> {'CLEAN' if clean else 'NOT CLEAN'}", flush=True)
    sys.exit(0 if clean else 1)


def n(x, f='{:,.0f}'):
    return '-' if x is None else f.format(x)


def ms(x):
    """A latency in ms: SIPp's are whole milliseconds; bench's are finer, shown with one decimal below 10 ms."""
    return '-' if x is None else ('{:,.0f}' if float(x).is_integer() or x >= 10 else '{:.1f}').format(x)


DRIVERS = {'sipp': 'SIPp', 'bench': 'bench'}


def drivers_line(every):
    """Which load generator(s) produced the rows, with the JVM flags of bench."""
    out = []
    for d in dict.fromkeys(r.get('driver', 'sipp') for r in every):
        if d == 'bench':
            flags = sorted({r.get('driver_jvm_flags', '?') for r in every if r.get('driver') == 'bench'})
            out.append(f"`bin/callisto bench` (one JVM per step; CALLISTO_JAVA_OPTS={'; '.join(flags)}; latencies: "
                       f"REGISTER -> final response per transaction, INVITE -> 200)")
        else:
            out.append('SIPp (latencies: REGISTER -> 200, registration start -> 200, INVITE -> 200; 1 ms resolution)')
    return ', '.join(out)


def table(results, order):
    every = [json.loads(line) for line in open(results) if line.strip()]
    last = {}
    for r in every:              # a step run again (noisy machine) replaces the earlier one
        last[(r['server'], r['test'], r['rate_offered'])] = r
    rs = [r for r in every if last[(r['server'], r['test'], r['rate_offered'])] is r]
    servers = [s for s in order.split() if any(r['server'] == s for r in rs)]
    tests = [t for t in TESTS if any(r['test'] == t for r in rs)]
    names = [DRIVERS.get(r.get('driver', 'sipp'), '?') for r in every]
    gen = names[0] if names and len(set(names)) == 1 else 'driver'
    print(f'Load generator: {drivers_line(every)}.\n')
    print(f'Per step (window = the measured {gen} run; CPU % of one core; µs/op = server CPU time / operations '
          'created; an operation is a REGISTER, a registration with its challenge, or a call):\n')
    print('| server | test | offered/s | sent/s | achieved/s | created | ok | failed | retrans (%) | p50 / p99 ms '
          f'| server CPU % | server µs/op | {gen} CPU % (uac, uas) | others CPU % | UDP drops: all (server, {gen}) '
          '| clean |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
    for r in every:
        if r.get('rate_sent') is None and r.get('driver', 'sipp') == 'sipp':  # results from before the column
            r['rate_sent'] = sipp_sent_rate(os.path.join(r.get('dir', ''), 'stat.csv'))
        uas = '' if r.get('uas_cpu_pct') is None else f", {r['uas_cpu_pct']:.1f}"
        again = '' if last[(r['server'], r['test'], r['rate_offered'])] is r else ' (run again)'
        print(f"| {r['server']} | {r['test']} | {r['rate_offered']} | {n(r.get('rate_sent'))} "
              f"| {n(r['rate_achieved'])} | {r['created']} "
              f"| {r['successful']} | {r['failed']} | {r['retransmissions']} ({n(r['retrans_pct'], '{:.2f}')}) "
              f"| {ms(r['rt_ms_p50'])} / {ms(r['rt_ms_p99'])} | {n(r['server_cpu_pct'], '{:.1f}')} "
              f"| {n(r['server_cpu_us_per_op'])} | {r['uac_cpu_pct']:.1f}{uas} | {n(r['other_cpu_pct'], '{:.1f}')} "
              f"| {r['udp_rcvbuf_errors']} ({n(r.get('server_port_drops'))}, {n(r.get('sipp_port_drops'))}) "
              f"| {'yes' if r['clean'] else '**no**'}{again} |")

    def steps(s, t):
        return sorted((r for r in rs if r['server'] == s and r['test'] == t), key=lambda r: r['rate_offered'])

    def clean_rate(s, t):
        """highest clean rate below the first unclean step; top = no step of the sweep failed"""
        best, top = None, True
        for r in steps(s, t):
            if not r['clean']:
                top = False
                break
            best = r['rate_offered']
        return best, top and bool(steps(s, t))

    def at(s, t, rate):
        m = [r for r in steps(s, t) if r['rate_offered'] == rate]
        return m[-1] if m else None

    ref = 'kamailio' if 'kamailio' in servers else None
    others = [s for s in servers if s != ref]
    print('\nSummary: highest clean rate (0 failed, all planned done, retransmissions < 1 %, achieved >= 98 % of '
          'offered; "≥" = no step of the sweep failed), and the server\'s CPU time per operation at the highest '
          'rate clean for every server (so both are compared at the same load).\n')
    head = '| row |' + ''.join(f' {s} |' for s in servers)
    if ref and others:
        head += ''.join(f' {s}/{ref} |' for s in others)
    print(head)
    print('|---|' + '---:|' * (len(servers) + (len(others) if ref else 0)))
    for t in tests:
        best = {s: clean_rate(s, t) for s in servers}
        line = f'| {TESTS[t][1]} |'
        for s in servers:
            b, top = best[s]
            line += ' - |' if b is None else f" {'≥ ' if top else ''}{b:,} |"
        if ref:
            for s in others:
                b, rb = best[s][0], best[ref][0]
                line += f' {b / rb:.2f} |' if b is not None and rb else ' - |'
        print(line)
    for t in tests:
        common = [clean_rate(s, t)[0] for s in servers]
        rate = min(common) if common and None not in common else None
        line = f"| CPU µs per {TESTS[t][0]} ({t}) @ {n(rate)}/s |"
        vals = {}
        for s in servers:
            r = at(s, t, rate) if rate is not None else None
            vals[s] = r['server_cpu_us_per_op'] if r else None
            line += f' {n(vals[s])} |'
        if ref:
            for s in others:
                line += (f' {vals[s] / vals[ref]:.2f} |' if vals.get(s) is not None and vals.get(ref) else ' - |')
        print(line)
    if ref and others:
        print(f'\nTargets (issue 4, 9): every rate ratio >= 1.00; CPU per call ratio <= 1.00.')


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'freeport':
        freeport()
    elif cmd == 'users':
        users(*sys.argv[2:])
    elif cmd == 'snap':
        snap(sys.argv[2])
    elif cmd == 'summarize':
        summarize(dict(kv.split('=', 1) for kv in sys.argv[2:]))
    elif cmd == 'table':
        table(sys.argv[2], sys.argv[3])
    elif cmd == 'stat':
        stat(sys.argv[2], sys.argv[3])
    elif cmd == 'counts':
        counts(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f'unknown command {cmd}')
