#!/usr/bin/env bash
# End-to-end: a whole school cycle in the console, both people through the gate as its forced command runs
# them (`tzpy gate --data DIR NAME` with $SSH_ORIGINAL_COMMAND, as workflow-cli.sh; gate.sh covers sshd itself).
# A school account's bare login opens school mode: it fills in its contacts (full-width digits), ticks and
# budgets two items, saves, loses its connection, comes back to its draft, completes it and submits. A
# province reviewer returns one claim with a Chinese comment; the school finds it under 需修改的任务, corrects
# and resubmits it; the reviewer sees what changed and approves. `tzpy log` holds both rounds; drafts are in
# the school's log and in no reviewer's view; the school's own export comes over standard output.
source "$(dirname "$0")/lib.sh"

D="$WORK/store"
"$TZPY" demo "$D" --schools 20 --seed 5 >/dev/null
# The demo's campaign ran in 2020: open it until 2099 so that today is inside its dates.
sed -i 's/^end\t.*/end\t2099-12-31/' "$D/campaign.tsv"
# A school with nothing claimed and its contacts not filled in yet (as a province-wide import adds one).
S=3799000001
printf '%s\t测试职业学校\t中职学校\t济南市\t\t\t\n' "$S" >> "$D/schools.tsv"
"$TZPY" accounts add sch --role school --school "$S" --data "$D" >/dev/null
"$TZPY" accounts add zhang --role province --display 张审核 --data "$D" >/dev/null
gate() { local who=$1; shift; SSH_ORIGINAL_COMMAND="$*" "$TZPY" gate --data "$D" "$who"; }
school_console() { start s 80 24 SSH_ORIGINAL_COMMAND= "$TZPY" gate --data "$D" sch; }

school_console
wait_for s "测试职业学校（$S） · 承接任务"
wait_for s "本省申报要求  开始日期：2020-10-19  结束日期：2099-12-31"
wait_for s "省厅联系人：王老师"
pass "a school account's bare login opens 承接任务 with 本省申报要求 and the province's contacts"

keys s c
wait_for s "填写联系人"
type_text s "张老师"; keys s Tab; type_text s "０５３１－８８８８８８８"; keys s Tab; type_text s "1380000"; keys s Enter
wait_for s "手机号：应为以1开头的11位数字"
type_text s "0001"; keys s Enter
wait_for s "手机号：13800000001（未保存）"
wait_for s "办公电话：0531-8888888"
pass "the contacts form gives the platform's rule for a bad mobile and normalises full-width input"

keys s Space Enter
wait_for s "填写任务 1（不计数量"
type_text s "1"; keys s Tab; type_text s "2"; keys s Tab; type_text s "3"
wait_for s "任务数量：1个；汇总金额：6万元"
keys s Tab; type_text s "4"; keys s Enter
keys s j j Space Enter
wait_for s "填写任务 3.1（单位：所"
type_text s "2"; keys s Tab; type_text s "6"; keys s Tab; type_text s "5"; keys s Tab; type_text s "4"; keys s Enter
wait_for s "任务数量：2个；汇总金额：25万元；学校自筹：7万元"
pass "space ticks, the inline form takes 承接数量 and funds, and the header totals follow the typing"

keys s s
wait_for s "已保存：草稿 2 项任务、联系人"
gate sch log --json > "$WORK/school-log"
[ "$(grep -c '"kind": "draft"' "$WORK/school-log")" = 2 ] || fail "the school's log lacks its two drafts: $(cat "$WORK/school-log")"
python3 - "$WORK/school-log" <<'PY' || fail "the 3.1 draft does not say that 地市县投入 is not typed yet"
import json, sys
d = [e for e in map(json.loads, open(sys.argv[1])) if e["kind"] == "draft" and e["item"] == "3.1"][0]["draft"]
assert d == {"ticked": True, "quantity": 2, "self": "6", "industry": "5", "sponsor": "4", "local": None}, d
PY
"$TZPY" log --data "$D" --school "$S" --json > "$WORK/reviewer-log"
[ ! -s "$WORK/reviewer-log" ] || fail "a reviewer's log shows the school's drafts: $(cat "$WORK/reviewer-log")"
"$TZPY" claims --data "$D" --school "$S" --json > "$WORK/claims0"
[ ! -s "$WORK/claims0" ] || fail "a draft shows as a claim: $(cat "$WORK/claims0")"
awk -F'\t' -v c="$S" '$1 == c && $5 == "张老师" && $6 == "0531-8888888" && $7 == "13800000001" { ok = 1 } END { exit !ok }' "$D/schools.tsv" \
  || fail "schools.tsv lacks the school's new contacts: $(grep "$S" "$D/schools.tsv")"
pass "保存 journals the drafts (untyped fields as null) and the contacts; no reviewer's log or claims show them"

tmux -L "$SOCK" kill-session -t s
school_console
wait_for s "任务数量：2个；汇总金额：25万元"
line_with s "3.1  " | grep -qF "[x]" || fail "the 3.1 row is not ticked after coming back: $(line_with s "3.1  ")"
pass "after the connection dropped the school comes back to its draft"

keys s S
wait_for s "不能提交"
wait_for s "任务 3.1 未填写完整：地市县投入"
keys s j j Enter
wait_for s "填写任务 3.1"
keys s Tab Tab Tab Tab; type_text s "0"; keys s Enter
keys s S
wait_for s "提交 2 项任务到省厅吗？按 y 提交"
keys s y
wait_for s "状态：已提交"
wait_for s "已提交：2 项任务已送省厅审核"
line_with s "意向承接：" | grep -qE "意向承接： +2 +25 " || fail "the preview's 意向承接 is not 2 tasks, 25: $(line_with s "意向承接：")"
pass "提交 names what is missing, then submits; 本校任务情况预览 shows 状态：已提交 and 意向承接"

start r 100 40 SSH_ORIGINAL_COMMAND= "$TZPY" gate --data "$D" zhang
wait_for r "学校列表"
keys r / ; type_text r "$S"; keys r Enter Enter
wait_for r "平台管理联系人：张老师"
keys r g j
keys r r
wait_for r "修改意见（Enter"
type_text r "请说明行业企业投入的来源"
keys r Enter
wait_for r "已保存：退回修改 测试职业学校 的任务 3.1"
pass "the reviewer returns 3.1 with a Chinese comment"

wait_for s "退回修改了 测试职业学校 的任务 3.1" 5
keys s w
wait_for s "省厅已开始审核，不能继续修改；请联系省厅管理员处理：王老师"
keys s m
wait_for s "需修改的任务（1 项）"
wait_for s "修改意见：请说明行业企业投入的来源"
keys s Enter
wait_for s "填写任务 3.1"
keys s Tab Tab C-u; type_text s "3"; keys s Enter
line_with s "[x]  3.1" | grep -qE " 3 +4 +0 退回修改" || fail "the corrected row: $(line_with s "[x]  3.1")"
keys s S
wait_for s "重新提交 1 项任务到省厅吗"
keys s y
wait_for s "已提交：1 项任务已送省厅审核"
pass "继续修改 is refused once review started; 需修改的任务 shows the comment, the school corrects and resubmits"

keys r q
wait_for r "学校列表"
keys r / ; type_text r "$S"; keys r Enter Enter
wait_for r "平台管理联系人：张老师"
keys r g j
wait_for r "与上一轮相比"
screen r > "$WORK/r.txt"
grep -qF "行业企业投入" "$WORK/r.txt" || fail "the preview does not name the changed part"
keys r a
wait_for r "已保存：通过 测试职业学校 的任务 3.1"
pass "the reviewer sees what the resubmission changed and approves it"

"$TZPY" log --data "$D" --school "$S" --item 3.1 --json > "$WORK/log"
python3 - "$WORK/log" <<'PY' || fail "the log of 3.1 is not submitted, returned, resubmitted (round 2), approved: $(cat "$WORK/log")"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
steps = [(e["kind"], e["round"], e["actor"]) for e in events]
assert steps == [("submitted", 1, "sch"), ("returned", 1, "zhang"), ("resubmitted", 2, "sch"), ("approved", 2, "zhang")], steps
assert events[1]["comment"] == "请说明行业企业投入的来源"
assert events[0]["funds"]["industry"] == "5" and events[2]["funds"]["industry"] == "3"
PY
pass "tzpy log shows both rounds with their figures, the comment and who did what"

gate sch export --report school --out - > "$WORK/own.xlsx" 2> "$WORK/export.err" || fail "the school's export failed: $(cat "$WORK/export.err")"
[ "$(head -c 2 "$WORK/own.xlsx")" = "PK" ] || fail "the school's export is not a workbook"
grep -qF "已导出" "$WORK/export.err" || fail "no export note on stderr: $(cat "$WORK/export.err")"
pass "导出承接任务情况: the school's own export over the gate, to standard output"

# Personal mode: the data dir's owner acts for a school with `tzpy school --code`; its events are its own,
# noted as the province's on the school's behalf.
S2=3799000002
printf '%s\t代填职业学校\t中职学校\t青岛市\t孙老师\t0532-88886666\t13900002222\n' "$S2" >> "$D/schools.tsv"
ME=$(id -un)
start o 80 24 "$TZPY" school --code "$S2" --data "$D"
wait_for o "代填职业学校（$S2） · 承接任务"
keys o Space Enter
wait_for o "填写任务 1"
type_text o "1"; keys o Tab; type_text o "0"; keys o Tab; type_text o "0"; keys o Tab; type_text o "0"; keys o Enter
keys o S
wait_for o "提交 1 项任务到省厅吗"
keys o y
wait_for o "状态：已提交"
"$TZPY" log --data "$D" --school "$S2" --json > "$WORK/owner-log"
python3 - "$WORK/owner-log" "$ME" <<'PY' || fail "the owner's submission for $S2 is not its own, noted 省厅代学校提交: $(cat "$WORK/owner-log")"
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
assert [(e["kind"], e["actor"], e["comment"]) for e in events] == [("submitted", sys.argv[2], "省厅代学校提交")], events
PY
pass "tzpy school --code: the owner submits for a school, journalled as itself with 省厅代学校提交"
