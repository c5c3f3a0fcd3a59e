#!/usr/bin/env bash
# End-to-end: read-only access. A user with read permission only (group read on a store they do not own)
# and a read-only mount both run every read command and open the console, which says 只读 and why;
# decide is refused with a message, and the journal is byte-identical afterwards. (The old store opened
# the journal for writing just to take its lock: "Permission denied" for every command.)
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" -eq 0 ] || { echo "skip: needs root (a second Unix user, a tmpfs)"; exit 0; }
RO_USER=tzpy-e2e-ro
MNT="$WORK/mnt"
cleanup_ro() {
  mountpoint -q "$MNT" 2>/dev/null && umount "$MNT"
  id "$RO_USER" >/dev/null 2>&1 && userdel "$RO_USER"
  cleanup
}
trap cleanup_ro EXIT
id "$RO_USER" >/dev/null 2>&1 || useradd --no-create-home --user-group --shell /usr/sbin/nologin "$RO_USER"

# 1. A colleague with group read access to a store owned by someone else.
D="$WORK/store"
"$TZPY" demo "$D" --schools 8 --seed 4 >/dev/null
# Even as a province account, a user who is not the data dir's owner cannot write its files.
"$TZPY" accounts add "$RO_USER" --role province --data "$D" >/dev/null
chgrp -R "$RO_USER" "$D"
SCHOOL=$("$TZPY" claims --data "$D" --status pending --json | sed -n '1s/.*"school": "\([0-9]*\)".*/\1/p')
ITEM=$("$TZPY" claims --data "$D" --status pending --json | sed -n '1s/.*"item": "\([^"]*\)".*/\1/p')
cp "$D/journal.tsv" "$WORK/journal.before"
AS_RO=(runuser -u "$RO_USER" --)
"${AS_RO[@]}" "$TZPY" totals --data "$D" > "$WORK/totals.out" 2>&1 || fail "totals as a read-only user: $(cat "$WORK/totals.out")"
grep -q "意向承接" "$WORK/totals.out" || fail "totals printed no figures"
"${AS_RO[@]}" "$TZPY" claims --data "$D" --json > "$WORK/claims.out" || fail "claims as a read-only user"
[ "$(wc -l < "$WORK/claims.out")" -gt 50 ] || fail "claims listed too few rows"
"${AS_RO[@]}" "$TZPY" log --data "$D" --json > "$WORK/log.out" || fail "log as a read-only user"
"${AS_RO[@]}" "$TZPY" export --data "$D" --report claims --out - > "$WORK/claims.xlsx" 2>/dev/null || fail "export --out - as a read-only user"
python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).testzip()' "$WORK/claims.xlsx" || fail "the export is not a whole workbook"
pass "a user with read permission only runs totals, claims, log and export"

code=0
"${AS_RO[@]}" "$TZPY" decide --data "$D" --school "$SCHOOL" --item "$ITEM" --approve > "$WORK/decide.out" 2>&1 || code=$?
[ "$code" -eq 1 ] || fail "decide as a read-only user exited $code: $(cat "$WORK/decide.out")"
grep -q "只读" "$WORK/decide.out" || fail "the refusal does not say why: $(cat "$WORK/decide.out")"
cmp -s "$D/journal.tsv" "$WORK/journal.before" || fail "the journal changed"
pass "decide is refused with the reason, the journal is byte-identical"

start ro 100 30 "${AS_RO[*]}" "$TZPY" review --data "$D"
wait_for ro "学校列表"
wait_for ro "[只读]"
keys ro q y
wait_for ro "EXITED 0"
pass "the console opens read-only and says so"

# 2. A read-only mount.
mkdir -p "$MNT"
mount -t tmpfs -o size=16m tmpfs "$MNT"
"$TZPY" demo "$MNT/store" --schools 8 --seed 4 >/dev/null
mount -o remount,ro "$MNT"
"$TZPY" totals --data "$MNT/store" > "$WORK/ro-totals.out" 2>&1 || fail "totals on a read-only mount: $(cat "$WORK/ro-totals.out")"
grep -q "只读打开" "$WORK/ro-totals.out" || fail "totals does not say the store is read-only: $(cat "$WORK/ro-totals.out")"
grep -q "意向承接" "$WORK/ro-totals.out" || fail "totals on a read-only mount printed no figures"
code=0
"$TZPY" decide --data "$MNT/store" --school "$SCHOOL" --item "$ITEM" --approve > "$WORK/ro-decide.out" 2>&1 || code=$?
[ "$code" -eq 1 ] || fail "decide on a read-only mount exited $code"
grep -q "Read-only file system" "$WORK/ro-decide.out" || fail "the refusal does not name the cause: $(cat "$WORK/ro-decide.out")"
start mount 100 30 "$TZPY" review --data "$MNT/store"
wait_for mount "[只读]"
keys mount q y
wait_for mount "EXITED 0"
pass "a read-only mount: totals and the console work, decide names the cause"
echo "1 passed, 0 failed"
