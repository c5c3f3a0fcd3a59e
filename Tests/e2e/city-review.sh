#!/usr/bin/env bash
# End-to-end: a second cycle with city pre-review on (issue 12 §4, campaign.tsv `city-review on`), every step
# through the gate as its forced command runs it (workflow-cli.sh does the same; gate.sh drives a real sshd):
# a 中职学校 account submits its set (待市级审核); the province cannot approve it yet; its city's account passes one
# claim (decide --approve → 市级审核通过) and returns the other; the province then sees the passed claim 待审核 and
# approves it. A 专科 college goes to the province directly. A city account deciding a 专科 claim, another city's
# claim, a claim it already passed, or anything but a pass or a return is refused (exit 1, the reason, nothing
# written). The journal (`tzpy log --json`) holds each step with its actor and the state it saw. Last, the city
# account's console (in tmux, through the gate) passes the resubmitted claim with `a`.
source "$(dirname "$0")/lib.sh"
DEMO="$WORK/demo"
D="$WORK/store"
"$TZPY" demo "$DEMO" --schools 60 --seed 11 >/dev/null
# A fresh campaign with the demo's schools (the demo's own journal was written without the city step).
"$TZPY" init "$D" --catalog national-2020 --province 山东省 --start 2020-10-19 --end 2099-12-31 >/dev/null
install -m 640 "$DEMO/schools.tsv" "$D/schools.tsv"
printf 'city-review\ton\n' >> "$D/campaign.tsv"
read -r S H O < <(python3 - "$D/schools.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8")][1:]
s = next(r for r in rows if r[2] == "中职学校" and any(o[2] == "专科高职院校" and o[3] == r[3] for o in rows))
h = next(r for r in rows if r[2] == "专科高职院校" and r[3] == s[3])
o = next(r for r in rows if r[2] == "中职学校" and r[3] != s[3])
print(s[0], h[0], o[0])
PY
)
[ -n "${O:-}" ] || fail "the demo's schools lack a city with a 中职学校 and a 专科高职院校, and a 中职学校 elsewhere"
CITY=$(awk -F'\t' -v c="$S" '$1 == c { print $4 }' "$D/schools.tsv")
OTHER=$(awk -F'\t' -v c="$O" '$1 == c { print $4 }' "$D/schools.tsv")
"$TZPY" accounts add prov --role province --display 张伟 --data "$D" >/dev/null
"$TZPY" accounts add city --role city --city "$CITY" --display "$CITY教育局" --data "$D" >/dev/null 2>&1
"$TZPY" accounts add city2 --role city --city "$OTHER" --data "$D" >/dev/null 2>&1
"$TZPY" accounts add s --role school --school "$S" --data "$D" >/dev/null
"$TZPY" accounts add h --role school --school "$H" --data "$D" >/dev/null
"$TZPY" accounts add o --role school --school "$O" --data "$D" >/dev/null

# as WHO WORDS: WORDS through the gate as WHO; stdout and stderr in $WORK/out, the exit status in RC.
as() { local who=$1 words=$2; RC=0; SSH_ORIGINAL_COMMAND="$words" "$TZPY" gate --data "$D" "$who" < "${IN:-/dev/null}" > "$WORK/out" 2>&1 || RC=$?; }
said() { echo "exit $RC: $(head -c 400 "$WORK/out")"; }
status() { "$TZPY" claims --data "$D" --school "$1" --item "$2" --json | python3 -c 'import json, sys; print(json.loads(sys.stdin.read())["status"])'; }
journal() { sha256sum "$D/journal.tsv"; }
# refused WHO WORDS MESSAGE [STATUS]: exit STATUS (1: refused; 3: a conflict), MESSAGE in the output, the journal unchanged.
refused() {
  local before want=${4:-1}; before=$(journal)
  as "$1" "$2"
  [ "$RC" -eq "$want" ] || fail "$1's '$2' was not refused with exit $want: $(said)"
  grep -qF -- "$3" "$WORK/out" || fail "$1's '$2': the message does not say $3: $(said)"
  [ "$(journal)" = "$before" ] || fail "$1's refused '$2' changed the journal"
}

# 1. The schools submit: the 中职 schools' claims wait for their city, the 专科 college's goes to the province.
set_of() { printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n'; for i in "${@:2}"; do printf '%s,%s,-,1,2,3,4\n' "$1" "$i"; done; }
set_of "$S" 1 2 > "$WORK/s.csv"; set_of "$H" 1 > "$WORK/h.csv"; set_of "$O" 1 > "$WORK/o.csv"
IN="$WORK/s.csv" as s "submit - --name 本校.csv"; [ "$RC" -eq 0 ] || fail "the 中职 school's submit failed: $(said)"
IN="$WORK/h.csv" as h "submit - --name 本校.csv"; [ "$RC" -eq 0 ] || fail "the 专科 college's submit failed: $(said)"
IN="$WORK/o.csv" as o "submit - --name 本校.csv"; [ "$RC" -eq 0 ] || fail "the other city's school's submit failed: $(said)"
[ "$(status "$S" 1)" = city-pending ] && [ "$(status "$S" 2)" = city-pending ] && [ "$(status "$O" 1)" = city-pending ] \
  || fail "the 中职 schools' claims are not city-pending"
[ "$(status "$H" 1)" = pending ] || fail "the 专科 college's claim does not go to the province directly"
"$TZPY" totals --data "$D" --json > "$WORK/totals.json"
python3 - "$WORK/totals.json" <<'PY' || fail "totals --json does not count 3 city-pending and 1 pending claim: $(cat "$WORK/totals.json")"
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))["province"]
assert (p["cityPending"], p["pending"], p["intended"]["claims"]) == (3, 1, 4), p
PY
"$TZPY" claims --data "$D" --status city-pending --json > "$WORK/waiting.jsonl"
[ "$(wc -l < "$WORK/waiting.jsonl")" -eq 3 ] || fail "claims --status city-pending lists $(wc -l < "$WORK/waiting.jsonl") claims, not 3"
pass "school accounts submit through the gate: the 中职 claims are 待市级审核 (totals cityPending 3), the 专科 one 待审核"

# 2. The province cannot approve what the city has not passed.
refused prov "decide --school $S --item 1 --approve" "当前状态为「待市级审核」"
pass "the province's approval of a claim still 待市级审核 is refused (exit 1) and writes nothing"

# 3. The city passes one claim and returns the other.
as city "decide --school $S --item 1 --approve"
[ "$RC" -eq 0 ] && grep -qF "市级审核通过 $S 的任务 1" "$WORK/out" || fail "the city's pass failed: $(said)"
as city "decide --school $S --item 2 --return 请补充经费依据"
[ "$RC" -eq 0 ] || fail "the city's return failed: $(said)"
[ "$(status "$S" 1)" = pending ] && [ "$(status "$S" 2)" = returned ] || fail "after the city: $(status "$S" 1) / $(status "$S" 2)"
pass "the city account passes one claim (decide --approve → 市级审核通过) and returns the other"

# 4. What a city account may not do. (s2.csv: the school's set with the returned claim's figures changed.)
set_of "$S" 1 2 | sed "s/^$S,2,-,1,2,3,4/$S,2,-,1,2,3,9/" > "$WORK/s2.csv"
W="city 角色（市级审核人（$CITY））"
refused city "decide --school $H --item 1 --approve" "${W}只审核中职学校：学校 $H 是专科高职院校，由省厅直接审核"
refused city "decide --school $H --item 1 --return 不行" "只审核中职学校"
refused city "decide --school $O --item 1 --approve" "${W}只能审核${CITY}的学校，不能操作学校 $O"
# Once passed the claim is the province's: a second pass is a conflict naming the first, a return a refusal.
refused city "decide --school $S --item 1 --approve" "冲突：$S 的任务 1 不能市级审核通过：city 已于" 3
refused city "decide --school $S --item 1 --return 再看看" "只能审核待市级审核的任务：学校 $S 的任务 1 当前为「待审核」"
refused city "reopen --school $S --item 2 --comment 撤销" "不能撤销审核"
refused city "withdraw --school $S" "不能撤回"
IN="$WORK/o.csv" refused city "submit - --school $O --name 代报.csv" "$O"
IN="$WORK/s2.csv" refused city "import - --name 导入.csv" "${W}不能重新提交"
refused city "accounts add city3 --role province" "不能导入或管理账户"
refused city2 "decide --school $S --item 2 --return 别的市" "只能审核${OTHER}的学校"
refused prov "decide --school $O --item 1 --approve" "当前状态为「待市级审核」"
pass "a city account cannot decide a 专科 claim, another city's claim, a claim it passed, nor reopen, withdraw, submit, import or add accounts"

# 4b. Withdrawals under the city step: once the city has passed a claim the school cannot withdraw, and the
# message names the city; a school whose claims still wait for its city withdraws them all.
refused s "withdraw" "市级已开始审核"
as o "withdraw"
[ "$RC" -eq 0 ] && grep -qF "已撤回" "$WORK/out" || fail "the other city's school could not withdraw its 待市级审核 claim: $(said)"
"$TZPY" log --data "$D" --school "$O" --json > "$WORK/o-log.jsonl"
tail -1 "$WORK/o-log.jsonl" | grep -qF '"kind": "withdrawn"' || fail "the journal's last event of $O is not its withdrawal: $(tail -1 "$WORK/o-log.jsonl")"
pass "a school the city has started on cannot withdraw (市级已开始审核); one whose claims still wait for its city withdraws them"

# 5. The province sees the passed claim in its queue and approves it.
"$TZPY" claims --data "$D" --status pending --json > "$WORK/queue.jsonl"
grep -qF "\"school\": \"$S\", \"item\": \"1\"" "$WORK/queue.jsonl" || fail "the passed claim is not in the province's queue: $(cat "$WORK/queue.jsonl")"
as prov "decide --school $S --item 1 --approve"
[ "$RC" -eq 0 ] && grep -qF "通过 $S 的任务 1" "$WORK/out" || fail "the province's approval of the passed claim failed: $(said)"
[ "$(status "$S" 1)" = approved ] || fail "the passed claim is not approved"
pass "the province sees the passed claim 待审核 and approves it"

# 6. The school resubmits the returned claim: back to its city, round 2.
IN="$WORK/s2.csv" as s "submit - --name 本校.csv"; [ "$RC" -eq 0 ] || fail "the resubmission failed: $(said)"
"$TZPY" claims --data "$D" --school "$S" --item 2 --json > "$WORK/c2.json"
grep -qF '"round": 2, "status": "city-pending"' "$WORK/c2.json" || fail "the resubmitted claim is not city-pending in round 2: $(cat "$WORK/c2.json")"
pass "the resubmitted claim waits for the city again (round 2)"

# 7. The journal holds every step with its actor and the state it saw; the text log says 市级审核通过.
"$TZPY" log --data "$D" --school "$S" --json > "$WORK/log.jsonl"
python3 - "$WORK/log.jsonl" "$S" <<'PY' || fail "the journal of $S is not the steps of the cycle"
import json, sys
steps = [(e["item"], e["actor"], e["kind"], e["seen"], e["round"]) for e in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
want = [("1", "s", "submitted", None, 1), ("2", "s", "submitted", None, 1),
        ("1", "city", "passed", "city-pending", 1), ("2", "city", "returned", "city-pending", 1),
        ("1", "prov", "approved", "pending", 1), ("2", "s", "resubmitted", "returned", 2)]
assert steps == want, steps
PY
"$TZPY" log --data "$D" --school "$S" --item 1 > "$WORK/log.txt"
grep -qF "市级审核通过" "$WORK/log.txt" && grep -qF "${CITY}教育局" "$WORK/log.txt" || fail "tzpy log does not show the city's 市级审核通过: $(cat "$WORK/log.txt")"
as city "log --json"
python3 - "$WORK/out" "$S" "$H" <<'PY' || fail "the city account's log holds other cities' events"
import json, sys
seen = {json.loads(l)["school"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()}
assert seen <= {sys.argv[2], sys.argv[3]}, sorted(seen)
PY
"$TZPY" check --data "$D" >/dev/null || fail "tzpy check fails"
pass "tzpy log --json holds submitted → passed (city, seen city-pending) → approved (prov, seen pending); check passes"

# 8. The city's console through the gate: on the school's page the cursor lands on the claim waiting for the city
# (the resubmitted 2, not the approved 1), and `a` passes it.
NAME=$(awk -F'\t' -v c="$S" '$1 == c { print $2 }' "$D/schools.tsv")
start c 100 30 "$TZPY" gate --data "$D" city
wait_for c "学校列表"
keys c / ; type_text c "$S"; keys c Enter Enter
wait_for c "平台管理联系人"
keys c a
wait_for c "已保存：市级审核通过 $NAME 的任务 2"
keys c q q y
wait_for c "EXITED 0"
"$TZPY" log --data "$D" --school "$S" --item 2 --json | tail -n 1 > "$WORK/last.json"
grep -qF '"actor": "city"' "$WORK/last.json" && grep -qF '"kind": "passed"' "$WORK/last.json" && grep -qF '"seen": "city-pending"' "$WORK/last.json" \
  || fail "the console's pass is not journalled as the city's: $(cat "$WORK/last.json")"
[ "$(status "$S" 2)" = pending ] || fail "after the console's pass the claim is $(status "$S" 2)"
pass "the city account's console lands on the claim waiting for it and passes it with a (已保存：市级审核通过)"
