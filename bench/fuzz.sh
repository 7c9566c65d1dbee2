#!/usr/bin/env bash
# Fuzz the message and SDP parsers for longer than CI does: ROUNDS rounds of 30 s per target (default 10).
# Each round resumes from the corpus the earlier rounds grew in callisto-sip/.cifuzz-corpus/.
# Usage: bench/fuzz.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
./mvnw -B -q -DskipTests -Djazzer.skip=true install
for ((i = 1; i <= rounds; i++)); do
  for target in MessageParserFuzzTest SdpParserFuzzTest; do
    echo "== round $i/$rounds: $target"
    JAZZER_FUZZ=1 ./mvnw -B -q -o -pl callisto-sip surefire:test -Dtest="$target" \
      -Dsurefire.failIfNoSpecifiedTests=false
  done
done
