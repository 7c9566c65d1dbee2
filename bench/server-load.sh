#!/usr/bin/env bash
# Server benchmark of issue 4 (9): Callisto's registrar and proxy against Kamailio 5.6, configured alike, under
# SIPp load (or, with --driver bench, under `bin/callisto bench` load: issue 5), in one run on this machine (UDP,
# 127.0.0.1 only). For each server it measures
#
#   reg       REGISTER/s without authentication (users user00001.. of --users, then refreshes)
#   reg-auth  registrations/s with digest authentication: REGISTER -> 401 -> REGISTER with Authorization -> 200
#             (SIPp's [authentication], MD5; the --auth-users users are provisioned in both servers)
#   call      proxied calls/s: SIPp uac -> server -> SIPp uas, INVITE / (100) / 200 / ACK / hold / BYE / 200, the
#             route set honoured (ACK and BYE through the proxy); the callee AoR sip:service@DOMAIN is REGISTERed
#             by SIPp from the uas's own address and port before the uas starts, and the server finds it in its
#             location service (no static route)
#
# each as the highest clean rate of a sweep, with the server's CPU time per operation (utime+stime of its process
# tree from /proc/PID/stat) and the ratio Callisto/Kamailio.
#
#   callisto  bin/callisto server --udp 127.0.0.1:P --tcp 127.0.0.1:P --http off --data DIR --auth on|off
#             --auth-algorithms MD5 --domain DOMAIN (SIPp 3.6 answers only an MD5 challenge, and only the first)
#             (skipped, with a message, while `bin/callisto server --help` fails); users added with
#             `bin/callisto user add USER --realm DOMAIN --password-stdin --data DIR`
#   kamailio  kamailio -f bench/kamailio/kamailio.cfg (Debian package `kamailio`): usrloc in memory, tm + rr,
#             htable of HA1 values loaded from a db_text table for digest auth (-A WITH_AUTH)
#
# Usage:
#   bench/server-load.sh                                         # both servers, all tests, default sweeps
#   bench/server-load.sh --servers kamailio --reg-rates "5000 10000" --call-rates "500 1000" --duration 10
#   bench/server-load.sh --driver bench --reg-rates "2000 5000" --call-rates "500 1000" --duration 10 --warmup 10 \
#       --auth-users 5                                           # the same comparison with bin/callisto bench as load
#   bench/server-load.sh --table bench/results/server-load-<driver>-<date>   # print the tables of an earlier run again
#
# Options (each has an environment variable of the same meaning; options win):
#   --servers LIST      SERVERS       servers, in order                   (default "callisto kamailio")
#   --tests LIST        TESTS         tests, in order                      (default "reg reg-auth call")
#   --reg-rates LIST    REG_RATES     REGISTER sweep, per second, for reg and reg-auth
#                                     (default "2000 5000 10000 15000 20000 25000 30000")
#   --call-rates LIST   CALL_RATES    call sweep, calls/s      (default "500 1000 1500 2000 2500 3000 3500 4000")
#   --duration S        DURATION      seconds of offered load per measured step (default 20)
#   --warmup S          WARMUP        seconds of load before each sweep, not measured (default 60: a JVM compiles
#                                     the code of the 32 s transaction timers only once they fire, and the H2
#                                     checkpoint's, every 30 s, only after its first full ones), after 5 s at
#                                     200/s; the same for both servers (a JVM needs it, Kamailio does not mind)
#   --warmup-reg-rate R WARMUP_REG_RATE   REGISTERs/s of that warm-up (default 10000: the paths of high rates, full
#                                     recvmmsg batches and store batches, compile only under such load; reg-auth
#                                     warms up at half of it, as each registration is two REGISTERs)
#   --warmup-call-rate R WARMUP_CALL_RATE calls/s of that warm-up (default 500)
#   --users N           USERS         users of the reg test (default 10000)
#   --auth-users N      AUTH_USERS    users of the reg-auth test, provisioned in both servers (default 100; each
#                                     Callisto user costs one `bin/callisto user add`, about a second)
#   --domain D          DOMAIN        the servers' domain and digest realm (default bench.test)
#   --hold MS           HOLD_MS       call hold between ACK and BYE, SIPp -d (default 1000)
#   --driver sipp|bench DRIVER        the load generator (default sipp):
#                                     sipp   SIPp 3.6 with bench/sipp/*.xml, as described above;
#                                     bench  `bin/callisto bench` (BENCH_CMD), one JVM per run of load:
#                                            reg: `bench register --users users.csv --domain D`; reg-auth: the same
#                                            with auth-users.csv (user;password rows: a 401 is answered once with
#                                            MD5 digest, uri = the request-URI sip:D); call: `bench call --to
#                                            sip:service@D --duration-ms HOLD` through the server to `bench uas`,
#                                            whose AoR sip:service@D is registered by `bench register --bind` from
#                                            the uas's port just before the uas binds it. Same rates, counts, users,
#                                            concurrency limit (--max-concurrent = SIPp's -l) and single local
#                                            port; the counts come from `--json`: see "Accounting" below
#   --install                         apt-get install kamailio and sip-tester if missing (root)
#   --pin SERVER_CPUS:LOAD_CPUS PIN   run every server under `taskset -c SERVER_CPUS` and every load process
#                                     (SIPp uac and uas, bench JVMs) under `taskset -c LOAD_CPUS`, e.g. 1:0 on
#                                     this 2-CPU machine (default: unpinned, all share every CPU). Unpinned,
#                                     the kernel places a server thread woken by SIPp's datagram on SIPp's own
#                                     CPU and preempts SIPp, whose call generation then drops calls (docs/
#                                     server-bench.md, "sent/s"); pinned, neither disturbs the other
# Environment only:
#   RETRIES        how many more times a step that is not clean is run, after a 15 s pause (default 1); the
#                  last attempt counts, every attempt is kept in the table
#   NICE           nice value of the servers and SIPp (default -10; the machine is shared)
#   BENCH_TIMEOUT  seconds for the whole run (default 5400)
#   JAVA_HOME      the JDK of `bin/callisto` (default: java on PATH)
#   JVM_FLAGS      heap/GC flags of the Callisto server, passed as CALLISTO_JAVA_OPTS
#                  (default "-Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError")
#   KAM_CHILDREN   Kamailio UDP workers, -n (default 4)
#   KAM_SHM        Kamailio shared memory in MB, -m (default 2048)
#   KAM_EXTRA      more Kamailio options (default "-x tlsf")
#   SIPP_BUFF      SIPp's UDP socket buffers, -buff_size (default 4194304: SIPp's single socket is where most
#                  datagrams are dropped at high REGISTER rates; the kernel caps it at net.core.rmem_max)
#   BENCH_CMD      the bench driver's command (default: bin/callisto bench of this checkout, absolute path)
#   BENCH_JVM_FLAGS  JVM flags of every bench JVM (caller, callee, registrations), passed as CALLISTO_JAVA_OPTS
#                  (default "-Xms1g -Xmx1g -XX:+UseParallelGC", as bench/bench-vs-sipp.sh); in env.txt and the table
#   CALLISTO_SERVER    command of the Callisto server; {port} {data} {auth} {domain} are replaced
#   CALLISTO_USER_ADD  command adding one Callisto user, password on stdin; {user} {realm} {data} are replaced
#
# Accounting. A step (one server, one test, one offered rate) is one run of the driver (SIPp, or one bench JVM)
# of rate x DURATION operations; its window is that process's life. Over the window: server CPU = utime+stime of
# the server's process tree (Kamailio's workers, the JVM's threads) from /proc/PID/stat; the driver's CPU from the
# shell's child rusage (for bench: the whole JVM, its start, JIT and message-path warm-up included); the callee's
# (SIPp or bench uas) from /proc; the CPU of every other process (other tenants of this shared machine); UDP
# drops (system-wide and per socket). SIPp gives created / successful / failed and Retransmissions(C)
# (-trace_stat) and the response times (-trace_rtt: REGISTER -> 200, registration start -> final 200, or INVITE
# -> 200) with the achieved rate = 200s per second between the first and the last. bench gives the same from its
# --json file: attempted / answered / failed / retransmissions (its own and its answers to the peer's), the
# latency percentiles (reg, reg-auth: REGISTER -> final response per transaction, so reg-auth's include the
# 401s; call: INVITE -> 200), and the achieved rate = calls completed per second over the whole 100 ms
# intervals between the first and the last interval that completed one. A step is clean when failed = 0,
# successful = planned, retransmissions < 1 % of the operations created, the achieved rate >= 98 % of the offered
# rate and the server is still running; a step that is not clean is run again (RETRIES), the last attempt
# counts. Each sweep (one server, one test) runs on one fresh server process with a fresh store: warm-up (with the
# driver: SIPp, or bench JVMs whose first calls follow their own message-path warm-up), then the rates in order,
# stopping at the first unclean one. The highest clean rate is the last clean step below it.
#
# Everything is bounded: SIPp -timeout and a hard `timeout`, servers under `timeout`, the whole run under
# BENCH_TIMEOUT; processes are stopped by PID (TERM, then KILL) on exit.
# Output: bench/results/server-load-<driver>-<date>/ (server-load-sipp-... or server-load-bench-...).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export LC_ALL=C
# The whole run is bounded: run this script again under timeout (its TERM reaches the trap below).
if [ -z "${SERVER_LOAD_BOUNDED:-}" ]; then
  SERVER_LOAD_BOUNDED=1 exec timeout -k 30 "${BENCH_TIMEOUT:-5400}" "$0" "$@"
fi
PYLIB="$ROOT/bench/lib/server_load.py"
py() { python3 "$PYLIB" "$@"; }

# ---------------------------------------------------------------------------------------------- configuration
SERVERS="${SERVERS:-callisto kamailio}"
TESTS="${TESTS:-reg reg-auth call}"
REG_RATES="${REG_RATES:-2000 5000 10000 15000 20000 25000 30000}"
CALL_RATES="${CALL_RATES:-500 1000 1500 2000 2500 3000 3500 4000}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-60}"
WARMUP_REG_RATE="${WARMUP_REG_RATE:-10000}"
WARMUP_CALL_RATE="${WARMUP_CALL_RATE:-500}"
USERS="${USERS:-10000}"
AUTH_USERS="${AUTH_USERS:-100}"
DOMAIN="${DOMAIN:-bench.test}"
HOLD_MS="${HOLD_MS:-1000}"
DRIVER="${DRIVER:-sipp}"
INSTALL=0
TABLE_DIR=""
while [ $# -gt 0 ]; do
  case "$1" in
    --servers) SERVERS="$2"; shift 2 ;;
    --tests) TESTS="$2"; shift 2 ;;
    --reg-rates) REG_RATES="$2"; shift 2 ;;
    --call-rates) CALL_RATES="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --warmup-reg-rate) WARMUP_REG_RATE="$2"; shift 2 ;;
    --warmup-call-rate) WARMUP_CALL_RATE="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --auth-users) AUTH_USERS="$2"; shift 2 ;;
    --domain) DOMAIN="$2"; shift 2 ;;
    --hold) HOLD_MS="$2"; shift 2 ;;
    --driver) DRIVER="$2"; shift 2 ;;
    --install) INSTALL=1; shift ;;
    --table) TABLE_DIR="$2"; shift 2 ;;
    --pin) PIN="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$TABLE_DIR" ]; then
  py table "$TABLE_DIR/results.jsonl" "callisto kamailio"
  exit 0
fi
RETRIES="${RETRIES:-1}"
PIN="${PIN:-}"
PIN_SERVER=(); PIN_LOAD=()
if [ -n "$PIN" ]; then
  case "$PIN" in
    *:*) PIN_SERVER=(taskset -c "${PIN%%:*}"); PIN_LOAD=(taskset -c "${PIN#*:}") ;;
    *) echo "--pin: SERVER_CPUS:LOAD_CPUS (e.g. 1:0), not '$PIN'" >&2; exit 2 ;;
  esac
  command -v taskset >/dev/null || { echo "--pin needs taskset (util-linux)" >&2; exit 2; }
  taskset -c "${PIN%%:*}" true 2>/dev/null && taskset -c "${PIN#*:}" true 2>/dev/null \
    || { echo "--pin $PIN: no such CPUs here ($(nproc) CPUs)" >&2; exit 2; }
fi
NICE="${NICE:--10}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-5400}"
JVM_FLAGS="${JVM_FLAGS:--Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError}"
KAM_CHILDREN="${KAM_CHILDREN:-4}"
KAM_SHM="${KAM_SHM:-2048}"
KAM_EXTRA="${KAM_EXTRA--x tlsf}"
SIPP_BUFF="${SIPP_BUFF:-4194304}"
BENCH_CMD="${BENCH_CMD:-$ROOT/bin/callisto bench}"   # absolute: SIPp-style runs start in the step directory
BENCH_JVM_FLAGS="${BENCH_JVM_FLAGS:--Xms1g -Xmx1g -XX:+UseParallelGC}"
# (defaults through variables: a "}" inside ${VAR:-...} would end the expansion early)
CALLISTO_SERVER_DEFAULT='bin/callisto server --udp 127.0.0.1:{port} --tcp 127.0.0.1:{port} --http off --data {data} --auth {auth} --auth-algorithms MD5 --domain {domain}'
CALLISTO_SERVER="${CALLISTO_SERVER:-$CALLISTO_SERVER_DEFAULT}"
CALLISTO_USER_ADD_DEFAULT='bin/callisto user add {user} --realm {realm} --password-stdin --data {data}'
CALLISTO_USER_ADD="${CALLISTO_USER_ADD:-$CALLISTO_USER_ADD_DEFAULT}"
case "$DOMAIN" in *[!A-Za-z0-9.-]*|"") echo "--domain: a host name please" >&2; exit 2 ;; esac
case "$DRIVER" in sipp|bench) ;; *) echo "--driver: sipp or bench, not '$DRIVER'" >&2; exit 2 ;; esac

if [ "$INSTALL" = 1 ]; then
  missing=()
  command -v kamailio >/dev/null || missing+=(kamailio)
  command -v sipp >/dev/null || missing+=(sip-tester)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== apt-get install ${missing[*]}"
    timeout 900 apt-get install -y "${missing[@]}" || { echo "apt-get failed" >&2; exit 2; }
  fi
fi
need() { command -v "$1" >/dev/null || { echo "missing: $1 ($2)" >&2; exit 2; }; }
[ "$DRIVER" = sipp ] && need sipp "apt-get install sip-tester"
need python3 "for the accounting and the tables"
need ss "iproute2"
need timeout "coreutils"

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
# Kamailio's control socket lives here: a unix socket path must stay under 108 bytes, which OUT may not
RUNTMP="$(mktemp -d "${TMPDIR:-/tmp}/server-load.XXXXXX")"
cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  PIDS=()
  rm -rf "$RUNTMP"
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

# ---------------------------------------------------------------------------------------------- preparation
OUT="bench/results/server-load-$DRIVER-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
declare -A SKIP=()     # "server" or "server/test" -> why it is skipped

if printf '%s\n' $SERVERS | grep -qx kamailio && ! command -v kamailio >/dev/null; then
  SKIP[kamailio]="kamailio is not installed (apt-get install kamailio, or run with --install)"
fi
KAMCMD="$(command -v kamcmd || true)"

if printf '%s\n' $SERVERS | grep -qx callisto; then
  help_cmd="${CALLISTO_SERVER%% --udp*} --help"
  echo "== checking '$help_cmd' (builds bin/callisto on first use)"
  # shellcheck disable=SC2086
  timeout 900 $help_cmd > "$OUT/callisto-help.txt" 2>&1
  help_rc=$?
  # picocli prints the top-level usage and exits 0 for an unknown command with --help: require the options too.
  if [ "$help_rc" -ne 0 ] || ! grep -q -e '--auth' "$OUT/callisto-help.txt" || ! grep -q -e '--domain' "$OUT/callisto-help.txt"; then
    SKIP[callisto]="skipped: '$help_cmd' failed (exit $help_rc, or no --auth/--domain in its output: $OUT/callisto-help.txt); its rows arrive with \`bin/callisto server\`"
  fi
fi
if [ "$DRIVER" = bench ]; then
  echo "== checking '$BENCH_CMD register --help' (the bench driver; builds bin/callisto on first use)"
  # shellcheck disable=SC2086
  if ! timeout 900 $BENCH_CMD register --help > "$OUT/bench-help.txt" 2>&1 || ! grep -q -e '--users' "$OUT/bench-help.txt"; then
    echo "the bench driver does not run: '$BENCH_CMD register --help' failed (see $OUT/bench-help.txt)" >&2
    exit 2
  fi
fi
for s in $SERVERS; do [ -n "${SKIP[$s]:-}" ] && echo "$s: ${SKIP[$s]}"; done

# users: the same names and passwords for both servers
py users "$USERS" user "$OUT/users.csv"
printf 'SEQUENTIAL\nservice;-\n' > "$OUT/callee.csv"
if printf '%s\n' $TESTS | grep -qx reg-auth; then
  py users "$AUTH_USERS" user "$OUT/auth-users.csv" "$DOMAIN" "$OUT/kamailio-db"
  if printf '%s\n' $SERVERS | grep -qx callisto && [ -z "${SKIP[callisto]:-}" ]; then
    echo "== provisioning $AUTH_USERS users in Callisto's store ($OUT/callisto-users)"
    mkdir -p "$OUT/callisto-users"
    added=0
    while IFS=';' read -r user pw; do
      [ "$user" = SEQUENTIAL ] && continue
      cmd="${CALLISTO_USER_ADD//\{user\}/$user}"; cmd="${cmd//\{realm\}/$DOMAIN}"; cmd="${cmd//\{data\}/$ROOT/$OUT/callisto-users}"
      # shellcheck disable=SC2086
      if ! printf '%s\n' "$pw" | timeout 120 $cmd >> "$OUT/callisto-user-add.log" 2>&1; then
        SKIP[callisto/reg-auth]="skipped: '$cmd' failed (see $OUT/callisto-user-add.log)"
        echo "callisto reg-auth: ${SKIP[callisto/reg-auth]}"
        break
      fi
      added=$((added + 1))
    done < "$OUT/auth-users.csv"
    [ -z "${SKIP[callisto/reg-auth]:-}" ] && echo "   $added users added"
  fi
fi

{
  echo "date: $(date -Is)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "driver: $DRIVER"
  if [ "$DRIVER" = bench ]; then
    echo "bench: $BENCH_CMD; CALLISTO_JAVA_OPTS=$BENCH_JVM_FLAGS (every bench JVM: caller, callee, registrations)"
  else
    echo "sipp: $(sipp -v 2>&1 | grep -m1 SIPp | sed 's/^ *//')"
  fi
  command -v kamailio >/dev/null && echo "kamailio: $(kamailio -v 2>&1 | head -1)"
  echo "servers: $SERVERS; tests: $TESTS; domain: $DOMAIN"
  warm="none"; [ "$WARMUP" -gt 0 ] && warm="5 s at 200/s + ${WARMUP}s at $WARMUP_REG_RATE REG/s or $WARMUP_CALL_RATE calls/s"
  echo "reg rates: $REG_RATES; call rates: $CALL_RATES; duration ${DURATION}s; warm-up: $warm; hold ${HOLD_MS} ms"
  echo "users: $USERS (reg), $AUTH_USERS (reg-auth); retries: $RETRIES; nice: $NICE; pin (server:load CPUs): ${PIN:-none}"
  echo "callisto: $CALLISTO_SERVER; CALLISTO_JAVA_OPTS=$JVM_FLAGS; java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
  echo "kamailio: -n $KAM_CHILDREN -m $KAM_SHM $KAM_EXTRA$([ "$DRIVER" = sipp ] && echo "; sipp -buff_size $SIPP_BUFF")"
  echo "udp: rmem_max=$(cat /proc/sys/net/core/rmem_max) wmem_max=$(cat /proc/sys/net/core/wmem_max)"
  for k in "${!SKIP[@]}"; do echo "$k: ${SKIP[$k]}"; done
} > "$OUT/env.txt"
cat "$OUT/env.txt"

# ---------------------------------------------------------------------------------------------- servers
LIFE="$BENCH_TIMEOUT"
# start_server NAME TEST DIR -> SERVER_PID (what we stop and whose process tree we measure), SERVER_PORT
start_server() {
  local name="$1" test="$2" dir="$3" auth=off cmd=()
  [ "$test" = reg-auth ] && auth=on
  SERVER_PORT="$(py freeport)"
  case "$name" in
    callisto)
      mkdir -p "$dir/data"
      [ "$test" = reg-auth ] && cp -a "$OUT/callisto-users/." "$dir/data/"
      local c="$CALLISTO_SERVER"
      c="${c//\{port\}/$SERVER_PORT}"; c="${c//\{data\}/$ROOT/$dir/data}"; c="${c//\{auth\}/$auth}"; c="${c//\{domain\}/$DOMAIN}"
      # shellcheck disable=SC2206
      cmd=($c)
      export CALLISTO_JAVA_OPTS="$JVM_FLAGS -Xlog:gc:file=$ROOT/$dir/gc.log" ;;
    kamailio)
      mkdir -p "$dir/run"
      # shellcheck disable=SC2206
      cmd=(kamailio -f "$ROOT/bench/kamailio/kamailio.cfg" -DD -E -m "$KAM_SHM" -M 16 -n "$KAM_CHILDREN" $KAM_EXTRA
           -l "udp:127.0.0.1:$SERVER_PORT" -l "tcp:127.0.0.1:$SERVER_PORT" -Y "$ROOT/$dir/run" -P "$ROOT/$dir/run/kamailio.pid"
           -A "DOMAIN=\"$DOMAIN\"" -A "CTLSOCK=\"unix:$RUNTMP/$name-$test.ctl\"")
      [ "$auth" = on ] && cmd+=(-A WITH_AUTH -A "DBURL=\"text://$ROOT/$OUT/kamailio-db\"") ;;
  esac
  echo "${cmd[*]}" > "$dir/server-cmd.txt"
  [ "$name" = callisto ] && echo "CALLISTO_JAVA_OPTS=$CALLISTO_JAVA_OPTS" >> "$dir/server-cmd.txt"
  timeout -k 5 "$LIFE" nice -n "$NICE" ${PIN_SERVER[@]+"${PIN_SERVER[@]}"} "${cmd[@]}" > "$dir/server.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  if ! wait_port "$SERVER_PORT" 120 "$SERVER_PID"; then
    echo "$name did not bind 127.0.0.1:$SERVER_PORT; end of its log:" >&2; tail -20 "$dir/server.log" >&2
    return 1
  fi
  sleep 1
  return 0
}

# drive DIR LPORT SECONDS LOG CMD...: runs the driver's CMD in DIR (SIPp writes its files there) under a hard
# timeout of SECONDS, output to DIR/LOG, and samples the drop counter of its socket on LPORT -> LOAD_RC,
# DIR/times0.txt and times1.txt (the shell's child rusage), DIR/cmd.txt
drive() {
  local dir="$1" lport="$2" limit="$3" log="$4"; shift 4
  echo "nice -n $NICE ${PIN_LOAD[*]} $*" > "$dir/cmd.txt"
  times > "$dir/times0.txt"   # the shell's child rusage, in this shell (a $(...) subshell has its own)
  ( cd "$dir" && exec timeout -k 5 "$limit" nice -n "$NICE" ${PIN_LOAD[@]+"${PIN_LOAD[@]}"} "$@" ) > "$dir/$log" 2>&1 &
  local p=$!
  PIDS+=("$p")
  # The driver's socket disappears with it: sample its drop counter (last column) every 0.5 s; a JVM's socket
  # is an IPv6 one (dual stack), listed in /proc/net/udp6.
  local hex; hex="$(printf ':%04X' "$lport")"
  ( while kill -0 "$p" 2>/dev/null; do
      awk -v h="$hex" '$2 ~ h"$" { d += $NF; n++ } END { if (n) print d }' /proc/net/udp /proc/net/udp6 > "$dir/.uac-drops" &&
        [ -s "$dir/.uac-drops" ] && mv -f "$dir/.uac-drops" "$dir/uac-drops.txt"
      sleep 0.5
    done ) &
  local sampler=$!
  PIDS+=("$sampler")
  wait "$p"; LOAD_RC=$?
  times > "$dir/times1.txt"   # before reaping the sampler, whose CPU is not the driver's
  forget_pid "$p"
  wait "$sampler" 2>/dev/null
  forget_pid "$sampler"
  rm -f "$dir/.uac-drops"
}

# run_load DIR TEST RATE SECONDS: rate x SECONDS operations of TEST from the driver -> LOAD_RC, DIR/...
run_load() {
  local dir="$1" test="$2" rate="$3" secs="$4" lport calls limit to
  lport="$(py freeport)"
  calls=$(( rate * secs ))
  case "$test" in
    reg|reg-auth) limit=$(( rate * 3 )); to=$(( secs + 30 )) ;;
    call) limit=$(( rate * (HOLD_MS / 1000 + 3) )); to=$(( secs + HOLD_MS / 1000 + 30 )) ;;
  esac
  [ "$limit" -lt 1000 ] && limit=1000
  mkdir -p "$dir"
  if [ "$DRIVER" = bench ]; then
    run_bench "$dir" "$test" "$rate" "$calls" "$lport" "$limit" "$to"
  else
    run_sipp "$dir" "$test" "$rate" "$calls" "$lport" "$limit" "$to"
  fi
}

# run_sipp DIR TEST RATE CALLS LPORT LIMIT TIMEOUT: SIPp's uac (-l LIMIT calls at once, -timeout TIMEOUT s)
run_sipp() {
  local dir="$1" test="$2" rate="$3" calls="$4" lport="$5" limit="$6" to="$7" scen args=()
  case "$test" in
    reg) scen=register.xml; args=(-inf "$ROOT/$OUT/users.csv") ;;
    reg-auth) scen=register-auth.xml; args=(-inf "$ROOT/$OUT/auth-users.csv" -auth_uri "$DOMAIN") ;;
    call) scen=uac-rr.xml; args=(-d "$HOLD_MS") ;;
  esac
  local freq; freq="$(python3 -c "import math; print(math.gcd($calls, 1000))")"
  local cmd=(sipp "127.0.0.1:$SERVER_PORT" -sf "$ROOT/bench/sipp/$scen" -key domain "$DOMAIN" -s service
             -i 127.0.0.1 -p "$lport" -t u1 -r "$rate" -rp 1000 -m "$calls" -l "$limit" "${args[@]}"
             -buff_size "$SIPP_BUFF" -nostdin -timeout "${to}s"
             -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq "$freq"
             -trace_screen -screen_file screen.log -trace_err -error_file errors.log -error_overwrite true)
  drive "$dir" "$lport" $(( to + 15 )) sipp.out "${cmd[@]}"
}

# bench JVMs get BENCH_JVM_FLAGS (and not the server's CALLISTO_JAVA_OPTS, which start_server exports)
bench_cmd() { # SUBCOMMAND ARGS... -> BENCH (an array: the command line of one bench JVM)
  # shellcheck disable=SC2206
  BENCH=(env "CALLISTO_JAVA_OPTS=$BENCH_JVM_FLAGS" $BENCH_CMD "$@")
}

# run_bench DIR TEST RATE CALLS LPORT LIMIT TIMEOUT: one bench JVM from 127.0.0.1:LPORT (one socket, like SIPp's
# -t u1), at most LIMIT calls at once; counts and latencies in DIR/bench.json (100 ms intervals)
run_bench() {
  local dir="$1" test="$2" rate="$3" calls="$4" lport="$5" limit="$6" to="$7" args=()
  case "$test" in
    reg) args=(register --users "$ROOT/$OUT/users.csv" --domain "$DOMAIN") ;;
    reg-auth) args=(register --users "$ROOT/$OUT/auth-users.csv" --domain "$DOMAIN") ;;
    call) args=(call --to "sip:service@$DOMAIN" --duration-ms "$HOLD_MS") ;;
  esac
  bench_cmd "${args[@]}" --target "127.0.0.1:$SERVER_PORT" --bind "127.0.0.1:$lport" --rate "$rate" \
    --calls "$calls" --max-concurrent "$limit" --quiet --interval-ms 100 --json "$ROOT/$dir/bench.json"
  drive "$dir" "$lport" $(( to + 15 )) bench.out "${BENCH[@]}"
}

child_cpu_s() { # FILE written by the `times` builtin -> user+sys seconds of the shell's reaped children
  tail -1 "$1" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); n += a[1] * 60 + a[2] } print n }'
}

# start_callee DIR: REGISTER sip:service@DOMAIN from the uas's port, then the uas on it -> UAS_PID
start_callee() {
  local dir="$1" port
  port="$(py freeport)"
  mkdir -p "$dir/callee-register" "$dir/uas"
  [ "$DRIVER" = bench ] && { start_bench_callee "$dir" "$port"; return; }
  local reg=(sipp "127.0.0.1:$SERVER_PORT" -sf "$ROOT/bench/sipp/register.xml" -key domain "$DOMAIN"
             -inf "$ROOT/$OUT/callee.csv" -i 127.0.0.1 -p "$port" -t u1 -m 1 -nostdin -timeout 20s
             -trace_stat -stf stat.csv)
  echo "${reg[*]}" > "$dir/callee-register/cmd.txt"
  ( cd "$dir/callee-register" && exec timeout -k 5 30 "${reg[@]}" ) > "$dir/callee-register/sipp.out" 2>&1
  local ok; ok="$(py counts "$dir/callee-register" ok)"
  if [ "$ok" != 1 ]; then
    echo "the callee's REGISTER failed (see $dir/callee-register)" >&2
    return 1
  fi
  local uas=(sipp -sf "$ROOT/bench/sipp/uas-rr.xml" -s service -i 127.0.0.1 -p "$port" -t u1 -buff_size "$SIPP_BUFF"
             -nostdin -timeout "${LIFE}s" -trace_stat -stf stat.csv -fd 5)
  echo "nice -n $NICE ${PIN_LOAD[*]} ${uas[*]}" > "$dir/uas/cmd.txt"
  ( cd "$dir/uas" && exec timeout -k 5 "$LIFE" nice -n "$NICE" ${PIN_LOAD[@]+"${PIN_LOAD[@]}"} "${uas[@]}" ) > "$dir/uas/sipp.out" 2>&1 &
  UAS_PID=$!
  PIDS+=("$UAS_PID")
  wait_port "$port" 10 "$UAS_PID" || { echo "the uas did not start (see $dir/uas)" >&2; return 1; }
  echo "   callee sip:service@$DOMAIN registered from 127.0.0.1:$port; uas PID $UAS_PID"
}

# start_bench_callee DIR PORT: `bench register --bind 127.0.0.1:PORT` (one REGISTER of sip:service@DOMAIN, from
# the port; the JVM exits and frees it), then `bench uas --bind 127.0.0.1:PORT` -> UAS_PID. The uas copies the
# INVITE's Record-Route into its 180 and 200 (RFC 3261 12.1.1), so the caller's ACK and BYE pass the proxy.
start_bench_callee() {
  local dir="$1" port="$2"
  bench_cmd register --target "127.0.0.1:$SERVER_PORT" --bind "127.0.0.1:$port" --users "$ROOT/$OUT/callee.csv" \
    --domain "$DOMAIN" --calls 1 --rate 1 --quiet --json "$ROOT/$dir/callee-register/bench.json"
  echo "${BENCH[*]}" > "$dir/callee-register/cmd.txt"
  timeout -k 5 60 "${BENCH[@]}" > "$dir/callee-register/bench.out" 2>&1
  if [ "$(py counts "$dir/callee-register" ok)" != 1 ]; then
    echo "the callee's REGISTER failed (see $dir/callee-register)" >&2
    return 1
  fi
  # no --calls/--run-ms: it answers until stopped (TERM at the end of the sweep writes uas/bench.json)
  bench_cmd uas --bind "127.0.0.1:$port" --quiet --json "$ROOT/$dir/uas/bench.json"
  echo "nice -n $NICE ${PIN_LOAD[*]} ${BENCH[*]}" > "$dir/uas/cmd.txt"
  timeout -k 5 "$LIFE" nice -n "$NICE" ${PIN_LOAD[@]+"${PIN_LOAD[@]}"} "${BENCH[@]}" > "$dir/uas/bench.out" 2>&1 &
  UAS_PID=$!
  PIDS+=("$UAS_PID")
  wait_port "$port" 60 "$UAS_PID" || { echo "the bench uas did not start (see $dir/uas)" >&2; return 1; }
  # it binds before its message-path warm-up; the sweep's warm-up starts at 200/s in any case
  for _ in $(seq 1 100); do grep -q 'listening on' "$dir/uas/bench.out" && break; sleep 0.1; done
  sleep 2
  echo "   callee sip:service@$DOMAIN registered by bench from 127.0.0.1:$port; bench uas PID $UAS_PID"
}

# step SERVER TEST RATE SWEEPDIR -> exit 0 clean, 1 not clean
step() {
  local name="$1" test="$2" rate="$3" dir="$4/$3"
  [ -e "$dir" ] && dir="$4/$3-$(date +%H%M%S)"   # a retry keeps the earlier attempt's files
  mkdir -p "$dir"
  echo "-- $name $test at $rate/s $(date +%T)"
  local c0 c1 alive=1
  py snap "$dir/snap0.json"
  run_load "$dir" "$test" "$rate" "$DURATION"
  c0="$(child_cpu_s "$dir/times0.txt")"; c1="$(child_cpu_s "$dir/times1.txt")"
  kill -0 "$SERVER_PID" 2>/dev/null || { alive=0; echo "   the server exited during the step; end of its log:"; tail -5 "$4/server.log"; }
  py snap "$dir/snap1.json"
  py summarize server="$name" test="$test" rate="$rate" duration="$DURATION" planned=$(( rate * DURATION )) \
     dir="$dir" snap0="$dir/snap0.json" snap1="$dir/snap1.json" server_pids="$SERVER_PID" uas_pids="${UAS_PID:-}" \
     server_port="$SERVER_PORT" uac_cpu_s="$(python3 -c "print($c1 - $c0)")" server_alive="$alive" \
     load_rc="$LOAD_RC" driver="$DRIVER" driver_jvm="$([ "$DRIVER" = bench ] && echo "$BENCH_JVM_FLAGS")" \
     results="$RESULTS"
  local rc=$?
  gzip -f "$dir"/*_rtt.csv 2>/dev/null
  return $rc
}

# sweep SERVER TEST: a fresh server, warm-up, then the rates up to the first unclean step
sweep() {
  local name="$1" test="$2" dir="$OUT/$1-$2" rates wrate
  mkdir -p "$dir"
  if [ "$test" = call ]; then rates="$CALL_RATES"; wrate="$WARMUP_CALL_RATE"; else rates="$REG_RATES"; wrate="$WARMUP_REG_RATE"; fi
  # a registration with digest is two REGISTERs: its warm-up sends as many REGISTERs as the reg test's
  if [ "$test" = reg-auth ]; then wrate=$(( wrate / 2 )); fi
  echo "== $name $test: rates $rates"
  UAS_PID=""
  start_server "$name" "$test" "$dir" || { stop_pid "$SERVER_PID"; forget_pid "$SERVER_PID"; return 1; }
  echo "   $name on 127.0.0.1:$SERVER_PORT (UDP and TCP), PID $SERVER_PID"
  if [ "$test" = call ]; then
    start_callee "$dir" || { stop_pid "$UAS_PID"; forget_pid "$UAS_PID"; stop_pid "$SERVER_PID"; forget_pid "$SERVER_PID"; return 1; }
  fi
  if [ "$WARMUP" -gt 0 ]; then
    local w0=$(( wrate < 200 ? wrate : 200 ))
    run_load "$dir/warmup0" "$test" "$w0" 5
    run_load "$dir/warmup" "$test" "$wrate" "$WARMUP"
    echo "   warm-up ($DRIVER): 5 s at $w0/s, then ${WARMUP} s at $wrate/s: $(py counts "$dir/warmup" ok) ok, $(py counts "$dir/warmup" failed) failed"
    gzip -f "$dir"/warmup*/*_rtt.csv 2>/dev/null
    sleep 3
  fi
  local rate rc try
  for rate in $rates; do
    step "$name" "$test" "$rate" "$dir"; rc=$?
    try=0
    while [ "$rc" != 0 ] && [ "$try" -lt "$RETRIES" ] && kill -0 "$SERVER_PID" 2>/dev/null; do
      try=$((try + 1))
      echo "   not clean: running $name $test at $rate/s again in 15 s (retry $try of $RETRIES)"
      sleep 15
      step "$name" "$test" "$rate" "$dir"; rc=$?
    done
    if [ "$rc" != 0 ]; then echo "   (end of the $name $test sweep: $rate/s was not clean)"; break; fi
    sleep 3
  done
  if [ "$name" = kamailio ] && [ -n "$KAMCMD" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    timeout 20 "$KAMCMD" -s "unix:$RUNTMP/$name-$test.ctl" stats.get_statistics all > "$dir/kamailio-stats.txt" 2>&1
    timeout 20 "$KAMCMD" -s "unix:$RUNTMP/$name-$test.ctl" core.shmmem > "$dir/kamailio-shmmem.txt" 2>&1
    echo "   kamailio: $(grep -E 'usrloc:registered_users|shmem:max_used_size' "$dir/kamailio-stats.txt" | tr -s ' \n' ' ')"
  fi
  stop_pid "$UAS_PID"; forget_pid "$UAS_PID"; UAS_PID=""
  stop_pid "$SERVER_PID"; forget_pid "$SERVER_PID"
  return 0
}

# ---------------------------------------------------------------------------------------------- the run
for test in $TESTS; do
  case "$test" in reg|reg-auth|call) ;; *) echo "unknown test '$test' (reg, reg-auth, call)" >&2; continue ;; esac
  for name in $SERVERS; do
    case "$name" in callisto|kamailio) ;; *) echo "unknown server '$name' (callisto, kamailio)" >&2; continue ;; esac
    if [ -n "${SKIP[$name]:-}" ]; then echo "== $name $test: ${SKIP[$name]}"; continue; fi
    if [ -n "${SKIP[$name/$test]:-}" ]; then echo "== $name $test: ${SKIP[$name/$test]}"; continue; fi
    sweep "$name" "$test"
    sleep 3
  done
done

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
echo
if [ -s "$RESULTS" ]; then
  py table "$RESULTS" "callisto kamailio" | tee "$OUT/table.md"
  for k in "${!SKIP[@]}"; do echo -e "\n$k: ${SKIP[$k]}"; done | tee -a "$OUT/table.md"
fi
echo "results: $OUT"
