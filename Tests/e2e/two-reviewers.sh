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
NAME=$(awk -F'\t' -v c="$SCHOOL" '$1==c {print $2}' "$D/schools.tsv")

start a 100 30 "$TZPY" gate --data "$D" "$A_USER"
start b 100 30 "$TZPY" gate --data "$D" "$B_USER"
for s in a b; do
  wait_for "$s" "学校列表"
  keys "$s" / ; type_text "$s" "$SCHOOL"; keys "$s" Enter Enter
  wait_for "$s" "平台管理联系人"
  keys "$s" / ; type_text "$s" "$FIRST"; keys "$s" Enter
done
wait_for b "审核人 $B_SHOWN"
# Each sees that the other has the same school open (the presence records in the data dir).
wait_for b "同时在审 $A_SHOWN" 5
wait_for a "同时在审 $B_SHOWN" 5
pass "each console names the other reviewer on the same school"
line_with b " $FIRST " | grep -q "待审核" || fail "b does not show $FIRST pending at first"

keys a a
wait_for a "已保存：通过 $NAME 的任务 $FIRST"
start_ns=$(date +%s%N)
wait_for b "$A_SHOWN 通过了" 2
line_with b " $FIRST " | grep -q "已通过" || fail "b's row $FIRST does not show 已通过"
echo "ok - the decision showed in the second console after $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"

keys b a
wait_for b "当前为「已通过」（$A_SHOWN"
[ "$("$TZPY" log --data "$D" --school "$SCHOOL" --item "$FIRST" --json | grep -c '"kind": "approved"')" -eq 1 ] \
  || fail "the claim was decided more than once"
echo "ok - deciding it again in the second console is refused, naming $A_SHOWN ($A_USER); the journal holds one decision"

# An import that adds a school while both consoles are open used to turn every other console read-only
# (未知学校 on its next follow). Now both keep deciding, and show the new school.
NEW=3701990009
cat > "$WORK/new.csv" <<CSV
学校代码,学校名称,学校类型,所在市,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入
$NEW,新来职业学校,中职学校,济南市,1,-,1,0,0,0
$NEW,新来职业学校,中职学校,济南市,3.1,1,2,0,0,0
CSV
SSH_ORIGINAL_COMMAND="import - --name 新学校.csv" "$TZPY" gate --data "$D" "$A_USER" < "$WORK/new.csv" > "$WORK/import.out" 2>&1 \
  || fail "the import of a new school failed: $(cat "$WORK/import.out")"
for s in a b; do
  keys "$s" q ; keys "$s" / ; type_text "$s" "$NEW"; keys "$s" Enter Enter
  wait_for "$s" "新来职业学校" 5
  screen "$s" | grep -q "只读" && fail "console $s turned read-only after the import"
done
keys b / ; type_text b "3.1"; keys b Enter
keys b a
wait_for b "已保存：通过 新来职业学校 的任务 3.1"
"$TZPY" log --data "$D" --school "$NEW" --item 3.1 --json > "$WORK/new.log"
grep -q "\"actor\": \"$B_USER\", \"display\": \"$B_SHOWN\".*\"kind\": \"approved\"" "$WORK/new.log" \
  || fail "the new school's approval is not in the journal as $B_USER: $(cat "$WORK/new.log")"
echo "ok - a school imported while both consoles are open shows in both; the second decides on it at once"

for s in a b; do keys "$s" q q y; wait_for "$s" "EXITED 0"; done
"$TZPY" check --data "$D" >/dev/null || fail "tzpy check fails"
echo "1 passed, 0 failed"
