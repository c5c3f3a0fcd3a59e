#!/usr/bin/env bash
# End-to-end: reviewing at one key per claim in the real console over tmux (issue 11, part 2) — land on
# the work, Home as tmux/screen/PuTTY send it inside the comment editor, Esc with text asks, the returned
# claim's 修改意见 in the preview at 160×50, and E on a filtered list exports only those rows (LibreOffice).
source "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || fail "soffice (libreoffice-calc-nogui) is not installed; .ci/run installs it"
D="$WORK/store"
"$TZPY" demo "$D" --schools 40 --seed 7 >/dev/null
ME=$(id -un)
"$TZPY" claims --data "$D" --json > "$WORK/claims.jsonl"
# A school whose first claim (catalog order, as the console lists them) is decided and that has at least
# three pending claims: the first three pending items.
read -r SCHOOL P1 P2 P3 < <(python3 - "$WORK/claims.jsonl" <<'PY'
import json, sys
by = {}
for line in open(sys.argv[1]):
    c = json.loads(line)
    by.setdefault(c["school"], []).append(c)
for school in sorted(by):
    cs = by[school]
    pending = [c["item"] for c in cs if c["status"] == "pending"]
    if cs[0]["status"] != "pending" and len(pending) >= 3:
        print(school, *pending[:3])
        break
PY
)
[ -n "${P3:-}" ] || fail "no school starting with a decided claim and three pending ones"
NAME=$(awk -F'\t' -v c="$SCHOOL" '$1==c {print $2}' "$D/schools.tsv")

mkdir -p "$WORK/exports"
start a 100 30 TZPY_EXPORT_DIR="$WORK/exports" "$TZPY" review --data "$D"
wait_for a "学校列表"
keys a / ; type_text a "$SCHOOL"; keys a Enter Enter
wait_for a "平台管理联系人"
keys a a
wait_for a "已保存：通过 $NAME 的任务 $P1"
keys a a
wait_for a "已保存：通过 $NAME 的任务 $P2"
"$TZPY" log --data "$D" --school "$SCHOOL" --json > "$WORK/log1"
python3 - "$WORK/log1" "$ME" "$P1" "$P2" <<'PY' || fail "the journal does not hold the two approvals of the first two pending claims"
import json, sys
log, me, p1, p2 = sys.argv[1:]
mine = [e["item"] for e in map(json.loads, open(log)) if e["actor"] == me and e["kind"] == "approved"]
assert mine == [p1, p2], mine
PY
pass "a school that opens on decided rows: two presses of a approve its first two pending claims"

# The cursor is on P3 now. Return it: type, Home as ESC [ 1 ~ (what tmux, screen and PuTTY send), type
# again — the text goes in front, nothing is cancelled and no other school opens.
keys a r
wait_for a "修改意见（Enter"
type_text a "举办方投入"
type_text a $'\e[1~'
type_text a "请核实"
sleep 0.3
screen a | grep -qF "请核实举办方投入" || fail "Home sent as ESC [ 1 ~ did not move to the start of the comment"
screen a | grep -qF "平台管理联系人" || fail "the escape sequence left the school page"
pass "Home as ESC [ 1 ~ inside the editor moves to the start and keeps the comment"

keys a Escape
wait_for a "放弃已输入的修改意见吗"
keys a n
sleep 0.3
screen a | grep -qF "请核实举办方投入" || fail "n after Esc did not go back to the comment"
keys a Enter
wait_for a "已保存：退回修改 $NAME 的任务 $P3"
"$TZPY" log --data "$D" --school "$SCHOOL" --item "$P3" --json > "$WORK/log2"
grep -qF '"comment": "请核实举办方投入"' "$WORK/log2" || fail "the journal lacks the comment: $(cat "$WORK/log2")"
pass "Esc with text asks first; the comment is kept and recorded"

# At 160×50 the preview beside the table shows the 修改意见 of the returned claim under the cursor.
tmux -L "$SOCK" resize-window -t a -x 160 -y 50
# The resize may reach the console in steps (rows first): wait until the pane stands beside the table.
wait_for a "│ 预览"
# The pane may show the comment already (the cursor can still be on that claim), so go through the search
# step by step: the prompt with the text, then Enter, then the prompt gone.
keys a g / ; type_text a "$P3"
wait_for a "搜索（名称或代码）：$P3"
keys a Enter
for _ in $(seq 50); do screen a > "$WORK/s.txt"; grep -qF "搜索（名称或代码）" "$WORK/s.txt" || break; sleep 0.1; done
wait_for a "修改意见：请核实举办方投入"
line_with a "修改意见：请核实举办方投入" | grep -qF "│" || fail "the comment is not in the pane beside the table"
pass "a returned claim's 修改意见 is on screen at 160×50 with the cursor on it"

# E on the school list filtered to schools with returns exports exactly those schools.
keys a q
wait_for a "共 40 所"
keys a f; wait_for a "筛选学校"
keys a j j j j Enter    # 全部, 有待审核, 有重新提交, 有提示, 有退回
wait_for a "有退回"
keys a E
wait_for a "已导出"
X=$(ls "$WORK"/exports/分校承接任务数量汇总表-*.xlsx 2>/dev/null | head -n 1)
[ -n "$X" ] || fail "E wrote no workbook"
mkdir -p "$WORK/lo"
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$WORK/lo" "$X" >/dev/null 2>&1
CSV="$WORK/lo/$(basename "${X%.xlsx}").csv"
[ -s "$CSV" ] || fail "LibreOffice did not read $X"
"$TZPY" totals --data "$D" --by school --json > "$WORK/totals.json"
python3 - "$CSV" "$WORK/totals.json" <<'PY' || fail "the filtered export does not hold exactly the schools with returns"
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert "有退回" in rows[0][0], rows[0]
codes = [r[0] for r in rows if r and r[0].isdigit() and len(r[0]) == 10]
want = [r["key"] for r in json.load(open(sys.argv[2]))["rows"] if r["returned"] > 0]
assert codes == sorted(want), (codes, want)
assert len(codes) < 40
PY
pass "E on a filtered school list exports only the rows shown, as LibreOffice reads them"

keys a q y
wait_for a "EXITED 0"
