#!/usr/bin/env bash
# JMH: Callisto's SIP parser/writer against JAIN-SIP RI 1.3.0-91 (module callisto-jmh), one thread, -prof gc.
#
#   bench/jmh-parser.sh                      # JDK on PATH, 1 fork, 5x2 s warmup, 5x2 s measurement
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64 bench/jmh-parser.sh      # another JDK (home or bin/java)
#   bench/jmh-parser.sh -wi 3 -i 10 -r 5s    # any further arguments go to JMH (they override the defaults)
#   BENCH='io.callisto.jmh.*proxyFields.*' bench/jmh-parser.sh      # a subset (JMH regexp)
#   bench/jmh-parser.sh --table bench/results/<run>/jmh.json        # only print the table of an earlier run
#
# Env: JAVA (java binary or JDK home; default: java on PATH), BENCH (default 'io.callisto.jmh.*'),
#      BENCH_TIMEOUT (seconds for the JMH run, default 1800), BENCH_NICE (nice value of the JMH run, default -10
#      as in the peer lab, so that other work on a shared machine disturbs the measurement less; without the
#      privilege for it, nice warns and runs at the normal priority).
# Output: bench/results/jmh-parser-<date>-<jdk>/ with jmh.txt (full log), jmh.json, table.md, sizes.txt,
#         java-version.txt, env.txt; the table is printed at the end. Ratio = Callisto / JAIN-SIP ops/s;
#         "worst" = (Callisto - error) / (JAIN-SIP + error), the ratio at the pessimistic ends of the 99.9% CIs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
JAR=callisto-jmh/target/benchmarks.jar

table() { # jmh.json
  python3 - "$1" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
rows = {}
for r in runs:
    cls, meth = r["benchmark"].rsplit(".", 1)
    side = "callisto" if cls.endswith("CallistoBench") else "jainsip" if cls.endswith("JainSipBench") else cls
    pm = r["primaryMetric"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
    rows.setdefault(meth, {})[side] = (pm["score"], pm["scoreError"], alloc["score"] if alloc else None)
def num(x):
    return "n/a" if x is None or x != x else f"{x:,.0f}"
print("| benchmark | Callisto ops/s | JAIN-SIP ops/s | ratio (worst) | Callisto B/op | JAIN-SIP B/op |")
print("|---|---:|---:|---:|---:|---:|")
for meth in sorted(rows):
    c, j = rows[meth].get("callisto"), rows[meth].get("jainsip")
    cs = f"{num(c[0])} ± {num(c[1])}" if c else "-"
    js = f"{num(j[0])} ± {num(j[1])}" if j else "-"
    if c and j:
        ce, je = (c[1] if c[1] == c[1] else 0), (j[1] if j[1] == j[1] else 0)
        ratio = f"{c[0] / j[0]:.1f}× ({max(c[0] - ce, 0) / (j[0] + je):.1f}×)"
    else:
        ratio = "-"
    print(f"| {meth} | {cs} | {js} | {ratio} | {num(c[2]) if c else '-'} | {num(j[2]) if j else '-'} |")
PY
}

if [ "${1:-}" = "--table" ]; then
  table "$2"
  exit 0
fi

JAVA="${JAVA:-java}"
[ -d "$JAVA" ] && JAVA="$JAVA/bin/java"
command -v "$JAVA" >/dev/null || { echo "no java at $JAVA" >&2; exit 2; }
JAVA="$(command -v "$JAVA")"
command -v python3 >/dev/null || { echo "python3 is needed for the table" >&2; exit 2; }
BENCH="${BENCH:-io.callisto.jmh.*}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-1800}"
BENCH_NICE="${BENCH_NICE:--10}"

echo "== building $JAR"
timeout 900 ./mvnw -q -B -DskipTests -pl callisto-jmh -am package

JV="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
OUT="bench/results/jmh-parser-$(date +%Y%m%d-%H%M%S)-jdk${JV:-unknown}"
mkdir -p "$OUT"
"$JAVA" -version > "$OUT/java-version.txt" 2>&1
{
  echo "date: $(date -Is)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  echo "host: $(uname -srm), $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $JAVA"
  echo "nice: $BENCH_NICE"
  echo "command: $JAVA -jar $JAR '$BENCH' -prof gc -foe true -jvm $JAVA -rf json -rff $OUT/jmh.json $*"
} > "$OUT/env.txt"
cat "$OUT/env.txt" "$OUT/java-version.txt"
"$JAVA" -cp "$JAR" io.callisto.jmh.Sizes | tee "$OUT/sizes.txt"
"$JAVA" -cp "$JAR" io.callisto.jmh.Crosscheck | tee "$OUT/crosscheck.txt"

echo "== JMH (bounded to ${BENCH_TIMEOUT}s), log: $OUT/jmh.txt"
set +e
timeout -k 30 "$BENCH_TIMEOUT" nice -n "$BENCH_NICE" "$JAVA" -jar "$JAR" "$BENCH" -prof gc -foe true -jvm "$JAVA" \
    -rf json -rff "$OUT/jmh.json" "$@" 2>&1 | tee "$OUT/jmh.txt"
rc=${PIPESTATUS[0]}
set -e
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
if [ "$rc" -ne 0 ] || [ ! -s "$OUT/jmh.json" ]; then
  echo "JMH failed (exit $rc); see $OUT/jmh.txt" >&2
  exit 1
fi
table "$OUT/jmh.json" | tee "$OUT/table.md"
echo "results: $OUT"
