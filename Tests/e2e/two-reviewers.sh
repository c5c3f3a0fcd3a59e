#!/usr/bin/env bash
# End-to-end: two reviewers' consoles on one data dir. A decision in the first shows up in the second
# within two seconds, and deciding the same claim in the second is refused with the first reviewer's name.
# Both come in as the shared mode's people do, through `tzpy gate` with their own account names (sshd
# is left out here; Tests/e2e/gate.sh drives the same through a real sshd), so the two actors differ.
source "$(dirname "$0")/lib.sh"
D="$WORK/store"
"$TZPY" demo "$D" --schools 30 --seed 11 >/dev/null
A_USER=zhangwei      # the demo's reviewers: 张伟 and 刘洋
B_USER=liuyang
A_SHOWN=张伟
B_SHOWN=刘洋
read -r SCHOOL FIRST < <("$TZPY" claims --data "$D" --status pending --json | python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    if "." in c["item"]:
        print(c["school"], c["item"]); break')
[ -n "${FIRST:-}" ] || fail "no pending claim"

start a 100 30 "$TZPY" gate --data "$D" "$A_USER"
start b 100 30 "$TZPY" gate --data "$D" "$B_USER"
for s in a b; do
  wait_for "$s" "学校列表"
  keys "$s" / ; type_text "$s" "$SCHOOL"; keys "$s" Enter Enter
  wait_for "$s" "平台管理联系人"
  keys "$s" / ; type_text "$s" "$FIRST"; keys "$s" Enter
done
wait_for b "审核人 $B_SHOWN"
line_with b " $FIRST " | grep -q "待审核" || fail "b does not show $FIRST pending at first"

keys a a
wait_for a "已保存：通过 $SCHOOL 的任务 $FIRST"
start_ns=$(date +%s%N)
wait_for b "$A_USER 通过了" 2
line_with b " $FIRST " | grep -q "已通过" || fail "b's row $FIRST does not show 已通过"
echo "ok - the decision showed in the second console after $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"

keys b a
wait_for b "当前为「已通过」（$A_USER"
[ "$("$TZPY" log --data "$D" --school "$SCHOOL" --item "$FIRST" --json | grep -c '"kind": "approved"')" -eq 1 ] \
  || fail "the claim was decided more than once"
echo "ok - deciding it again in the second console is refused, naming $A_USER; the journal holds one decision"

for s in a b; do keys "$s" q q y; wait_for "$s" "EXITED 0"; done
"$TZPY" check --data "$D" >/dev/null || fail "tzpy check fails"
echo "1 passed, 0 failed"
