#!/usr/bin/env bash
# End-to-end: one reviewer in the real console over tmux — approve, return with a Chinese comment,
# resize, quit — then check the screen and the journal (tzpy log).
source "$(dirname "$0")/lib.sh"
D="$WORK/store"
"$TZPY" demo "$D" --schools 40 --seed 7 >/dev/null
ME=$(id -un)
# A school with two pending claims on dotted item codes (unambiguous on screen), first in code order.
read -r SCHOOL FIRST SECOND < <("$TZPY" claims --data "$D" --status pending --json | python3 -c '
import json, sys
found = {}
for line in sys.stdin:
    c = json.loads(line)
    if "." in c["item"]:
        found.setdefault(c["school"], []).append(c["item"])
school = min(s for s, items in found.items() if len(items) >= 2)
print(school, *found[school][:2])')
[ -n "${SECOND:-}" ] || fail "no school with two pending claims"
NAME=$(awk -F'\t' -v c="$SCHOOL" '$1==c {print $2}' "$D/schools.tsv")

mkdir -p "$WORK/exports"
start a 100 30 TZPY_EXPORT_DIR="$WORK/exports" "$TZPY" review --data "$D"
wait_for a "学校列表"
wait_for a "${NAME:0:6}"
pass "the school list shows Chinese names with LANG unset"

# Make sure the cursor is on the school, then open it.
keys a / ; type_text a "$SCHOOL"; keys a Enter
keys a Enter
wait_for a "平台管理联系人"
wait_for a "意向承接"
# Move to the first pending claim (the list is in catalog order; the pending ones come first here).
keys a / ; type_text a "$FIRST"; keys a Enter
keys a a
wait_for a "已保存：通过 $NAME 的任务 $FIRST"
# The cursor has moved on to the next pending claim (the list may have scrolled): find the row again.
keys a g / ; type_text a "$FIRST"; keys a Enter
sleep 0.3
line_with a " $FIRST " | grep -q "已通过" || fail "row $FIRST does not show 已通过"
pass "approve: the row shows 已通过 once saved"

# The cursor moved down after the decision; go to the second pending claim by search and return it.
keys a / ; type_text a "$SECOND"; keys a Enter
keys a r
wait_for a "修改意见"
type_text a "经费预算填写不完整，请补充举办方投入依据"
keys a Enter
wait_for a "已保存：退回修改 $NAME 的任务 $SECOND"
line_with a " $SECOND " | grep -q "退回修改" || fail "row $SECOND does not show 退回修改"
pass "return with a Chinese comment typed through the editor"

# An empty comment is refused (] opens the next school with pending claims, on its first pending claim).
keys a ]; wait_for a "待审核"; keys a r Enter
wait_for a "修改意见不能为空"
keys a Escape
keys a q / ; type_text a "$SCHOOL"; keys a Enter Enter
wait_for a "平台管理联系人"
pass "an empty comment is refused"

# E exports the school's table as a workbook; the message names the file, which holds both decisions.
keys a E
wait_for a "已导出"
X=$(ls "$WORK"/exports/学校承接任务情况-*.xlsx 2>/dev/null | head -n 1)
[ -n "$X" ] || fail "E wrote no workbook into TZPY_EXPORT_DIR"
python3 - "$X" "$FIRST" "$SECOND" <<'PY' || fail "the exported workbook lacks the decisions"
import sys, zipfile
book, first, second = sys.argv[1:]
z = zipfile.ZipFile(book)
assert z.testzip() is None
strings = z.read("xl/sharedStrings.xml").decode()
for text in ("已通过", "退回修改", "经费预算填写不完整，请补充举办方投入依据", "省厅审核情况"):
    assert text in strings, text
PY
pass "E exports the school's table to a workbook that holds the decisions"

# Resize to 80x24: the layout follows at once; the status line keeps the province's 已通过 (the
# reviewer's name, shown at 100 columns, is the first part to give way).
wait_for a "审核人 $ME"
tmux -L "$SOCK" resize-window -t a -x 80 -y 24
sleep 0.5
[ "$(screen a | wc -l)" -le 24 ] || fail "screen taller than 24 rows after resize"
wait_for a "省厅审核情况"
wait_for a "全省已通过"
screen a | awk 'length($0) > 0' | while IFS= read -r line; do
  w=$(printf '%s' "$line" | python3 -c 'import sys,unicodedata; s=sys.stdin.read(); print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s))')
  [ "$w" -le 80 ] || { echo "line wider than 80: $line" >&2; exit 1; }
done || fail "a line is wider than the window"
pass "resize to 80x24 re-lays out within the width"

# Too small, then back.
tmux -L "$SOCK" resize-window -t a -x 40 -y 10
wait_for a "终端太小"
tmux -L "$SOCK" resize-window -t a -x 80 -y 24
wait_for a "省厅审核情况"
pass "below the minimum size a clear message, and back"

# Quit: q back to the list, q asks, y quits; the terminal is restored.
keys a q
wait_for a "学校列表"
keys a q
wait_for a "确定退出"
keys a y
wait_for a "EXITED 0"
pass "q on the top screen asks, y quits with status 0"

LOG=$("$TZPY" log --data "$D" --school "$SCHOOL" --json)
echo "$LOG" | grep -F "\"item\": \"$FIRST\"" | grep -F '"kind": "approved"' | grep -qF "\"actor\": \"$ME\"" || fail "journal lacks the approval of $FIRST by $ME"
echo "$LOG" | grep -F "\"item\": \"$SECOND\"" | grep -F '"kind": "returned"' | grep -qF '经费预算填写不完整，请补充举办方投入依据' || fail "journal lacks the return of $SECOND with its comment"
"$TZPY" check --data "$D" >/dev/null || fail "tzpy check fails after the session"
pass "tzpy log holds both decisions with the real user; tzpy check is clean"

# The text trail shows each submission's figures (承接数量, 汇总 and the four parts) beside the decisions.
"$TZPY" log --data "$D" --school "$SCHOOL" --item "$FIRST" > "$WORK/log.txt"
"$TZPY" claims --data "$D" --school "$SCHOOL" --item "$FIRST" --json > "$WORK/claim.json"
python3 - "$WORK/log.txt" "$WORK/claim.json" <<'PY' || fail "tzpy log's text lacks the submission's amounts: $(cat "$WORK/log.txt")"
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().splitlines()
c = json.loads(open(sys.argv[2]).readline())
f = c["funds"]
q = "-" if c["quantity"] is None else str(c["quantity"])
parts = "+".join([f["self"], f["industry"], f["sponsor"], f["local"]])
row = [l for l in text if "提交" in l][-1]   # the latest submission or resubmission: the claim as it stands
assert row.split()[7:10] == [q, f["total"], parts], row   # the time is two words
PY
pass "tzpy log's text shows what each submission asked for"
echo "1 passed, 0 failed"
