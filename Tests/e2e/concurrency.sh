#!/usr/bin/env bash
# Four processes × 200 decisions on overlapping claims with the real binary: the journal holds exactly
# the decisions that reported success, none torn or duplicated, the chain intact, every loser a conflict.
# The script is Tests/faults/concurrent-decide.sh (Tests/e2e/faults.sh runs it with 8 processes).
exec bash "$(dirname "$0")/../faults/concurrent-decide.sh" 4 200
