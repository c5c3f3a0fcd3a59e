#!/usr/bin/env bash
# Four processes × 200 decisions on overlapping claims with the real binary: the journal holds exactly
# the decisions that reported success, none torn or duplicated, the chain intact, every loser a conflict.
source "$(dirname "$0")/lib.sh"
D="$WORK/store"
"$TZPY" demo "$D" --schools 12 --seed 5 >/dev/null
"$TZPY" claims --data "$D" --status pending --json > "$WORK/pending.jsonl"   # whole, then cut: no SIGPIPE under pipefail
sed -E -n '1,200s/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/p' "$WORK/pending.jsonl" > "$WORK/claims"
[ "$(wc -l < "$WORK/claims")" -eq 200 ] || fail "need 200 pending claims"
BEFORE=$("$TZPY" log --data "$D" --json | wc -l)

worker() {
  local n=$1
  # Each worker takes the same 200 claims in its own order and approves (even workers) or returns them.
  shuf --random-source=<(yes "$n") "$WORK/claims" | while read -r school item; do
    code=0
    if (( n % 2 == 0 )); then
      "$TZPY" decide --data "$D" --school "$school" --item "$item" --approve >/dev/null 2>"$WORK/err.$n.tmp" || code=$?
    else
      "$TZPY" decide --data "$D" --school "$school" --item "$item" --return "第${n}号审核人：经费预算不完整" >/dev/null 2>"$WORK/err.$n.tmp" || code=$?
    fi
    echo "$school $item $code" >> "$WORK/result.$n"
    if [ "$code" -eq 3 ]; then grep -q "已于" "$WORK/err.$n.tmp" || echo "$school $item conflict message lacks who/when" >> "$WORK/bad"; fi
  done
}
for n in 1 2 3 4; do worker "$n" & done
wait

cat "$WORK"/result.* > "$WORK/all"
[ "$(wc -l < "$WORK/all")" -eq 800 ] || fail "expected 800 attempts, got $(wc -l < "$WORK/all")"
WON=$(awk '$3 == 0' "$WORK/all" | wc -l)
LOST=$(awk '$3 == 3' "$WORK/all" | wc -l)
OTHER=$(awk '$3 != 0 && $3 != 3' "$WORK/all" | wc -l)
[ "$OTHER" -eq 0 ] || fail "$OTHER attempts failed with something other than a conflict: $(awk '$3 != 0 && $3 != 3' "$WORK/all" | head -3)"
[ "$WON" -eq 200 ] || fail "expected each of the 200 claims decided exactly once, $WON successes"
[ "$LOST" -eq 600 ] || fail "expected 600 conflicts, got $LOST"
[ ! -s "$WORK/bad" ] || fail "$(head -3 "$WORK/bad")"
AFTER=$("$TZPY" log --data "$D" --json | wc -l)
[ $((AFTER - BEFORE)) -eq 200 ] || fail "journal grew by $((AFTER - BEFORE)) events, expected 200"
DUP=$("$TZPY" log --data "$D" --json | grep -E '"kind": "(approved|returned)"' | tail -n 200 | sed -E 's/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/' | sort | uniq -d | wc -l)
[ "$DUP" -eq 0 ] || fail "$DUP claims decided twice"
awk '$3 == 0 {print $1, $2}' "$WORK/all" | sort > "$WORK/won"
"$TZPY" log --data "$D" --json | tail -n 200 | sed -E 's/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/' | sort > "$WORK/journal"
cmp -s "$WORK/won" "$WORK/journal" || fail "the journal's decisions are not the ones that reported success"
[ "$(tail -c 1 "$D/journal.tsv" | od -An -c | tr -d ' ')" = '\n' ] || fail "journal does not end with a newline"
"$TZPY" check --data "$D" || fail "tzpy check fails after the concurrent run"
echo "ok - 4 processes x 200 decisions: 200 recorded, 600 conflicts, chain intact"
echo "1 passed, 0 failed"
