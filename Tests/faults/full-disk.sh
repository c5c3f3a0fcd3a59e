#!/usr/bin/env bash
# full-disk: a data dir on a small tmpfs filled to the last byte. Each write that cannot get its space —
# a decide whose line crosses into a page the disk no longer has, a torn tail that cannot be set aside, an
# import of many rows, an import whose new school needs schools.tsv rewritten — fails with exit 1 and a
# message naming the file and the failure (失败, No space left on device), and leaves the journal (and
# schools.tsv) byte-identical; after space is freed the same writes succeed and `tzpy check` passes.
# Needs root (mount); the tmpfs is unmounted on every way out.
source "$(dirname "$0")/../e2e/lib.sh"
MNT="$WORK/disk"
mkdir -p "$MNT"
mount -t tmpfs -o size=1m,mode=0755 tzpy-full-disk "$MNT" || fail "cannot mount a tmpfs at $MNT (full-disk.sh needs root)"
trap 'umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null || true; cleanup' EXIT
D="$MNT/store"
J="$D/journal.tsv"
"$TZPY" demo "$D" --schools 12 --seed 23 >/dev/null
"$TZPY" claims --data "$D" --status pending --json > "$WORK/pending.jsonl"
sed -E -n 's/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/p' "$WORK/pending.jsonl" > "$WORK/claims"
mapfile -t CLAIMS < "$WORK/claims"
(( ${#CLAIMS[@]} >= 80 )) || fail "the demo has only ${#CLAIMS[@]} pending claims"
next=0   # the next pending claim to decide

# Import files, kept off the small disk: every pending claim of the last school with 学校自筹 one 万元 more
# (each row a replacing submission), and one claim of a school the store does not have yet.
LASTSCHOOL=$(awk '{s=$1} END {print s}' "$WORK/claims")
"$TZPY" export --data "$D" --report claims --format csv --out "$WORK/claims.csv" >/dev/null
python3 - "$WORK/claims.csv" "$WORK/replace.csv" "$LASTSCHOOL" <<'PY'
import csv, sys
from decimal import Decimal
src, dst, school = sys.argv[1:]
rows = list(csv.reader(open(src, encoding="utf-8-sig", newline="")))
head = rows[0]
i = {name: head.index(name) for name in ("学校代码", "省厅审核情况", "学校自筹", "汇总")}
out = [head]
for r in rows[1:]:
    if r[i["学校代码"]] == school and r[i["省厅审核情况"]] == "待审核":
        for k in ("学校自筹", "汇总"):
            r[i[k]] = str(Decimal(r[i[k]]) + 1)
        out.append(r)
assert len(out) > 10, len(out)
csv.writer(open(dst, "w", encoding="utf-8", newline="")).writerows(out)
PY
REPLACE_ROWS=$(( $(wc -l < "$WORK/replace.csv") - 1 ))
printf '学校代码,学校名称,学校类型,所在市,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n3799000001,满盘测试职业学校,中职学校,济南市,1,-,1,0,0,0\n' > "$WORK/newschool.csv"

decide() {   # decide: the next pending claim, approved; output in $WORK/out, $WORK/err
  local school item
  read -r school item <<< "${CLAIMS[$next]}"
  "$TZPY" decide --data "$D" --school "$school" --item "$item" --approve > "$WORK/out" 2> "$WORK/err"
}
fill() { dd if=/dev/zero of="$MNT/filler" bs=4096 2>/dev/null || true; sync; }
free_blocks() { stat -f -c %a "$MNT"; }
snapshot() { cp "$J" "$WORK/journal.before"; cp "$D/schools.tsv" "$WORK/schools.before"; }
unchanged() {   # unchanged WHAT: the journal and schools.tsv are byte-identical to the snapshot
  cmp -s "$J" "$WORK/journal.before" || fail "$1 changed the journal ($(stat -c %s "$WORK/journal.before") → $(stat -c %s "$J") bytes)"
  cmp -s "$D/schools.tsv" "$WORK/schools.before" || fail "$1 changed schools.tsv"
  ls -a "$D" | grep -q '\.tmp$' && fail "$1 left a temporary file: $(ls -a "$D" | grep '\.tmp$')"
  return 0
}
refused() {   # refused WHAT CODE OUTPUT FILE: exit 1 and the output names FILE and 失败
  [ "$2" -eq 1 ] || fail "$1: expected exit 1 on a full disk, got $2: $(cat "$3")"
  grep -qF "$4" "$3" || fail "$1: the message does not name $4: $(cat "$3")"
  grep -qF "失败" "$3" || fail "$1: the message does not say 失败: $(cat "$3")"
}
failures=0

# 1. A torn tail that cannot be set aside: journal.torn needs a block the disk does not have.
last=$(tail -n 1 "$J")
printf '%s' "${last:0:40}" >> "$J"
fill
[ "$(free_blocks)" -eq 0 ] || fail "the disk still has $(free_blocks) free blocks after filling it"
snapshot
code=0; decide || code=$?
refused "a decide that must set aside a torn tail" "$code" "$WORK/err" "journal.torn"
unchanged "a decide that could not set aside the torn tail"
failures=$((failures + 1))
pass "torn tail on a full disk: exit 1, $(tr -d '\n' < "$WORK/err")"
rm -f "$MNT/filler"
decide || fail "after freeing space the decide still fails: $(cat "$WORK/err")"
next=$((next + 1))
[ "$(grep -c 'bytes that form no complete line or batch' "$D/journal.torn")" -eq 1 ] || fail "journal.torn does not hold the fragment"

# 2. Decides until one needs a page the full disk does not have (the first ones fit in the journal's last page).
fill
ok_before=0
while :; do
  snapshot
  code=0; decide || code=$?
  [ "$code" -eq 0 ] || break
  ok_before=$((ok_before + 1)); next=$((next + 1))
  (( ok_before < 64 )) || fail "64 decides fitted on a full disk: the disk is not full"
done
refused "a decide on a full disk" "$code" "$WORK/err" "$J"
grep -qF "No space left on device" "$WORK/err" || fail "the decide's message does not say No space left on device: $(cat "$WORK/err")"
unchanged "the failed decide"
failures=$((failures + 1))
pass "decide on a full disk ($ok_before fitted in the last page first): exit 1, $(tr -d '\n' < "$WORK/err")"
"$TZPY" check --data "$D" > "$WORK/check" 2>&1 || fail "tzpy check on the full disk: $(cat "$WORK/check")"

# 3. An import of many rows (one write of all its events) on the full disk.
code=0; "$TZPY" import --data "$D" "$WORK/replace.csv" > "$WORK/import" 2>&1 || code=$?
refused "an import on a full disk" "$code" "$WORK/import" "$J"
grep -qF "No space left on device" "$WORK/import" || fail "the import's message does not say No space left on device: $(cat "$WORK/import")"
unchanged "the failed import"
failures=$((failures + 1))
pass "import of $REPLACE_ROWS rows on a full disk: exit 1, $(grep -F 失败 "$WORK/import" | head -1 | sed 's/^ *//')"

# 4. An import with a new school: schools.tsv is rewritten first (atomically), which cannot get its space.
code=0; "$TZPY" import --data "$D" "$WORK/newschool.csv" > "$WORK/import2" 2>&1 || code=$?
refused "an import of a new school on a full disk" "$code" "$WORK/import2" ".schools.tsv."
grep -qF "No space left on device" "$WORK/import2" || fail "the import's message does not say No space left on device: $(cat "$WORK/import2")"
unchanged "the failed import of a new school"
failures=$((failures + 1))
pass "import of a new school on a full disk: exit 1, $(grep -F 失败 "$WORK/import2" | head -1 | sed 's/^ *//')"
"$TZPY" check --data "$D" > "$WORK/check" 2>&1 || fail "tzpy check on the full disk: $(cat "$WORK/check")"

# 5. Space again: the same writes succeed.
rm -f "$MNT/filler"
decide || fail "after freeing space the decide still fails: $(cat "$WORK/err")"
next=$((next + 1))
"$TZPY" import --data "$D" "$WORK/replace.csv" > "$WORK/import" 2>&1 || fail "after freeing space the import still fails: $(cat "$WORK/import")"
grep -q "替换 $REPLACE_ROWS，" "$WORK/import" || fail "the import did not replace its $REPLACE_ROWS rows: $(cat "$WORK/import")"
"$TZPY" import --data "$D" "$WORK/newschool.csv" > "$WORK/import2" 2>&1 || fail "after freeing space the new school's import still fails: $(cat "$WORK/import2")"
grep -q '^3799000001' "$D/schools.tsv" || fail "the new school is not in schools.tsv"
"$TZPY" check --data "$D" > "$WORK/check" 2>&1 || fail "tzpy check after freeing space: $(cat "$WORK/check")"
pass "after freeing space: decide, both imports and tzpy check succeed"
echo "full-disk: $failures writes refused on a full 1 MiB tmpfs (torn-tail set-aside, decide after $ok_before that fitted, import of $REPLACE_ROWS rows, import of a new school), each exit 1 naming the file, journal and schools.tsv byte-identical; after freeing space all succeed, chain intact"
echo "1 passed, 0 failed"
