#!/usr/bin/env bash
# concurrent-decide [PROCS] [CLAIMS]: PROCS processes (default 8) each decide the same CLAIMS pending claims
# (default 250), every one in its own order, even workers approving and odd ones returning, all through the
# real binary at once. Exactly one decision per claim succeeds; every other attempt is a conflict (exit 3)
# naming who decided first and when; the journal holds exactly the decisions that reported success, once
# each, nothing torn, and `tzpy check` passes (chain intact). Tests/e2e/concurrency.sh runs it as 4 × 200.
source "$(dirname "$0")/../e2e/lib.sh"
PROCS=${1:-8}
CLAIMS=${2:-250}
D="$WORK/store"
"$TZPY" demo "$D" --schools $(( CLAIMS / 15 + 2 )) --seed 5 >/dev/null
"$TZPY" claims --data "$D" --status pending --json > "$WORK/pending.jsonl"   # whole, then cut: no SIGPIPE under pipefail
sed -E -n "1,${CLAIMS}s/.*\"school\": \"([0-9]+)\", \"item\": \"([^\"]+)\".*/\\1 \\2/p" "$WORK/pending.jsonl" > "$WORK/claims"
[ "$(wc -l < "$WORK/claims")" -eq "$CLAIMS" ] || fail "need $CLAIMS pending claims, the demo has $(wc -l < "$WORK/claims")"
"$TZPY" log --data "$D" --json > "$WORK/log0.jsonl"
BEFORE=$(wc -l < "$WORK/log0.jsonl")

worker() {
  local n=$1 school item code
  # Each worker takes the same claims in its own order and approves (even workers) or returns them.
  shuf --random-source=<(yes "$n") "$WORK/claims" | while read -r school item; do
    code=0
    if (( n % 2 == 0 )); then
      "$TZPY" decide --data "$D" --school "$school" --item "$item" --approve >"$WORK/out.$n.tmp" 2>"$WORK/err.$n.tmp" || code=$?
    else
      "$TZPY" decide --data "$D" --school "$school" --item "$item" --return "第${n}号审核人：经费预算不完整" >"$WORK/out.$n.tmp" 2>"$WORK/err.$n.tmp" || code=$?
    fi
    echo "$school $item $code" >> "$WORK/result.$n"
    if [ "$code" -eq 0 ]; then grep -q '^已记录：' "$WORK/out.$n.tmp" || echo "$school $item exit 0 without 已记录" >> "$WORK/bad"; fi
    if [ "$code" -eq 3 ]; then grep -q "已于" "$WORK/err.$n.tmp" || echo "$school $item conflict message lacks who/when: $(cat "$WORK/err.$n.tmp")" >> "$WORK/bad"; fi
    if [ "$code" -ne 0 ] && [ "$code" -ne 3 ]; then echo "$school $item exit $code: $(cat "$WORK/err.$n.tmp")" >> "$WORK/bad"; fi
  done
}
for (( n = 1; n <= PROCS; n++ )); do worker "$n" & done
wait

ATTEMPTS=$(( PROCS * CLAIMS ))
cat "$WORK"/result.* > "$WORK/all"
[ "$(wc -l < "$WORK/all")" -eq "$ATTEMPTS" ] || fail "expected $ATTEMPTS attempts, got $(wc -l < "$WORK/all")"
[ ! -s "$WORK/bad" ] || fail "$(head -3 "$WORK/bad")"
WON=$(awk '$3 == 0' "$WORK/all" | wc -l)
LOST=$(awk '$3 == 3' "$WORK/all" | wc -l)
[ "$WON" -eq "$CLAIMS" ] || fail "expected each of the $CLAIMS claims decided exactly once, $WON successes"
[ "$LOST" -eq $(( ATTEMPTS - CLAIMS )) ] || fail "expected $(( ATTEMPTS - CLAIMS )) conflicts, got $LOST"
WINNERS=$(awk '$3 == 0 {print $1, $2}' "$WORK/all" | sort | uniq -d | wc -l)
[ "$WINNERS" -eq 0 ] || fail "$WINNERS claims have two successful decisions"
"$TZPY" log --data "$D" --json > "$WORK/log.jsonl"
AFTER=$(wc -l < "$WORK/log.jsonl")
[ $(( AFTER - BEFORE )) -eq "$CLAIMS" ] || fail "journal grew by $((AFTER - BEFORE)) events, expected $CLAIMS"
tail -n +$(( BEFORE + 1 )) "$WORK/log.jsonl" > "$WORK/new.jsonl"
grep -vE '"kind": "(approved|returned)"' "$WORK/new.jsonl" > "$WORK/strange" || true
[ ! -s "$WORK/strange" ] || fail "events other than the decisions were written: $(head -3 "$WORK/strange")"
sed -E 's/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/' "$WORK/new.jsonl" | sort > "$WORK/journal"
DUP=$(uniq -d "$WORK/journal" | wc -l)
[ "$DUP" -eq 0 ] || fail "$DUP claims decided twice"
awk '$3 == 0 {print $1, $2}' "$WORK/all" | sort > "$WORK/won"
cmp -s "$WORK/won" "$WORK/journal" || fail "the journal's decisions are not the ones that reported success"
[ "$(tail -c 1 "$D/journal.tsv" | od -An -tx1 | tr -d ' ')" = '0a' ] || fail "journal does not end with a newline"
"$TZPY" check --data "$D" > "$WORK/check" 2>&1 || fail "tzpy check fails after the concurrent run: $(cat "$WORK/check")"
echo "ok - $PROCS processes x $CLAIMS decisions: $WON recorded, $LOST conflicts, chain intact"
echo "concurrent-decide: $PROCS processes x $CLAIMS claims, $ATTEMPTS attempts, $WON succeeded (one per claim), $LOST conflicts (exit 3), $DUP duplicated, chain intact"
echo "1 passed, 0 failed"
