#!/usr/bin/env bash
# End-to-end: withdrawals and reopening from the command line, through the gate as its forced command runs
# (issue 12): a school account takes its unreviewed submission back (继续修改); a school already under review is
# refused with the province's contacts; a province reviewer reopens its decisions, after which it may withdraw.
# Then submit over standard input: the school's whole set replaces its claims, and an item dropped from it is
# withdrawn; another school's rows, --school and a server path are refused; a province reviewer submits for it.
source "$(dirname "$0")/lib.sh"
D="$WORK/store"
"$TZPY" demo "$D" --schools 60 --seed 11 >/dev/null
# The demo's campaign ended in 2020; move its end date into the future so withdrawals are still open.
sed -i 's/^end\t.*/end\t2099-12-31/' "$D/campaign.tsv"
"$TZPY" claims --data "$D" --json > "$WORK/claims.jsonl"
# S1: every claim pending in round 1 (not reviewed). S2: reviewed, every claim still in round 1.
read -r S1 S2 < <(python3 - "$WORK/claims.jsonl" <<'PY'
import json, sys
by = {}
for line in open(sys.argv[1]):
    c = json.loads(line)
    by.setdefault(c["school"], []).append(c)
fresh = [s for s, cs in sorted(by.items()) if all(c["status"] == "pending" and c["round"] == 1 for c in cs)]
reviewed = [s for s, cs in sorted(by.items()) if all(c["round"] == 1 for c in cs) and any(c["status"] != "pending" for c in cs)]
print(fresh[0], reviewed[0])
PY
)
[ -n "${S2:-}" ] || fail "the demo has no unreviewed and reviewed schools in round 1"
"$TZPY" accounts add s1 --role school --school "$S1" --data "$D" >/dev/null
"$TZPY" accounts add s2 --role school --school "$S2" --data "$D" >/dev/null
as() { local who=$1 words=$2; SSH_ORIGINAL_COMMAND="$words" "$TZPY" gate --data "$D" "$who"; }
count() { "$TZPY" claims --data "$D" --school "$1" --json > "$WORK/c.jsonl"; grep -c "\"status\": \"$2\"" "$WORK/c.jsonl" || true; }

before=$(count "$S1" pending)
as s1 "withdraw" > "$WORK/w1.out" 2>&1 || fail "s1's withdraw failed: $(cat "$WORK/w1.out")"
grep -qF "已撤回" "$WORK/w1.out" || fail "no confirmation: $(cat "$WORK/w1.out")"
[ "$(count "$S1" pending)" = 0 ] || fail "claims of $S1 still pending after the withdrawal"
"$TZPY" log --data "$D" --school "$S1" --json > "$WORK/log1"
[ "$(grep -c '"kind": "withdrawn"' "$WORK/log1")" = "$before" ] || fail "the journal lacks $before withdrawals"
grep -F '"kind": "withdrawn"' "$WORK/log1" > "$WORK/w1.jsonl" || true
grep -vF '"actor": "s1"' "$WORK/w1.jsonl" > "$WORK/w1.others" && fail "a withdrawal not by s1: $(head -1 "$WORK/w1.others")"
pass "a school account withdraws its whole unreviewed submission ($before claims), journalled as itself"

as s1 "withdraw --school $S2" > "$WORK/w-other.out" 2>&1 && fail "s1 withdrew another school's submission"
grep -qF "只能撤回本校" "$WORK/w-other.out" || fail "no reason for refusing another school: $(cat "$WORK/w-other.out")"
pending2=$(count "$S2" pending)
as s2 "withdraw" > "$WORK/w2.out" 2>&1 && fail "s2 withdrew although review has started"
grep -qF "省厅已开始审核" "$WORK/w2.out" && grep -qF "王老师 0531-81916526" "$WORK/w2.out" \
  || fail "the refusal does not say review has started and whom to call: $(cat "$WORK/w2.out")"
[ "$(count "$S2" pending)" = "$pending2" ] || fail "a refused withdrawal changed the claims"
pass "under review, the withdrawal is refused with the province's contacts, and nothing changes"

as s2 "reopen --school $S2 --comment 学校申请继续修改" > "$WORK/r-school.out" 2>&1 && fail "a school account reopened decisions"
as zhangwei "reopen --school $S2 --comment 学校申请继续修改" > "$WORK/r.out" 2>&1 || fail "the reopen failed: $(cat "$WORK/r.out")"
grep -qF "已撤销审核" "$WORK/r.out" || fail "no confirmation: $(cat "$WORK/r.out")"
[ "$(count "$S2" approved)" = 0 ] && [ "$(count "$S2" returned)" = 0 ] || fail "decisions of $S2 remain after the reopen"
"$TZPY" log --data "$D" --school "$S2" --json > "$WORK/log2"
grep -F '"kind": "reopened"' "$WORK/log2" > "$WORK/r.jsonl" || true
[ -s "$WORK/r.jsonl" ] && ! grep -vF '"actor": "zhangwei"' "$WORK/r.jsonl" > /dev/null && ! grep -vF '学校申请继续修改' "$WORK/r.jsonl" > /dev/null \
  || fail "the reopen is not journalled by zhangwei with its comment: $(head -2 "$WORK/r.jsonl")"
as s2 "withdraw" > "$WORK/w3.out" 2>&1 || fail "s2's withdraw after the reopen failed: $(cat "$WORK/w3.out")"
[ "$(count "$S2" pending)" = 0 ] || fail "claims of $S2 still pending after the withdrawal"
"$TZPY" check --data "$D" >/dev/null || fail "tzpy check fails"
pass "a province reviewer reopens the school's decisions (a school account may not); then it withdraws"

# submit: the school's whole claim set from one file over standard input (issue 12). S1 has withdrawn everything.
printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n%s,1,-,1,2,3,4\n%s,2,-,5,6,1,2\n' "$S1" "$S1" > "$WORK/set1.csv"
printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n%s,1,-,1,2,3,5\n' "$S1" > "$WORK/set2.csv"
as s1 "submit - --name 本校.csv" < "$WORK/set1.csv" > "$WORK/s1.out" 2>&1 || fail "s1's submit failed: $(cat "$WORK/s1.out")"
grep -qF "已提交" "$WORK/s1.out" || fail "no confirmation: $(cat "$WORK/s1.out")"
[ "$(count "$S1" pending)" = 2 ] || fail "the submitted set is not $S1's pending claims: $(cat "$WORK/c.jsonl")"
as s1 "submit - --name 本校.csv" < "$WORK/set2.csv" > "$WORK/s2.out" 2>&1 || fail "s1's second submit failed: $(cat "$WORK/s2.out")"
grep -qF "撤回 1" "$WORK/s2.out" && grep -qF "替换 1" "$WORK/s2.out" || fail "the summary does not count the replaced and the withdrawn claim: $(cat "$WORK/s2.out")"
[ "$(count "$S1" pending)" = 1 ] || fail "item 2, dropped from the set, is still pending"
"$TZPY" log --data "$D" --school "$S1" --item 2 --json > "$WORK/log3"
tail -n 1 "$WORK/log3" > "$WORK/last3"
grep -qF '"kind": "withdrawn"' "$WORK/last3" && grep -qF '"actor": "s1"' "$WORK/last3" && grep -qF '"comment": "提交 本校.csv"' "$WORK/last3" \
  || fail "the dropped item's withdrawal is not journalled by s1 with the file: $(cat "$WORK/last3")"
"$TZPY" claims --data "$D" --school "$S1" --item 1 --json > "$WORK/c1.json"
grep -qF '"local": "5"' "$WORK/c1.json" || fail "item 1 does not carry the new figures: $(cat "$WORK/c1.json")"
pass "a school account submits its set over the gate: the new set replaces its claims and a dropped item is withdrawn"

printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n%s,1,-,1,2,3,5\n%s,1,-,1,0,0,0\n' "$S1" "$S2" > "$WORK/two.csv"
as s1 "submit - --name 两校.csv" < "$WORK/two.csv" > "$WORK/s3.out" 2>&1 && fail "s1 submitted another school's rows"
grep -qF "应为提交的学校 $S1" "$WORK/s3.out" || fail "no reason for refusing another school's rows: $(cat "$WORK/s3.out")"
as s1 "submit - --school $S2" < "$WORK/set2.csv" > "$WORK/s4.out" 2>&1 && fail "s1 submitted for another school"
grep -qF "只能提交本校" "$WORK/s4.out" || fail "no reason for refusing --school: $(cat "$WORK/s4.out")"
as s1 "submit $WORK/set2.csv" > "$WORK/s5.out" 2>&1 && fail "the gate let submit read a file on the server"
grep -qF "只能读标准输入" "$WORK/s5.out" || fail "no reason for refusing a server path: $(cat "$WORK/s5.out")"
[ "$(count "$S1" pending)" = 1 ] || fail "a refused submission changed $S1's claims"
pass "a school account cannot submit another school's rows, for another school, or from a file on the server"

as zhangwei "submit - --school $S1 --name 代报.csv" < "$WORK/set1.csv" > "$WORK/s6.out" 2>&1 || fail "the province's submit failed: $(cat "$WORK/s6.out")"
"$TZPY" log --data "$D" --school "$S1" --item 2 --json > "$WORK/log4"
tail -n 1 "$WORK/log4" > "$WORK/last4"
grep -qF '"actor": "zhangwei"' "$WORK/last4" && grep -qF '"comment": "省厅代学校提交 代报.csv"' "$WORK/last4" \
  || fail "the province's submission is not recorded as on the school's behalf: $(cat "$WORK/last4")"
"$TZPY" check --data "$D" >/dev/null || fail "tzpy check fails"
pass "a province reviewer submits for a school with --school, recorded as 省厅代学校提交"

# ledger.checkpoint: tzpy check verifies the whole journal from line 1 and writes it (0640); an open that loads
# it gives the same totals as one that replays the whole journal.
"$TZPY" check --data "$D" > "$WORK/check.out" || fail "tzpy check fails"
grep -qF "已从第 1 行起校验整个日志" "$WORK/check.out" && grep -qF "已写入检查点 ledger.checkpoint" "$WORK/check.out" \
  || fail "tzpy check does not say it verified from line 1 and wrote the checkpoint: $(cat "$WORK/check.out")"
[ "$(stat -c %a "$D/ledger.checkpoint")" = 640 ] || fail "ledger.checkpoint is not 0640: $(stat -c %a "$D/ledger.checkpoint")"
"$TZPY" totals --json --data "$D" > "$WORK/totals-warm.json"
rm "$D/ledger.checkpoint"
"$TZPY" totals --json --data "$D" > "$WORK/totals-cold.json"
cmp -s "$WORK/totals-warm.json" "$WORK/totals-cold.json" || fail "totals differ with and without the checkpoint"
pass "tzpy check verifies from line 1 and writes ledger.checkpoint; totals are the same with and without it"
