#!/usr/bin/env bash
# End-to-end: text from schools' files and from people never reaches a reviewer's terminal as control
# characters. A school's CSV whose file name and cells carry terminal escapes (retitle the window, clear the
# screen, move the cursor up), a C1 CSI (U+009B) and a bidi override (U+202E) is imported — once refused,
# once accepted as a new school — a claim is returned with such a comment, and every command that shows that
# text (import, decide, log, log --json, claims, totals, export, a read-only warning) is checked byte by byte:
# no ESC, no BEL, no C1 CSI, no U+202E, valid UTF-8, and each problem on one line.
source "$(dirname "$0")/lib.sh"
D="$WORK/store"
"$TZPY" demo "$D" --schools 5 --seed 1 >/dev/null
OUT="$WORK/out"; mkdir -p "$OUT"
IN="$WORK/in"; mkdir -p "$IN"

# The attack: OSC 0 (window title) ended by BEL, clear screen, cursor up, C1 CSI (C2 9B) + SGR, RLO (E2 80 AE).
HOSTILE=$(printf '\033]0;pwned\a\033[2J\033[1A\302\23331m\342\200\256')
SCODE=$(sed -n 2p "$D/schools.tsv" | cut -f1)
NEWCODE=3799999001
grep -q "^$NEWCODE" "$D/schools.tsv" && fail "the demo store already has school $NEWCODE"

# A refused file: hostile 序号, money and 汇总 cells (one quoted with a line break in it), hostile file name.
BAD="$IN/${HOSTILE}坏.csv"
printf '学校代码,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入,汇总\n%s,%s,-,1,0,0,0,\n%s,1,-,%s,0,0,0,\n%s,2,-,1,0,0,0,"%s\n✓ 全部导入成功"\n' \
  "$SCODE" "$HOSTILE" "$SCODE" "$HOSTILE" "$SCODE" "$HOSTILE" > "$BAD"
# An accepted file: a new school whose name is hostile, under a hostile file name.
GOOD="$IN/${HOSTILE}好.csv"
printf '学校代码,学校名称,学校类型,所在市,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\n%s,%s学校,中职学校,济南市,1,-,1,2,3,4\n' \
  "$NEWCODE" "$HOSTILE" > "$GOOD"
# A directory holding a file whose name is not valid UTF-8 (byte FF).
RAW="$WORK/raw"; mkdir -p "$RAW"
cp "$BAD" "$RAW/$(printf 'x\377y').csv"

if "$TZPY" import --data "$D" "$BAD" > "$OUT/import-bad.out" 2> "$OUT/import-bad.err"; then fail "the hostile file was accepted"; fi
"$TZPY" import --data "$D" "$GOOD" > "$OUT/import-good.out" 2> "$OUT/import-good.err" || { cat "$OUT/import-good.out" "$OUT/import-good.err"; fail "the hostile-named school was refused"; }
"$TZPY" import --data "$D" "$RAW" > "$OUT/import-raw.out" 2> "$OUT/import-raw.err" || true

# A return whose comment carries the attack and a line break; then the same decision again (a conflict).
"$TZPY" claims --data "$D" --status pending --json > "$OUT/pending.jsonl"
read -r PS PI < <(python3 -c 'import json,sys; c=json.loads(open(sys.argv[1]).readline()); print(c["school"], c["item"])' "$OUT/pending.jsonl")
COMMENT="经费${HOSTILE}不完整
✓ 已通过"
"$TZPY" decide --data "$D" --school "$PS" --item "$PI" --return "$COMMENT" > "$OUT/decide.out" 2> "$OUT/decide.err" || { cat "$OUT/decide.err"; fail "decide --return failed"; }
if "$TZPY" decide --data "$D" --school "$PS" --item "$PI" --return "$COMMENT" > "$OUT/conflict.out" 2> "$OUT/conflict.err"; then fail "a second decision was accepted"; fi

"$TZPY" log --data "$D" > "$OUT/log.out" 2> "$OUT/log.err"
"$TZPY" log --data "$D" --json > "$OUT/log-json.out" 2> "$OUT/log-json.err"
"$TZPY" claims --data "$D" > "$OUT/claims.out" 2> "$OUT/claims.err"
"$TZPY" claims --data "$D" --json > "$OUT/claims-json.out" 2> "$OUT/claims-json.err"
"$TZPY" totals --data "$D" --by school > "$OUT/totals.out" 2> "$OUT/totals.err"
# Messages that print a path given on the command line go through the same choke point (tzpy's print).
"$TZPY" demo "$WORK/${HOSTILE}demo" --schools 1 > "$OUT/demo.out" 2> "$OUT/demo.err"
"$TZPY" check --data "$WORK/${HOSTILE}demo" > "$OUT/check.out" 2> "$OUT/check.err"
"$TZPY" export --data "$D" --report returns --out "$OUT/${HOSTILE}.csv" > "$OUT/export.out" 2> "$OUT/export.err"
# A journal line whose time field carries the attack: the store opens read-only, and the reason quotes it.
R="$WORK/readonly"; cp -r "$D" "$R"
printf '999\t%s\tzhangwei\t%s\t%s\t1\treturned\tpending\t1\t-\t-\t-\t-\t-\tx\t0000000000000000\n' "$HOSTILE" "$PS" "$PI" >> "$R/journal.tsv"
"$TZPY" claims --data "$R" > "$OUT/readonly.out" 2> "$OUT/readonly.err" || true
# A return recorded under a hostile actor name, chained as the store would write it (open verifies the chain):
# deciding that claim again is a conflict whose message names that actor.
C="$WORK/actor"; cp -r "$D" "$C"
"$TZPY" claims --data "$C" --status pending --json > "$OUT/pending2.jsonl"
"$TZPY" log --data "$C" --json > "$OUT/before.jsonl"
python3 - "$OUT/pending2.jsonl" "$OUT/before.jsonl" "$HOSTILE" "$C/journal.tsv" >> "$C/journal.tsv" <<'PY'
import hashlib, json, os, sys
previous = open(sys.argv[4], "rb").read().rstrip(b"\n").split(b"\n")[-1].split(b"\t")[-1]
claim = json.loads(open(sys.argv[1]).readline())
events = [json.loads(l) for l in open(sys.argv[2])]
basis = max(e["seq"] for e in events if e["school"] == claim["school"] and e["item"] == claim["item"])
actor = os.fsencode(sys.argv[3]).decode()
fields = [str(events[-1]["seq"] + 1), "2020-12-01T06:15:00Z", actor, claim["school"], claim["item"], str(claim["round"]),
          "returned", "pending", str(basis), "-", "-", "-", "-", "-", "经费不完整"]
body = ("\t".join(fields) + "\t").encode("utf-8", "surrogateescape")
sys.stdout.flush()
sys.stdout.buffer.write(body + hashlib.sha256(previous + b"\t" + body).hexdigest()[:16].encode() + b"\n")
print(claim["school"], claim["item"], file=open(sys.argv[1] + ".key", "w"))
PY
read -r AS AI < "$OUT/pending2.jsonl.key"
st=0; "$TZPY" decide --data "$C" --school "$AS" --item "$AI" --approve > "$OUT/actor.out" 2> "$OUT/actor.err" || st=$?
[ "$st" = 3 ] || { cat "$OUT/actor.err"; fail "deciding a claim another actor decided exited $st, not 3"; }
"$TZPY" log --data "$C" > "$OUT/actor-log.out" 2> "$OUT/actor-log.err"

python3 - "$OUT" "$HOSTILE" "$PS" "$PI" "$NEWCODE" <<'PY' || fail "hostile text reached the terminal"
import glob, json, os, sys
out, hostile, school, item, newcode = sys.argv[1:6]
hostile = os.fsencode(hostile).decode("utf-8")
bad = {b"\x1b": "ESC", b"\x07": "BEL", b"\xc2\x9b": "C1 CSI U+009B", b"\xe2\x80\xae": "U+202E"}
problems = []
for path in sorted(glob.glob(f"{out}/*.out") + glob.glob(f"{out}/*.err")):
    data = open(path, "rb").read()
    name = os.path.basename(path)
    for seq, what in bad.items():
        if seq in data:
            problems.append(f"{name}: {what} at byte {data.index(seq)}: {data[max(0, data.index(seq) - 40):data.index(seq) + 20]!r}")
    try:
        data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        problems.append(f"{name}: not valid UTF-8: {e}")
assert not problems, "\n".join(problems)

def text(name):
    return open(f"{out}/{name}", encoding="utf-8").read()
shown = r"\e]0;pwned\u{07}\e[2J\e[1A\u{9B}31m\u{202E}"
# The refused file: its name and cells are shown, escaped; every problem stays on one line.
bad_out = text("import-bad.out")
assert shown + "坏.csv" in bad_out, bad_out
lines = bad_out.splitlines()
head = [l for l in lines if l.startswith("✗ ")]
assert len(head) == 1, lines
count = int(head[0].split("：")[1].split(" ")[0])
problem_lines = [l for l in lines if l.startswith("  ")]
assert count == len(problem_lines) >= 3, (count, lines)
assert all(l.startswith("✗ ") or l.startswith("  ") or l.startswith("合计") for l in lines), lines
assert not any(l.startswith("✓") for l in lines), lines
assert any("实际为「" + shown in l for l in problem_lines), problem_lines
assert any(r"\n✓ 全部导入成功" in l for l in problem_lines), problem_lines
# The accepted file and its school.
good_out = text("import-good.out")
assert good_out.startswith("✓ ") and shown + "好.csv" in good_out, good_out
# (The tables cut 学校名称 at 20 and 24 columns: the start of the escaped name shows.)
for name in ("claims.out", "totals.out"):
    row = [l for l in text(name).splitlines() if l.startswith(newcode)]
    assert len(row) == 1 and newcode + r"  \e]0;pwned\u{07}\e[" in row[0], (name, row)
# The file whose name is not UTF-8 is named with U+FFFD (Foundation decodes the name with replacement, so the
# file is then not found: such a file cannot be imported, but its name cannot reach the terminal either).
raw = text("import-raw.out")
assert "✗ " in raw and "\ufffd" in raw, raw
# The comment reaches the journal cleaned, as the store keeps every comment (CommentText: C0 controls become
# spaces, CR LF one; DEL, C1 and bidi controls are dropped; trimmed), and is shown so, on one line.
def clean(t):
    t = t.replace("\r\n", "\n")
    out = "".join(" " if ord(c) < 0x20 else "" if ord(c) == 0x7F or 0x80 <= ord(c) <= 0x9F or c in "\u061c\u200e\u200f" or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 else c for c in t)
    return out.strip(" \t\n\r\u00a0\u3000")
comment = clean("经费" + hostile + "不完整\n✓ 已通过")
assert comment in text("log.out"), text("log.out")
assert not any(l.startswith("✓") for l in text("log.out").splitlines())
assert comment in text("claims.out"), text("claims.out")
assert "已记录" in text("decide.out"), text("decide.out")
assert text("conflict.err").startswith("tzpy: ") and len(text("conflict.err").splitlines()) == 1, text("conflict.err")
# log --json is valid JSON that decodes back to the very text the journal holds.
events = [json.loads(l) for l in text("log-json.out").splitlines()]
comments = [e["comment"] for e in events if e["school"] == school and e["item"] == item and e["kind"] == "returned"]
assert comments and comments[-1] == comment, comments[-1:]
assert any(e["comment"] == clean("导入 " + f"{os.path.dirname(out)}/in/{hostile}好.csv") for e in events), [e["comment"] for e in events][-3:]
claims = [json.loads(l) for l in text("claims-json.out").splitlines()]
assert any(c["comment"] == comment for c in claims)
# The read-only warning, the hostile actor's conflict, and the export message.
assert "只读" in text("readonly.err") and shown in text("readonly.err") and text("readonly.err").count("\n") == 1, text("readonly.err")
assert text("actor.err").startswith("tzpy: 冲突：") and shown + " 已于" in text("actor.err") and text("actor.err").count("\n") == 1, text("actor.err")
assert shown in text("actor-log.out"), text("actor-log.out")
assert shown + ".csv" in text("export.out"), text("export.out")
assert shown + "demo" in text("demo.out") and shown + "demo" in text("check.out"), (text("demo.out"), text("check.out"))
print(f"checked {len(glob.glob(out + '/*.out')) + len(glob.glob(out + '/*.err'))} outputs")
PY
pass "no terminal control from files or comments reaches stdout or stderr; the text is shown escaped, one line each"
