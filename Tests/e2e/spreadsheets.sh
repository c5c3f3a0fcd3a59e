#!/usr/bin/env bash
# End-to-end: real spreadsheet software and tzpy agree.
# 1. LibreOffice (headless) reads tzpy's .xlsx exports; every value it shows is compared with the store.
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

for r in claims items schools returns; do "$TZPY" export --data "$D" --report "$r" --out "$OUT/$r.xlsx" >/dev/null; done
"$TZPY" export --data "$D" --report school --school "$SCHOOL" --out "$OUT/school.xlsx" >/dev/null
to_csv() { soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$OUT/lo" "$@" >/dev/null 2>&1; }
to_csv "$OUT"/claims.xlsx "$OUT"/items.xlsx "$OUT"/schools.xlsx "$OUT"/returns.xlsx "$OUT"/school.xlsx
for r in claims items schools returns school; do [ -s "$OUT/lo/$r.csv" ] || fail "LibreOffice did not convert $r.xlsx"; done
pass "LibreOffice opens every exported workbook"

"$TZPY" claims --data "$D" --json > "$OUT/claims.jsonl"
"$TZPY" totals --data "$D" --by item --json > "$OUT/items.json"
python3 - "$OUT" "$SCHOOL" <<'PY' || fail "LibreOffice's view of the exports differs from the store"
import csv, json, sys
from decimal import Decimal
out, school = sys.argv[1], sys.argv[2]
def rows(name):
    with open(f"{out}/lo/{name}.csv", encoding="utf-8") as f:
        return list(csv.reader(f))
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
print(f"checked {seen} claims, {len(items)} items, {len(ret)} returns, {len(table)} rows of school {school}")
PY
pass "every value LibreOffice reads from the exports equals the store"

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
