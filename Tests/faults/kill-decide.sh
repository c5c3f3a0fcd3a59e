#!/usr/bin/env bash
# kill-decide [COUNT]: COUNT `tzpy decide` processes (default 200), each on its own pending claim and each
# SIGKILLed after a random delay (from at once to twice what an unkilled decide took last), so the kills land
# before the store is opened, while it replays, inside record (lock, write, fsync) and after the print.
# Afterwards every decision that reported success (exit 0 and its 已记录 line) is in the journal exactly
# once (and so is every one whose 已记录 line was printed before the kill), no claim is decided twice, and
# after one more write `tzpy check` passes.
# A single-line pwrite is too small for SIGKILL to tear, so every 10th cycle also appends a torn fragment
# (a prefix of a real line, as a power cut would leave it) before its decide: the next write that gets
# through must move it to journal.torn. Both kinds of torn tail are counted.
# Figures: `kill-decide: N cycles, R decisions reported, 0 lost, 0 duplicated, T torn tails repaired, chain intact`.
# SEED=S replays the same delays.
source "$(dirname "$0")/../e2e/lib.sh"
COUNT=${1:-200}
SEED=${SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED
D="$WORK/store"
"$TZPY" demo "$D" --schools $(( COUNT / 15 + 10 )) --seed 17 >/dev/null
"$TZPY" claims --data "$D" --status pending --json > "$WORK/pending.jsonl"
sed -E -n 's/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/p' "$WORK/pending.jsonl" > "$WORK/claims"
(( $(wc -l < "$WORK/claims") >= COUNT + COUNT / 10 + 3 )) || fail "need $((COUNT + COUNT / 10 + 3)) pending claims, the demo has $(wc -l < "$WORK/claims")"
mapfile -t CLAIMS < "$WORK/claims"
"$TZPY" log --data "$D" --json > "$WORK/log0.jsonl"
BEFORE=$(wc -l < "$WORK/log0.jsonl")
J="$D/journal.tsv"
ends_torn() { [ -s "$J" ] && [ "$(tail -c 1 "$J" | od -An -tx1 | tr -d ' ')" != "0a" ]; }

decide() {   # decide I [KILL_AFTER]: decide claim I (even: approve, odd: return); SIGKILL it after KILL_AFTER seconds
  local i=$1 school item pid
  read -r school item <<< "${CLAIMS[$i]}"
  local args=(decide --data "$D" --school "$school" --item "$item")
  if (( i % 2 == 0 )); then args+=(--approve); else args+=(--return "第${i}次：经费预算填写不完整	请补充举办方投入\\附件"); fi
  if [ -z "${2:-}" ]; then "$TZPY" "${args[@]}" > "$WORK/out" 2> "$WORK/err"; return; fi
  # Emptied here, not only by the child's redirection: a kill that lands between the fork and that redirection
  # would otherwise leave the previous decide's 已记录 line in out, and count a decision that never ran.
  : > "$WORK/out"; : > "$WORK/err"
  "$TZPY" "${args[@]}" > "$WORK/out" 2> "$WORK/err" &
  pid=$!
  sleep "$2"
  kill -KILL "$pid" 2>/dev/null || true   # until `wait` the pid is ours (a zombie at worst), so this kills nothing else
  { wait "$pid"; } 2>/dev/null   # (without bash's "Killed" notice)
}

# How long a decide takes here, to spread the kills over it: a calibration, not an assertion. Measured by an
# unkilled probe decide before the first cycle and again after every 10 (the machine's load changes; a probe
# also gets a write through, so an injected torn tail is repaired at least every 10 cycles).
c=0   # the next claim to decide
probe() {
  local t0 ms
  t0=$(date +%s%N)
  decide "$c" || fail "a decide without a kill failed: $(cat "$WORK/err")"
  MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  grep -q '^已记录：' "$WORK/out" || fail "an unkilled decide did not print its 已记录 line: $(cat "$WORK/out")"
  echo "$c ${CLAIMS[$c]}" >> "$WORK/reported"
  c=$((c + 1)); probes=$((probes + 1))
}
injected=0 natural=0 pending_torn=0 killed=0 printed_killed=0 probes=0 spread=0
probe
for (( k = 1; k <= COUNT; k++ )); do
  if (( k > 1 && k % 10 == 1 )); then probe; fi
  if (( k % 10 == 5 )) && (( pending_torn == 0 )); then
    # A torn fragment: the first bytes of a copy of the last line, without its newline.
    last=$(tail -n 1 "$J")
    printf '%s' "${last:0:$(( RANDOM % (${#last} - 1) + 1 ))}" >> "$J"
    injected=$((injected + 1)); pending_torn=1
  fi
  if (( MS * 2 > spread )); then spread=$(( MS * 2 )); fi
  delay_ms=$(( RANDOM % (MS * 2 + 1) ))
  code=0
  decide "$c" "$(printf '%d.%03d' $(( delay_ms / 1000 )) $(( delay_ms % 1000 )))" || code=$?
  [ "$code" -eq 137 ] && killed=$((killed + 1))
  # Reported: the 已记录 line reached stdout, whether or not the process lived to exit 0 (a line printed
  # before the kill was seen too); exit 0 without it is a failure of its own.
  if grep -q '^已记录：' "$WORK/out"; then
    echo "$c ${CLAIMS[$c]}" >> "$WORK/reported"
    [ "$code" -eq 0 ] || printed_killed=$((printed_killed + 1))
  elif [ "$code" -eq 0 ]; then
    fail "cycle $k exited 0 without its 已记录 line: $(cat "$WORK/out" "$WORK/err")"
  fi
  if [ "$code" -ne 0 ] && [ "$code" -ne 137 ]; then
    echo "cycle $k (${CLAIMS[$c]}, kill after ${delay_ms} ms): exit $code: $(tr '\n' ' ' < "$WORK/err")" >> "$WORK/other"
  fi
  c=$((c + 1))
  if ends_torn; then
    (( pending_torn )) || { natural=$((natural + 1)); pending_torn=1; }
  else
    pending_torn=0
  fi
done
[ ! -s "$WORK/other" ] || fail "decides that were neither recorded nor killed: $(head -5 "$WORK/other")"

# One more write sets aside whatever torn tail is left; then the store must be clean.
decide "$c" || fail "the decide after the kills failed: $(cat "$WORK/err")"
echo "$c ${CLAIMS[$c]}" >> "$WORK/reported"
c=$((c + 1))
ends_torn && fail "the journal still ends in a torn line after a write"
"$TZPY" check --data "$D" > "$WORK/check" 2>&1 || fail "tzpy check after the kills: $(cat "$WORK/check")"

"$TZPY" log --data "$D" --json > "$WORK/log.jsonl"
tail -n +$(( BEFORE + 1 )) "$WORK/log.jsonl" > "$WORK/new.jsonl"
grep -vE '"kind": "(approved|returned)"' "$WORK/new.jsonl" > "$WORK/strange" || true
[ ! -s "$WORK/strange" ] || fail "events other than the decisions were written: $(head -3 "$WORK/strange")"
sed -E 's/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/' "$WORK/new.jsonl" | sort > "$WORK/journal"
cut -d' ' -f2- "$WORK/reported" | sort > "$WORK/reported.sorted"
REPORTED=$(wc -l < "$WORK/reported.sorted")
LOST=$(comm -23 "$WORK/reported.sorted" "$WORK/journal" | wc -l)
DUP=$(uniq -d "$WORK/journal" | wc -l)
UNREPORTED=$(comm -13 "$WORK/reported.sorted" <(sort -u "$WORK/journal") | wc -l)
# Returns kept their comment: the backslash as typed, the TAB as the one space the store makes of a control
# character (a comment is one line of plain text, formats.md §7).
grep -F '"kind": "returned"' "$WORK/new.jsonl" | grep -vF '经费预算填写不完整 请补充举办方投入\\附件' > "$WORK/badcomment" || true
[ ! -s "$WORK/badcomment" ] || fail "a return's comment was changed: $(head -2 "$WORK/badcomment")"
TORN_NOTES=$(grep -c '^# .* bytes that form no complete line or batch$' "$D/journal.torn" 2>/dev/null || true)
TORN=$(( injected + natural ))
(( ${TORN_NOTES:-0} >= TORN )) || fail "$TORN torn tails, but journal.torn records ${TORN_NOTES:-0}"
[ "$LOST" -eq 0 ] || fail "$LOST reported decisions are not in the journal (seed $SEED): $(comm -23 "$WORK/reported.sorted" "$WORK/journal" | head -3)"
[ "$DUP" -eq 0 ] || fail "$DUP claims decided twice (seed $SEED): $(uniq -d "$WORK/journal" | head -3)"
echo "ok - $c decides ($COUNT cycles, $probes unkilled probes, one last write), $killed killed; every reported decision journalled once; check passes"
echo "kill-decide: $COUNT cycles (seed $SEED, kills within 0–$spread ms, $probes unkilled probes), $REPORTED decisions reported ($printed_killed of them killed after printing), $LOST lost, $DUP duplicated, $UNREPORTED journalled but killed before reporting, $TORN torn tails repaired ($natural left by kills, $injected injected), chain intact"
echo "1 passed, 0 failed"
