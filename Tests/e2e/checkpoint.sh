#!/usr/bin/env bash
# End-to-end: the console rewrites ledger.checkpoint when it quits after a session that read 64 KB or more of
# journal past it (issue 13), and leaves it alone after a short one; the next open loads it and shows the same
# totals as an open that replays the whole journal.
source "$(dirname "$0")/lib.sh"
D="$WORK/store"
"$TZPY" demo "$D" --schools 40 --seed 7 >/dev/null
J="$D/journal.tsv"
CK="$D/ledger.checkpoint"
# line N of the checkpoint (formats.md §15: a little-endian 8-byte integer at offset 24), and its journal bytes.
ck_line() { python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(32); assert d[:8]==b"TZPYCKPT"; print(struct.unpack_from("<Q",d,24)[0])' "$CK"; }
lines() { wc -l < "$J" | tr -d ' '; }

# A session over a store whose checkpoint is at its last line: one approval, quit; the checkpoint stays.
"$TZPY" check --data "$D" > "$WORK/check1" || fail "tzpy check failed: $(cat "$WORK/check1")"
[ "$(ck_line)" = "$(lines)" ] || fail "tzpy check did not write a checkpoint at the last line"
BEFORE=$(sha256sum < "$CK")
start a 100 30 "$TZPY" review --data "$D"
wait_for a "学校列表"
keys a Enter
wait_for a "平台管理联系人"
keys a a
wait_for a "已保存：通过"
keys a q q y
wait_for a "EXITED 0"
tmux -L "$SOCK" kill-session -t a
[ "$(sha256sum < "$CK")" = "$BEFORE" ] || fail "a session with one decision past the checkpoint rewrote it"
pass "a short session leaves ledger.checkpoint as it was"

# A long session: bulk approvals (A, y) school after school (]) until more than 64 KB of journal lie past the
# checkpoint; the checkpoint stays until the console quits, and then is rewritten at the journal's last line.
CUT=$(ck_line)
CK_BYTES=$(python3 -c 'import struct,sys; print(struct.unpack_from("<Q",open(sys.argv[1],"rb").read(24),16)[0])' "$CK")
size() { stat -c %s "$J"; }
shows() { local i; for i in $(seq 30); do screen b | grep -qF -- "$1" && return 0; sleep 0.1; done; return 1; }
start b 100 30 "$TZPY" review --data "$D"
wait_for b "学校列表"
keys b Enter
wait_for b "平台管理联系人"
for _ in $(seq 40); do
  (( $(size) - CK_BYTES > 66000 )) && break
  keys b A
  if shows "确认批量通过"; then
    was=$(size); keys b y
    for i in $(seq 100); do (( $(size) > was )) && break; sleep 0.1; done
    (( $(size) > was )) || fail "a confirmed bulk approval wrote nothing"
  fi
  keys b ']'
done
(( $(size) - CK_BYTES > 66000 )) || fail "the session wrote only $(( $(size) - CK_BYTES )) bytes past the checkpoint"
[ "$(ck_line)" = "$CUT" ] || fail "the checkpoint changed while the console ran"
keys b q q y
wait_for b "EXITED 0"
[ "$(ck_line)" = "$(lines)" ] || fail "quitting after $(( $(size) - CK_BYTES )) bytes left the checkpoint at line $(ck_line), the journal has $(lines)"
pass "quitting after a session that wrote over 64 KB past the checkpoint rewrites it at the journal's last line"

# What a reviewer sees is the same from the new checkpoint as from the whole journal.
"$TZPY" totals --data "$D" --by school --json > "$WORK/warm.json"
rm "$CK"
"$TZPY" totals --data "$D" --by school --json > "$WORK/cold.json"
cmp -s "$WORK/warm.json" "$WORK/cold.json" || fail "totals from the checkpoint differ from a full replay: $(diff "$WORK/warm.json" "$WORK/cold.json" | head -5)"
grep -qF '"approved"' "$WORK/warm.json" || fail "no totals: $(head -c 300 "$WORK/warm.json")"
pass "the totals from the rewritten checkpoint equal those of a full replay"
