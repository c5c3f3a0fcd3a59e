#!/usr/bin/env bash
# kill-import [TRIES]: an import is one batch, all or nothing (docs/formats.md §7, §11). A flat CSV with every
# claimable item of SCHOOLS new schools (default 2000: 132,000 rows, a 17 MB journal write) is imported
# into a copy of a fresh demo store TRIES times (default 20); each time a watcher (Python, polling the size)
# SIGKILLs the import when its journal, growing under the write, reaches a random size between the old and
# the full one (or, should it not grow that way, a random time within twice the write's duration). Afterwards the
# journal must hold either the events it had before or those plus the whole file (`tzpy log --json | wc -l`),
# `tzpy check` must report a clean store or only a torn tail, and the next write must set that tail aside.
# Prints how many tries left a partial batch, and exits 1 when any did.
# SCHOOLS=N sets the file's size; SEED=S replays the same kill delays.
source "$(dirname "$0")/../e2e/lib.sh"
TRIES=${1:-20}
SCHOOLS=${SCHOOLS:-2000}
SEED=${SEED:-$(( $(date +%s) % 32768 ))}
B="$WORK/base"
"$TZPY" demo "$B" --schools 30 --seed 9 >/dev/null
"$TZPY" claims --data "$B" --status pending --json > "$WORK/pending.jsonl"
read -r PSCHOOL PITEM < <(sed -E -n '1s/.*"school": "([0-9]+)", "item": "([^"]+)".*/\1 \2/p' "$WORK/pending.jsonl")
"$TZPY" log --data "$B" --json > "$WORK/log0.jsonl"
BEFORE=$(wc -l < "$WORK/log0.jsonl")

# The file: every claimable item (campaign open default) of SCHOOLS schools the store does not have.
python3 - "$B/catalog.tsv" "$WORK/big.csv" "$SCHOOLS" <<'PY'
import random, sys
catalog, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
items = [(f[1], f[2] != "-") for f in (l.rstrip("\n").split("\t") for l in open(catalog, encoding="utf-8")) if f[0] == "item" and f[3] == "yes"]
rnd = random.Random(n)
types, cities = ["中职学校", "专科高职院校", "本科高职院校", "其他主体"], ["济南市", "青岛市", "淄博市", "烟台市", "潍坊市"]
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("学校代码,学校名称,学校类型,所在市,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入\r\n")
    for s in range(n):
        school = "39%08d" % (s + 1)
        for code, countable in items:
            f.write(f"{school},压测第{s + 1}职业学校,{types[s % 4]},{cities[s % 5]},{code},{rnd.randint(1, 9) if countable else '-'},"
                    f"{rnd.randint(0, 99)},{rnd.randint(0, 9)},0,{rnd.randint(0, 9)}.{rnd.randint(0, 9)}\r\n")
PY
ROWS=$(( $(wc -l < "$WORK/big.csv") - 1 ))

# watch DIR MODE SEED MAX_US FINAL: runs the import. MODE measure: lets it finish and prints "write_us exit",
# write_us from the first growth of the journal to its last. MODE kill: once the journal starts to grow, SIGKILLs
# the import when the journal reaches a random size between its old and FINAL size (so the kill falls inside
# the write), or at the latest MAX_US µs after the growth began; prints "us_after_growth exit bytes_at_kill".
cat > "$WORK/watch.py" <<'PY'
import os, random, signal, subprocess, sys, time
tzpy, data, csv, mode, seed, max_us, final = sys.argv[1:8]
journal = os.path.join(data, "journal.tsv")
start = os.stat(journal).st_size
rnd = random.Random(int(seed))
target = start + 1 + int(rnd.random() * max(1, int(final) - start - 1))
p = subprocess.Popen([tzpy, "import", "--data", data, csv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
# Poll gently while the file is read and planned (the import needs the CPU), then closely once the new
# schools are saved: the journal write comes right after.
schools = os.path.join(data, "schools.tsv")
ino = os.stat(schools).st_ino
while os.stat(journal).st_size == start:
    if p.poll() is not None:
        print(-1, p.returncode, start); sys.exit(0)
    if os.stat(schools).st_ino == ino:
        time.sleep(0.001)
grew = time.perf_counter()
if mode == "measure":
    last, size = grew, os.stat(journal).st_size
    while p.poll() is None:
        s = os.stat(journal).st_size
        if s != size: size, last = s, time.perf_counter()
    print(int((last - grew) * 1e6), p.returncode, size); sys.exit(0)
deadline = grew + int(max_us) / 1e6
while True:
    size = os.stat(journal).st_size
    if size >= target or time.perf_counter() >= deadline:
        break
os.kill(p.pid, signal.SIGKILL)
at = time.perf_counter()
p.wait()
print(int((at - grew) * 1e6), p.returncode, size)
PY

# One import left alone: the file is clean, and how long its journal write takes here (to spread the kills).
cp -a "$B" "$WORK/whole"
read -r WRITE_US CODE FINAL < <(python3 "$WORK/watch.py" "$TZPY" "$WORK/whole" "$WORK/big.csv" measure 0 0 0)
[ "$CODE" -eq 0 ] || fail "the import without a kill failed ($([ "$CODE" = -9 ] && echo SIGKILL || echo "exit $CODE"))"
"$TZPY" log --data "$WORK/whole" --json > "$WORK/whole.jsonl"
[ "$(wc -l < "$WORK/whole.jsonl")" -eq $(( BEFORE + ROWS )) ] || fail "the import without a kill journalled $(( $(wc -l < "$WORK/whole.jsonl") - BEFORE )) events, not $ROWS"
rm -rf "$WORK/whole" "$WORK/whole.jsonl"
MAX_US=$(( WRITE_US * 2 + 1000 ))

partial=0 none=0 whole=0 missed=0 minp= maxp=
for (( t = 1; t <= TRIES; t++ )); do
  T="$WORK/try"
  rm -rf "$T"; cp -a "$B" "$T"
  read -r AT CODE SIZE < <(python3 "$WORK/watch.py" "$TZPY" "$T" "$WORK/big.csv" kill $(( SEED * 1000 + t )) "$MAX_US" "$FINAL")
  "$TZPY" log --data "$T" --json > "$WORK/log.jsonl" 2> "$WORK/log.err"
  AFTER=$(wc -l < "$WORK/log.jsonl")
  GOT=$(( AFTER - BEFORE ))
  if [ "$AT" -lt 0 ]; then missed=$((missed + 1)); AT=0; fi
  if [ "$GOT" -eq 0 ]; then none=$((none + 1)); what="nothing"
  elif [ "$GOT" -eq "$ROWS" ]; then whole=$((whole + 1)); what="the whole file"
  else
    partial=$((partial + 1)); what="PARTIAL: $GOT of $ROWS events"
    if [ -z "$minp" ] || (( GOT < minp )); then minp=$GOT; fi
    if [ -z "$maxp" ] || (( GOT > maxp )); then maxp=$GOT; fi
  fi
  code=0; "$TZPY" check --data "$T" > "$WORK/check" 2>&1 || code=$?
  if [ "$code" -eq 0 ]; then checked="check clean"
  elif grep -q "form no complete line or batch" "$WORK/check"; then checked="check: torn tail"
  else fail "try $t: tzpy check reports more than a torn tail: $(cat "$WORK/check")"; fi
  "$TZPY" decide --data "$T" --school "$PSCHOOL" --item "$PITEM" --approve > "$WORK/out" 2> "$WORK/err" || fail "try $t: the write after the kill failed: $(cat "$WORK/err")"
  "$TZPY" check --data "$T" > "$WORK/check" 2>&1 || fail "try $t: tzpy check after the next write: $(cat "$WORK/check")"
  echo "try $t: killed $(( AT / 1000 )).$(( AT % 1000 / 100 )) ms after the journal began to grow, at $SIZE of $FINAL bytes ($([ "$CODE" = -9 ] && echo SIGKILL || echo "exit $CODE")): $what; $checked, clean after the next write"
done
rm -rf "$WORK/try"
range=""; [ "$partial" -eq 0 ] || range=" ($minp–$maxp of $ROWS events)"
echo "kill-import: $TRIES tries of a $ROWS-row import (seed $SEED, each killed when the journal reached a random size on the way to its $FINAL bytes, $(( WRITE_US / 1000 )) ms of writing unkilled), $partial left a partial batch$range, $none nothing, $whole the whole file ($missed finished before the watcher saw the write); every try clean after the next write"
if [ "$partial" -gt 0 ]; then
  echo "FAIL: $partial of $TRIES imports killed during their journal write left part of the batch (all or nothing broken)" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
