#!/usr/bin/env bash
# End-to-end: real spreadsheet software and tzpy agree.
# 1. LibreOffice (headless) reads tzpy's .xlsx exports; every value it shows is compared with the store, and
#    each starts with its title and 单位/数据截至 lines (Beijing time, though TZ says New York); the cities
#    report (全省汇总) equals `tzpy totals --by city/type`; LibreOffice reads the print setup (landscape A4,
#    one page wide, header rows on every page, wrapped 工作任务); the school report imports again.
# 2. LibreOffice writes a workbook from a CSV; tzpy imports it into an empty store and gets the same claims.
# 3. A GB18030 CSV, as Chinese Excel saves one, imports; a file with a bad cell imports nothing.
source "$(dirname "$0")/lib.sh"
command -v soffice >/dev/null || fail "soffice (libreoffice-calc-nogui) is not installed; .ci/run installs it"
export HOME="$WORK/home"; mkdir -p "$HOME"   # LibreOffice keeps its profile here, away from the user's
D="$WORK/store"
"$TZPY" demo "$D" --schools 120 --seed 11 >/dev/null
OUT="$WORK/out"; mkdir -p "$OUT"
# (Whole outputs go to files before they are searched: under pipefail, a reader that stops early would
# kill the writer with SIGPIPE and fail the script.)
"$TZPY" claims --data "$D" --status returned --json > "$OUT/returned.jsonl"
SCHOOL=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["school"])' "$OUT/returned.jsonl")

# The as-of line is in Beijing time whatever the exporting machine's zone: export under New York's.
for r in claims items schools returns cities; do TZ=America/New_York "$TZPY" export --data "$D" --report "$r" --out "$OUT/$r.xlsx" >/dev/null; done
TZ=America/New_York "$TZPY" export --data "$D" --report school --school "$SCHOOL" --out "$OUT/school.xlsx" >/dev/null
to_csv() { soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$OUT/lo" "$@" >/dev/null 2>&1; }
to_csv "$OUT"/claims.xlsx "$OUT"/items.xlsx "$OUT"/schools.xlsx "$OUT"/returns.xlsx "$OUT"/school.xlsx "$OUT"/cities.xlsx
for r in claims items schools returns school cities; do [ -s "$OUT/lo/$r.csv" ] || fail "LibreOffice did not convert $r.xlsx"; done
pass "LibreOffice opens every exported workbook"
"$TZPY" export --data "$D" --report cities --format csv --out "$OUT/cities.csv" >/dev/null
head -c 40 "$OUT/cities.csv" | grep -q "^.地市,学校数," || fail "the cities CSV does not start with its header (a CSV is the table alone)"
pass "a CSV export is the table alone, header first"

"$TZPY" claims --data "$D" --json > "$OUT/claims.jsonl"
"$TZPY" totals --data "$D" --by item --json > "$OUT/items.json"
"$TZPY" totals --data "$D" --by city --json > "$OUT/cities.json"
"$TZPY" totals --data "$D" --by type --json > "$OUT/types.json"
"$TZPY" totals --data "$D" --by school --json > "$OUT/schools.json"
"$TZPY" log --data "$D" --json > "$OUT/log.jsonl"
python3 - "$OUT" "$SCHOOL" <<'PY' || fail "LibreOffice's view of the exports differs from the store"
import csv, json, sys
from datetime import datetime, timedelta
from decimal import Decimal
out, school = sys.argv[1], sys.argv[2]
last = json.loads(open(f"{out}/log.jsonl", encoding="utf-8").readlines()[-1])["time"]
beijing = (datetime.strptime(last, "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
titles = {"claims": "承接任务明细", "items": "分任务承接学校一览表", "schools": "分校承接任务数量汇总表",
          "returns": "退回修改通知", "school": "学校承接任务情况", "cities": "分地市及学校类型汇总表"}
def rows(name):
    """The table of a LibreOffice CSV below its title and 单位/数据截至 lines, which are checked here."""
    with open(f"{out}/lo/{name}.csv", encoding="utf-8") as f:
        got = list(csv.reader(f))
    title, notes = got[0][0], got[1][0]
    assert title.startswith("山东省 " + titles[name]) and not any(got[0][1:]), (name, got[0])
    unit = "" if name == "returns" else "单位：万元　"
    assert notes == f"{unit}数据截至 {beijing}（北京时间）" and not any(got[1][1:]), (name, got[1], last)
    return got[2:]
def money(text):
    return Decimal(text)
label = {"pending": "待审核", "approved": "已通过", "returned": "退回修改"}
store = {}
for line in open(f"{out}/claims.jsonl", encoding="utf-8"):
    c = json.loads(line)
    if c["status"] != "withdrawn":
        store[(c["school"], c["item"])] = c
claims = rows("claims")
head = claims[0]
assert head[:7] == ["学校代码", "学校名称", "学校类型", "所在市", "序号", "工作任务", "承接数量"], head
seen = 0
for r in claims[1:]:
    c = store[(r[0], r[4])]
    q = "-" if c["quantity"] is None else str(c["quantity"])
    assert r[6] == q, (r, c)
    for i, k in zip(range(7, 12), ["total", "self", "industry", "sponsor", "local"]):
        assert money(r[i]) == money(c["funds"][k]), (r, c, k)
    assert r[12] == label[c["status"]], (r, c)
    assert r[13] == str(c["round"]), (r, c)
    assert (r[14] or None) == c["comment"], (r, c)
    seen += 1
assert seen == len(store), (seen, len(store))
items = {row["key"]: row for row in json.load(open(f"{out}/items.json"))["rows"]}
for r in rows("items")[1:]:
    if r[0] == "合计":
        continue
    t = items[r[0]]
    assert int(r[2]) == t["intended"]["claims"], (r, t)
    assert money(r[6]) == money(t["intended"]["total"]), (r, t)
    assert (int(r[3]), int(r[4]), int(r[5])) == (t["pending"], t["approved"]["claims"], t["returned"]), (r, t)
returned = [c for c in store.values() if c["status"] == "returned"]
ret = rows("returns")[1:]
assert len(ret) == len(returned), (len(ret), len(returned))
assert {(r[1], r[5], r[8]) for r in ret} == {(c["school"], c["item"], c["comment"]) for c in returned}
mine = {k[1]: c for k, c in store.items() if k[0] == school}
table = [r for r in rows("school") if r and r[2] == "是"]
assert {r[0] for r in table} == set(mine), (sorted(r[0] for r in table), sorted(mine))
for r in table:
    assert money(r[4]) == money(mine[r[0]]["funds"]["total"]), r
    assert r[9] == label[mine[r[0]]["status"]], r
def tally_cells(t):
    intended = t["intended"]
    progress = "-" if intended["claims"] == 0 else f'{(t["approved"]["claims"] + t["returned"]) * 100 // intended["claims"]}%'
    return [intended["claims"], intended["tasks"], t["pending"], t["approved"]["claims"], t["returned"], progress,
            money(intended["total"]), money(t["approved"]["total"]), intended["schoolTasks"]]
def row_cells(r):
    return [int(r[2]), int(r[3]), int(r[4]), int(r[5]), int(r[6]), r[7], money(r[8]), money(r[9]), int(r[10])]
schools = {row["key"]: row for row in json.load(open(f"{out}/schools.json"))["rows"]}
registered = [line.split("\t")[3] for line in open(f"{out}/../store/schools.tsv", encoding="utf-8").read().splitlines()[1:] if line]
cities = json.load(open(f"{out}/cities.json"))
types = json.load(open(f"{out}/types.json"))
table = rows("cities")
assert table[0] == ["地市", "学校数", "承接条目", "任务数量", "待审核", "已通过", "退回修改", "审核进度", "意向承接汇总", "已通过汇总", "学校任务数合计"], table[0]
n = len(cities["rows"])
assert [r[0] for r in table[1:n + 1]] == [c["key"] for c in cities["rows"]], table[1:n + 1]
for r, c in zip(table[1:n + 1], cities["rows"]):
    assert row_cells(r) == tally_cells(c), (r, c)
    assert int(r[1]) == registered.count(r[0]), (r, registered.count(r[0]))
assert table[n + 1][0] == "全省合计" and row_cells(table[n + 1]) == tally_cells(cities["province"]), table[n + 1]
assert int(table[n + 1][1]) == len(schools), (table[n + 1], len(schools))
assert sum(int(r[1]) for r in table[1:n + 1]) == len(schools)
assert not any(table[n + 2]) and table[n + 3][0] == "学校类型", table[n + 2:n + 4]
kinds = table[n + 4:n + 4 + len(types["rows"])]
assert [r[0] for r in kinds] == [t["key"] for t in types["rows"]], kinds
for r, t in zip(kinds, types["rows"]):
    assert row_cells(r) == tally_cells(t), (r, t)
assert table[-1][0] == "全省合计" and row_cells(table[-1]) == tally_cells(types["province"]), table[-1]
summary = rows("schools")
assert summary[0][:5] == ["学校代码", "学校名称", "学校类型", "所在市", "审核状态"], summary[0]
for r in summary[1:-1]:
    s = schools[r[0]]
    assert (int(r[5]), int(r[6]), int(r[7]), int(r[9])) == (s["pending"], s["approved"]["claims"], s["returned"], s["intended"]["claims"]), (r, s)
    assert money(r[10]) == money(s["intended"]["total"]) and money(r[16]) == money(s["approved"]["total"]), (r, s)
assert summary[-1][0] == "合计" and money(summary[-1][10]) == money(cities["province"]["intended"]["total"]), summary[-1]
print(f"checked {seen} claims, {len(items)} items, {len(ret)} returns, {len(mine)} rows of school {school}, "
      f"{n} cities and {len(kinds)} types, {len(summary) - 2} schools; as of {beijing} Beijing time")
PY
pass "every value LibreOffice reads from the exports equals the store, under its title and as-of line"

# LibreOffice's own copy of a workbook keeps what it understood of the print setup.
soffice --headless --convert-to xlsx --outdir "$OUT/lo-copy" "$OUT/claims.xlsx" >/dev/null 2>&1
soffice --headless --convert-to pdf --outdir "$OUT/lo-pdf" "$OUT/claims.xlsx" >/dev/null 2>&1
python3 - "$OUT" <<'PY' || fail "LibreOffice did not take the print setup"
import re, sys, zipfile
out = sys.argv[1]
z = zipfile.ZipFile(f"{out}/lo-copy/claims.xlsx")
workbook = z.read("xl/workbook.xml").decode()
sheet = z.read("xl/worksheets/sheet1.xml").decode()
styles = z.read("xl/styles.xml").decode()
assert re.search(r'name="_xlnm.Print_Titles"[^>]*>\'?承接任务明细\'?!\$3:\$3<', workbook), workbook
setup = re.search(r"<pageSetup [^>]*>", sheet).group(0)
for attribute in ['paperSize="9"', 'orientation="landscape"', 'fitToWidth="1"', 'fitToHeight="0"']:
    assert attribute in setup, (attribute, setup)
assert re.search(r'<pageSetUpPr fitToPage="(1|true)"', sheet), sheet[:400]
assert 'wrapText="true"' in styles or 'wrapText="1"' in styles, styles
pdf = open(f"{out}/lo-pdf/claims.pdf", "rb").read()
boxes = {tuple(round(float(v)) for v in b.split()) for b in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
assert boxes == {(0, 0, 842, 595)}, boxes   # A4, landscape
pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
print(f"print titles $3:$3, {setup}, {pages} pages of landscape A4")
PY
pass "LibreOffice reads the print setup: landscape A4, one page wide, the header on every page, wrapped text"

# The school report, title lines and all, imports again: tzpy finds the table below them.
R="$WORK/round"; mkdir -p "$R"
cp "$D/catalog.tsv" "$D/campaign.tsv" "$D/schools.tsv" "$R/"; : > "$R/journal.tsv"
"$TZPY" import --data "$R" "$OUT/school.xlsx" > "$OUT/school-import.txt" || { cat "$OUT/school-import.txt"; fail "the school report did not import"; }
"$TZPY" claims --data "$R" --json > "$OUT/school-imported.jsonl"
python3 - "$OUT" "$SCHOOL" <<'PY' || fail "the school report imported other claims than the store's"
import json, sys
out, school = sys.argv[1], sys.argv[2]
def load(name):
    d = {}
    for line in open(f"{out}/{name}", encoding="utf-8"):
        c = json.loads(line)
        if c["status"] != "withdrawn" and c["school"] == school:
            d[c["item"]] = (c["quantity"], c["funds"])
    return d
a, b = load("claims.jsonl"), load("school-imported.jsonl")
assert a and a == b, (len(a), len(b))
print(f"{len(b)} claims of {school} imported from its school report")
PY
pass "the school report (title, unit and as-of lines above the table) imports again"

# 2. A workbook LibreOffice writes (shared strings, codes and money as numbers) imports into an empty store.
"$TZPY" export --data "$D" --report claims --format csv --out "$OUT/claims.csv" >/dev/null
soffice --headless --infilter='CSV:44,34,76,1' --convert-to xlsx --outdir "$OUT/lo-xlsx" "$OUT/claims.csv" >/dev/null 2>&1
[ -s "$OUT/lo-xlsx/claims.xlsx" ] || fail "LibreOffice did not write claims.xlsx"
E="$WORK/empty"; mkdir -p "$E"
cp "$D/catalog.tsv" "$D/campaign.tsv" "$D/schools.tsv" "$E/"
: > "$E/journal.tsv"
"$TZPY" import --data "$E" "$OUT/lo-xlsx/claims.xlsx" > "$OUT/import.txt" || { cat "$OUT/import.txt"; fail "import of LibreOffice's workbook failed"; }
"$TZPY" claims --data "$E" --json > "$OUT/imported.jsonl"
python3 - "$OUT" <<'PY' || fail "claims imported from LibreOffice's workbook differ from the store"
import json, sys
out = sys.argv[1]
def load(name):
    d = {}
    for line in open(f"{out}/{name}", encoding="utf-8"):
        c = json.loads(line)
        if c["status"] != "withdrawn":
            d[(c["school"], c["item"])] = (c["quantity"], c["funds"])
    return d
a, b = load("claims.jsonl"), load("imported.jsonl")
assert a == b, (len(a), len(b), [k for k in a if a[k] != b.get(k)][:5])
print(f"{len(b)} claims imported, equal to the store")
PY
pass "a workbook LibreOffice wrote imports into an empty store with every claim equal"
"$TZPY" import --data "$E" "$OUT/lo-xlsx/claims.xlsx" > "$OUT/again.txt" || fail "the second import failed"
grep -q "新提交 0，替换 0，重新提交 0" "$OUT/again.txt" || { cat "$OUT/again.txt"; fail "a second import of the same file changed something"; }
pass "importing the same workbook again changes nothing"

# 3. GB18030 CSV as Chinese Excel saves it; then a file with one bad cell imports nothing.
SCODE=$(sed -n 2p "$D/schools.tsv" | cut -f1)
printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\r\n%s,1,-,1.5,0,0,0.0001\r\n' "$SCODE" | iconv -f UTF-8 -t GB18030 > "$OUT/gb.csv"
F="$WORK/fresh"; mkdir -p "$F"; cp "$E/catalog.tsv" "$E/campaign.tsv" "$E/schools.tsv" "$F/"; : > "$F/journal.tsv"
"$TZPY" import --data "$F" "$OUT/gb.csv" > "$OUT/gb.txt" || { cat "$OUT/gb.txt"; fail "GB18030 CSV did not import"; }
grep -q "新提交 1" "$OUT/gb.txt" || { cat "$OUT/gb.txt"; fail "GB18030 CSV did not submit its claim"; }
"$TZPY" claims --data "$F" --json > "$OUT/gb.jsonl"
grep -q '"total": "1.5001"' "$OUT/gb.jsonl" || fail "GB18030 import lost the 0.0001"
pass "a GB18030 CSV imports, 0.0001 万元 kept"
printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n%s,2,-,3,0,0,0\n%s,4.1,2,abc,0,0,0\n' "$SCODE" "$SCODE" > "$OUT/bad.csv"
before=$(wc -l < "$F/journal.tsv")
if "$TZPY" import --data "$F" "$OUT/bad.csv" > "$OUT/bad.txt"; then fail "a bad file was accepted"; fi
grep -qF "bad.csv:3：学校自筹：应为" "$OUT/bad.txt" || { cat "$OUT/bad.txt"; fail "the problem does not name bad.csv:3 and the field"; }
[ "$(wc -l < "$F/journal.tsv")" = "$before" ] || fail "a file with a problem wrote to the journal"
pass "a file with a bad cell is refused whole, with FILE:LINE in the message"
