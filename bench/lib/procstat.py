"""What the benchmark scripts read from /proc: CPU ticks per process, UDP counters and drops per port.

Shared by bench/lib/server_load.py, bench/ua-load.sh and bench/media-load.sh (each imports it from bench/lib).
"""
import os
import time


def processes():
    """pid -> [parent pid, utime + stime in clock ticks], for every process readable now."""
    procs = {}
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            with open(f'/proc/{d}/stat') as f:
                s = f.read()
        except OSError:
            continue
        rest = s[s.rfind(')') + 2:].split()
        procs[d] = [int(rest[1]), int(rest[11]) + int(rest[12])]
    return procs


def udp_counters():
    """The Udp: counters of /proc/net/snmp (RcvbufErrors, InDatagrams, ...)."""
    with open('/proc/net/snmp') as f:
        rows = [line.split() for line in f if line.startswith('Udp:')]
    return dict(zip(rows[0][1:], [int(x) for x in rows[1][1:]]))


def port_drops():
    """local UDP port -> datagrams its sockets dropped (IPv4 and IPv6)."""
    drops = {}
    for fn in ('/proc/net/udp', '/proc/net/udp6'):
        try:
            with open(fn) as f:
                next(f)
                for line in f:
                    v = line.split()
                    port = int(v[1].rsplit(':', 1)[1], 16)
                    drops[port] = drops.get(port, 0) + int(v[-1])
        except OSError:
            pass
    return drops


def snapshot():
    """One snapshot as server-load.sh and ua-load.sh keep it."""
    with open('/proc/loadavg') as f:
        load = f.read().split()[0]
    return {'t': time.time(), 'procs': processes(), 'rcvbuf_errors': udp_counters().get('RcvbufErrors', 0),
            'port_drops': port_drops(), 'load1': float(load)}


def tree(procs, roots):
    """The pids of roots and all their descendants in a processes() map."""
    kids = {}
    for p, (pp, _) in procs.items():
        kids.setdefault(str(pp), []).append(p)
    out, todo = set(), [str(r) for r in roots]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        out.add(p)
        todo.extend(kids.get(p, []))
    return out
