#!/usr/bin/env bash
# The fault scripts of Tests/faults with CI-sized counts (docs/reliability.md has the full-size runs):
# kill -9 on decide, concurrent decides, a full disk, signals to the console mid-comment.
# kill-import: kill -9 during an import's one big write leaves all of the file or none of it (a batch
# line announces the events; replay applies none of an incomplete batch).
set -uo pipefail
F="$(cd "$(dirname "$0")/../faults" && pwd)"
passed=0 failed=0
run() {
  echo "== Tests/faults/$*"
  if bash "$F/$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: Tests/faults/$*" >&2; fi
}
run kill-decide.sh 120
run concurrent-decide.sh 8 80
run full-disk.sh
run signal-console.sh 12
SCHOOLS=500 run kill-import.sh 5
echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
