#!/usr/bin/env bash
# End-to-end: the Ministry's cross-province tables in DuckDB (docs/operations.md, "The country").
# Three generated provinces export their claims as CSV; DuckDB (the Python package, which .ci/run installs)
# loads them with the SQL of docs/operations.md, taken from that page, and 分省承接任务数量汇总表 must give each
# province's 任务数量, item count and money exactly as `tzpy totals --json` of that province does;
# 分任务承接省份一览表 must add up to the same claims.
source "$(dirname "$0")/lib.sh"
python3 -c 'import duckdb' 2>/dev/null || fail "the duckdb Python package is not installed; .ci/run installs it"
EXPORTS="$WORK/exports"; mkdir -p "$EXPORTS"
n=0
for spec in "省甲 40 3" "省乙 25 8" "省丙 60 21"; do
  read -r name schools seed <<<"$spec"
  "$TZPY" demo "$WORK/$name" --schools "$schools" --seed "$seed" >/dev/null
  "$TZPY" export --data "$WORK/$name" --report claims --format csv --out "$EXPORTS/$name.csv" >/dev/null
  # (Outputs go to files before they are read: under pipefail, a reader that stops early would kill the writer.)
  "$TZPY" totals --data "$WORK/$name" --json > "$WORK/$name.totals.json"
  n=$((n + 1))
done
pass "$n provinces exported their claims"

python3 - "$ROOT/docs/operations.md" "$WORK" <<'PY' || fail "DuckDB's cross-province tables differ from tzpy totals"
import json, os, re, sys
from decimal import Decimal
import duckdb

doc, work = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
def sql(tag):
    """The SQL block that follows <!-- duckdb:TAG --> in operations.md: the test runs the documented SQL."""
    m = re.search(r"<!-- duckdb:" + tag + r" -->\s*```sql\n(.*?)```", doc, re.S)
    assert m, f"no duckdb:{tag} block in operations.md"
    return "\n".join(line[3:] if line.startswith("   ") else line for line in m.group(1).splitlines())

os.chdir(work)
db = duckdb.connect()
db.execute(sql("load"))
def table(tag):
    cur = db.execute(sql(tag))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]

provinces = table("provinces")
assert [p["省份"] for p in provinces] == ["省丙", "省乙", "省甲"], [p["省份"] for p in provinces]
parts = {"汇总": "total", "学校自筹": "self", "行业企业投入": "industry", "举办方投入": "sponsor", "地市县投入": "local"}
for p in provinces:
    t = json.load(open(f"{p['省份']}.totals.json", encoding="utf-8"))["province"]
    assert p["任务数量"] == t["intended"]["tasks"], (p["省份"], p["任务数量"], t["intended"]["tasks"])
    assert p["承接条目数"] == t["intended"]["claims"], (p["省份"], p["承接条目数"], t["intended"]["claims"])
    for column, key in parts.items():
        assert p[column] == Decimal(t["intended"][key]), (p["省份"], column, p[column], t["intended"][key])
    assert p["已通过任务数量"] == t["approved"]["tasks"], (p["省份"], "approved tasks")
    assert p["已通过条目数"] == t["approved"]["claims"], (p["省份"], "approved claims")
    assert p["已通过汇总"] == Decimal(t["approved"]["total"]), (p["省份"], "approved total")
    assert p["承接条目数"] > 100 and p["已通过条目数"] > 0, p

tasks = table("tasks")
assert sum(t["承接条目数"] for t in tasks) == sum(p["承接条目数"] for p in provinces)
assert sum(t["汇总"] for t in tasks) == sum(p["汇总"] for p in provinces)
assert all(1 <= t["承接省份数"] <= 3 and len(t["承接省份"].split("、")) == t["承接省份数"] for t in tasks)
assert any(t["承接省份数"] == 3 for t in tasks)
print(f"  {len(provinces)} provinces, {len(tasks)} tasks, {sum(p['承接条目数'] for p in provinces)} claims")
PY
pass "分省承接任务数量汇总表 equals each province's tzpy totals (任务数量, items, the four funds and 汇总, 已通过)"
pass "分任务承接省份一览表 adds up to the same claims and money"
