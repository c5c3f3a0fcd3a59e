#!/usr/bin/env bash
# End-to-end: shared mode through a real sshd (gitolite's pattern). One Unix service account, tzpy-svc, owns the
# data dir; every person logs in as it with their own key, whose authorized_keys line forces
# `tzpy gate --data DIR NAME`. The test checks that
# - the actor of every event written through the gate is the key's NAME (zhang, li), not tzpy-svc;
# - the remote command is never given to a shell, and gate/init/demo, --data, --actor, export to a server file
#   and import of a server file are refused with nothing written;
# - roles hold: a viewer and a removed account's leftover key read but cannot write, a school sees only itself;
# - files cross the gate on stdin/stdout: an xlsx export LibreOffice opens, a CSV and an xlsx import;
# - the console works over `ssh -tt` with LANG unset, and its approval is journalled as zhang;
# - the data dir stays owned by tzpy-svc, 0750/0640.
# Needs root (it creates and removes the user tzpy-svc and runs sshd on a free loopback port), openssh-server,
# openssh-client, tmux and LibreOffice (.ci/run installs them), and `swift build` first.
source "$(dirname "$0")/lib.sh"
eval "lib_$(declare -f fail)"
fail() {
  if [ -s "$WORK/sshd.log" ]; then echo "--- last lines of sshd.log:" >&2; tail -n 15 "$WORK/sshd.log" >&2; fi
  lib_fail "$@"
}
[ "$(id -u)" -eq 0 ] || fail "gate.sh must run as root: it creates the service account tzpy-svc and starts sshd"
[ -x /usr/sbin/sshd ] || fail "/usr/sbin/sshd is missing (openssh-server); .ci/run installs it"
command -v ssh >/dev/null || fail "ssh is missing (openssh-client); .ci/run installs it"
command -v soffice >/dev/null || fail "soffice (libreoffice-calc-nogui) is not installed; .ci/run installs it"
[ -x "$TZPY" ] || fail "$TZPY is missing: run swift build first"
cd "$WORK"                                 # a directory tzpy-svc may enter
export HOME="$WORK/home"; mkdir -p "$HOME"  # LibreOffice's profile
unset SSH_AUTH_SOCK TZPY_DATA TZPY_HOME
OUT="$WORK/out"; mkdir -p "$OUT"

SVC=tzpy-svc
SVC_HOME="$WORK/svc"
SSHD_PID=
SVC_MADE=
gate_cleanup() {
  tmux -L "$SOCK" kill-server 2>/dev/null || true
  if [ -n "$SSHD_PID" ]; then
    pkill -P "$SSHD_PID" 2>/dev/null || true   # the connections' sshd processes, children of the listener
    kill "$SSHD_PID" 2>/dev/null || true
    wait "$SSHD_PID" 2>/dev/null || true
  fi
  if [ -n "$SVC_MADE" ]; then
    local i
    for i in 1 2 3 4 5 6 7 8 9 10; do userdel -r "$SVC" 2>/dev/null && break; sleep 0.3; done
    id "$SVC" >/dev/null 2>&1 && echo "warning: could not remove the user $SVC" >&2
  fi
  cleanup
}
trap gate_cleanup EXIT

# 1. The service account, a copy of tzpy it may run, and a key for each person.
# One run at a time on a machine (the user name is fixed): wait for another run's lock; with it held, a tzpy-svc
# whose home is a test dir is the leftover of a run that was killed before its cleanup.
exec 9>/tmp/tzpy-e2e-gate.lock
flock -w 120 9 || fail "another Tests/e2e/gate.sh has held /tmp/tzpy-e2e-gate.lock for 2 minutes"
if id "$SVC" >/dev/null 2>&1; then
  old=$(getent passwd "$SVC" | cut -d: -f6)
  case "$old" in
    /tmp/tzpy-e2e.*/svc) userdel -r "$SVC" 2>/dev/null || userdel "$SVC" || fail "cannot remove the $SVC left by an earlier run" ;;
    *) fail "a user $SVC exists (home $old) that this test did not create; not touching it" ;;
  esac
fi
useradd --home-dir "$SVC_HOME" --create-home --shell /bin/sh --user-group "$SVC"
SVC_MADE=1
usermod -p '*' "$SVC"   # no password, but not locked: under UsePAM no, sshd refuses key logins to a '!' account
chmod 755 "$SVC_HOME"

BIN="$WORK/bin/tzpy"     # the checkout may be where tzpy-svc cannot go (/root): copy the binary and Data/ beside it
mkdir -p "$WORK/bin"
cp "$TZPY" "$BIN"
cp -R "$ROOT/Data" "$WORK/bin/Data"
chmod -R a+rX "$WORK/bin"
svc() { runuser -u "$SVC" -- "$BIN" "$@"; }

K="$WORK/keys"; mkdir -p "$K"
for who in zhang li wang zhao mallory probe; do ssh-keygen -q -t ed25519 -N '' -C "$who@tzpy-e2e" -f "$K/$who"; done
chmod 644 "$K"/*.pub

install -d -m 700 -o "$SVC" -g "$SVC" "$SVC_HOME/.ssh"
AK="$SVC_HOME/.ssh/authorized_keys"
# The harness's own key: a forced command that is not tzpy, so a failure here is sshd's, not the gate's.
echo "command=\"echo harness-ok\",restrict $(cat "$K/probe.pub")" > "$AK"
chown "$SVC:$SVC" "$AK"; chmod 600 "$AK"

# 2. sshd on a free loopback port, with its own host key, config and pid file.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$WORK/sshd" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$WORK/sshd/host_ed25519"
CFG="$WORK/sshd/sshd_config"
cat > "$CFG" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $WORK/sshd/host_ed25519
PidFile $WORK/sshd/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
StrictModes yes
PermitRootLogin no
AllowUsers $SVC
AcceptEnv LANG LC_*
PrintMotd no
PrintLastLog no
LogLevel VERBOSE
EOF
/usr/sbin/sshd -t -f "$CFG" 2>"$WORK/sshd.log" || fail "sshd rejects its config"
/usr/sbin/sshd -f "$CFG" -D -e 2>"$WORK/sshd.log" 9>&- &
SSHD_PID=$!
up=
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { up=1; break; }
  kill -0 "$SSHD_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$up" ] || fail "sshd did not answer on 127.0.0.1:$PORT"

# as WHO ARGS...: ssh in with WHO's key; ssh joins ARGS into the remote command line the gate receives.
as() {
  local who=$1; shift
  ssh -F /dev/null -i "$K/$who" -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile="$WORK/known_hosts" \
    -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR "$SVC@127.0.0.1" "$@"
}
# call WHO COMMAND: as WHO, stdin from $IN (default /dev/null); stdout in $OUT/out, stderr in $OUT/err, exit status in RC.
call() { RC=0; as "$@" <"${IN:-/dev/null}" >"$OUT/out" 2>"$OUT/err" || RC=$?; }
said() { echo "exit $RC; stdout: $(head -c 400 "$OUT/out" | tr -d '\000-\010\013-\037'); stderr: $(head -c 400 "$OUT/err" | tr -d '\000-\010\013-\037')"; }

call probe id
[ "$RC" -eq 0 ] && [ "$(cat "$OUT/out")" = "harness-ok" ] || fail "key login with a forced command does not work: $(said)"
pass "sshd on 127.0.0.1:$PORT logs tzpy-svc in by key and runs the key's forced command instead of the one asked for"

# The data dir, made by the service account; the people's accounts; their authorized_keys lines.
D="$SVC_HOME/data"
svc demo "$D" --schools 20 --seed 3 >/dev/null || fail "tzpy demo as $SVC failed"
svc accounts list --data "$D" --json > "$OUT/accounts.jsonl" || fail "tzpy accounts list failed"
grep -qE "\"$SVC\".*\"province\"|\"province\".*\"$SVC\"" "$OUT/accounts.jsonl" || { cat "$OUT/accounts.jsonl"; fail "the creator $SVC is not a province account"; }
SCHOOL1=$(awk -F'\t' 'length($1) == 10 && $1 ~ /^[0-9]+$/ { print $1; exit }' "$D/schools.tsv")
[ -n "$SCHOOL1" ] || fail "no school in schools.tsv"
svc accounts add zhang --role province --display 张伟 --data "$D" >/dev/null || fail "accounts add zhang failed"
svc accounts add li --role province --display 李娜 --data "$D" >/dev/null || fail "accounts add li failed"
svc accounts add wang --role viewer --display 王芳 --data "$D" >/dev/null || fail "accounts add wang failed"
svc accounts add zhao --role school --school "$SCHOOL1" --display 赵老师 --data "$D" >/dev/null || fail "accounts add zhao failed"
svc accounts add mallory --role province --data "$D" >/dev/null || fail "accounts add mallory failed"
for who in zhang li wang zhao mallory; do
  svc accounts key "$who" "$K/$who.pub" --data "$D" > "$OUT/key-$who" || fail "accounts key $who failed"
  [ "$(wc -l < "$OUT/key-$who")" -eq 1 ] || { cat "$OUT/key-$who"; fail "accounts key $who printed more than one line"; }
  line=$(cat "$OUT/key-$who")
  [[ "$line" == "command=\"$BIN gate --data $D $who\",restrict,pty ssh-ed25519 "* ]] || fail "unexpected key line for $who: $line"
  [[ "$line" == *"$(cut -d' ' -f2 "$K/$who.pub")"* ]] || fail "the key line for $who does not hold $who's key"
  cat "$OUT/key-$who" >> "$AK"
done
# mallory's account is removed, but the key line stays behind in authorized_keys: a name not in accounts.tsv.
svc accounts remove mallory --data "$D" >/dev/null || fail "accounts remove mallory failed"
svc accounts list --data "$D" --json > "$OUT/accounts.jsonl"
grep -q '"mallory"' "$OUT/accounts.jsonl" && fail "mallory is still listed after accounts remove"
pass "tzpy accounts (as $SVC) adds the accounts and prints each one's forced-command authorized_keys line"

# What the server side sees, always read as the service account (root would leave root-owned files behind).
# snapshot: every name, mode, owner and content in the data dir (what "nothing written" compares).
snapshot() { find "$1" -printf '%P %m %u\n' | sort; find "$1" -type f -exec sha256sum {} + | sort; }
events() { svc log --data "$D" --json | wc -l; }
# events: how many events the journal holds; new_events N: those after the first N, as "actor school item kind comment" lines.
new_events() {
  svc log --data "$D" --json > "$OUT/log.jsonl" || fail "tzpy log as $SVC failed"
  python3 - "$OUT/log.jsonl" "$1" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
for line in lines[int(sys.argv[2]):]:
    e = json.loads(line)
    print(e["actor"], e["school"], e["item"], e["kind"], e.get("comment") or "-")
PY
}
svc claims --data "$D" --json > "$OUT/all.jsonl"
svc claims --data "$D" --status pending --json > "$OUT/pending.jsonl"
# Four pending claims of four schools other than SCHOOL1, and one of SCHOOL1's pending claims.
read -r S1 I1 S2 I2 S3 I3 S4 I4 PS < <(python3 - "$OUT/pending.jsonl" "$SCHOOL1" <<'PY'
import json, sys
picked, mine = [], None
for line in open(sys.argv[1], encoding="utf-8"):
    c = json.loads(line)
    if c["school"] == sys.argv[2]:
        mine = mine or c["item"]
    elif "." in c["item"] and c["school"] not in [s for s, _ in picked] and len(picked) < 4:
        picked.append((c["school"], c["item"]))
print(*[x for p in picked for x in p], mine or "")
PY
)
[ -n "${PS:-}" ] || fail "the demo store lacks four other schools' pending claims and a pending claim of $SCHOOL1"
BASE=$(events)

# refused WHO COMMAND WHAT: the gate refuses COMMAND itself: exit 1 or 2, a message on stderr, the data dir unchanged.
refused() {
  local who=$1 cmd=$2 what=$3 before
  before=$(snapshot "$D")
  call "$who" "$cmd"
  { [ "$RC" -eq 1 ] || [ "$RC" -eq 2 ]; } || fail "$what: $who's '$cmd' was not refused with exit 1 or 2: $(said)"
  [ -s "$OUT/err" ] || fail "$what: refused without a message on stderr"
  [ "$(snapshot "$D")" = "$before" ] || fail "$what: the data dir changed"
}
# denied WHO COMMAND WHAT MESSAGE: the store refuses the write: exit ≠ 0, MESSAGE in the output (stderr; import
# prints its per-file problems on stdout), the data dir unchanged.
denied() {
  local who=$1 cmd=$2 what=$3 msg=$4 before
  before=$(snapshot "$D")
  call "$who" "$cmd"
  [ "$RC" -ne 0 ] && [ "$RC" -ne 255 ] || fail "$what: $who's '$cmd' was not refused: $(said)"
  cat "$OUT/out" "$OUT/err" | grep -qF -- "$msg" || fail "$what: the message does not mention $msg: $(said)"
  [ "$(snapshot "$D")" = "$before" ] || fail "$what: the data dir changed"
}

# 3. Through the gate a key acts as its NAME.
call zhang whoami
[ "$RC" -eq 0 ] && [[ "$(cat "$OUT/out")" == "zhang（张伟）"* ]] || fail "whoami through zhang's key is not zhang (张伟): $(said)"
pass "whoami through zhang's key answers zhang（张伟）"

# No shell, ever: the remote command line is split into words and must start with a tzpy subcommand.
M="$SVC_HOME/pwned"     # where an interpreted command would leave a trace (tzpy-svc may write there)
refused zhang "sh -c id" "sh -c"
grep -q "uid=" "$OUT/out" "$OUT/err" && fail "id ran through the gate"
refused zhang "id" "a bare id"
for cmd in "sh -c 'touch $M'" "claims; touch $M" "claims && touch $M" "claims || touch $M" "claims | touch $M" \
           "claims \$(touch $M)" "claims \`touch $M\`" "claims > $M" "claims
touch $M" "claims --json; id" "totals \$(id)"; do
  before=$(snapshot "$D")
  call zhang "$cmd"
  [ "$RC" -ne 0 ] || fail "'$cmd' exited 0: $(said)"
  [ -e "$M" ] && fail "'$cmd' was interpreted by a shell: $M exists"
  grep -q "uid=" "$OUT/out" "$OUT/err" && fail "'$cmd' ran id"
  [ "$(snapshot "$D")" = "$before" ] || fail "'$cmd' changed the data dir"
done
pass "sh -c, ;, &&, ||, |, \$(…), backquotes, > and a newline in the remote command are never interpreted"

refused wang "gate --data $D zhang decide --school $S1 --item $I1 --approve" "a nested gate naming zhang"
refused zhang "gate --data $D li claims --json" "a nested gate naming li"
refused zhang "demo $SVC_HOME/evil --schools 1 --seed 1" "demo"
[ -e "$SVC_HOME/evil" ] && fail "demo through the gate created $SVC_HOME/evil"
refused zhang "init $SVC_HOME/evil --catalog national-2020 --province 山东省 --start 2020-09-01 --end 2023-12-31" "init"
[ -e "$SVC_HOME/evil" ] && fail "init through the gate created $SVC_HOME/evil"
pass "gate, demo and init are refused as subcommands"

# --data is refused even when it names a real store tzpy-svc can read, and in its --data=DIR form.
OTHER="$SVC_HOME/other"
svc demo "$OTHER" --schools 5 --seed 1 >/dev/null || fail "tzpy demo of a second store failed"
other_before=$(snapshot "$OTHER")
refused zhang "claims --json --data /tmp/x" "--data /tmp/x"
refused zhang "claims --json --data $OTHER" "--data naming another store"
refused zhang "claims --json --data=$OTHER" "--data=DIR"
refused zhang "decide --school $S1 --item $I1 --approve --data $D" "decide … --data DIR (the same dir)"
refused zhang "decide --data $OTHER --school $S1 --item $I1 --approve" "decide --data OTHER"
refused zhang "claims --json '--da'ta $OTHER" "--data spelt with quotes inside the word"
[ "$(snapshot "$OTHER")" = "$other_before" ] || fail "the second store changed"
pass "--data is refused in every form, the gate's data dir and another store alike"

# No subcommand has an option naming the actor, so tzpy's own parser rejects --actor (exit 64, naming it).
denied zhang "decide --actor li --school $S1 --item $I1 --approve" "decide --actor li" "--actor"
denied zhang "decide --school $S1 --item $I1 --approve --actor=li" "decide --actor=li" "--actor"
refused zhang "export --report returns --out $SVC_HOME/leak.xlsx" "export --out to a server file"
refused zhang "export --report returns --format csv --out=$SVC_HOME/leak.csv" "export --out= to a server file"
refused zhang "export --report returns --out - --out $SVC_HOME/leak.xlsx" "a second --out after --out -"
[ -e "$SVC_HOME/leak.xlsx" ] || [ -e "$SVC_HOME/leak.csv" ] && fail "an export wrote a file on the server"
[ "$(events)" -eq "$BASE" ] || fail "the journal grew during the refusals"
pass "--actor, and export to a server file, are refused and nothing is written"

# The decisions: zhang approves, li returns (with a Chinese comment, and one with spaces in quotes).
call zhang "decide --school $S1 --item $I1 --approve"
[ "$RC" -eq 0 ] || fail "zhang's approval failed: $(said)"
call li "decide --school $S2 --item $I2 --return 请补充经费依据"
[ "$RC" -eq 0 ] || fail "li's return failed: $(said)"
call li "decide --school $S4 --item '$I4' --return '经费 明细 \"不全\"'"
[ "$RC" -eq 0 ] || fail "li's return with a quoted comment failed: $(said)"
new_events "$BASE" > "$OUT/new"
printf '%s\n' "zhang $S1 $I1 approved -" "li $S2 $I2 returned 请补充经费依据" "li $S4 $I4 returned 经费 明细 \"不全\"" > "$OUT/want"
diff "$OUT/want" "$OUT/new" >&2 || fail "the journal's new events are not exactly zhang's approval and li's two returns"
pass "zhang's approval and li's returns through the gate are journalled with actors zhang and li, quotes honoured"

# The viewer reads everything and writes nothing.
call wang "claims --json"
[ "$RC" -eq 0 ] || fail "the viewer cannot read claims: $(said)"
svc claims --data "$D" --json > "$OUT/all.jsonl"
[ "$(wc -l < "$OUT/out")" -eq "$(wc -l < "$OUT/all.jsonl")" ] || fail "the viewer sees $(wc -l < "$OUT/out") claims of $(wc -l < "$OUT/all.jsonl")"
denied wang "decide --school $S3 --item $I3 --approve" "the viewer's decide" "角色"
pass "the viewer wang reads every claim; its decide is refused naming the role, and nothing is written"

# The school sees only itself.
call zhao "claims --json"
[ "$RC" -eq 0 ] || fail "the school cannot read its claims: $(said)"
python3 - "$OUT/out" "$OUT/all.jsonl" "$SCHOOL1" <<'PY' || fail "the school's claims --json is not exactly its own claims"
import json, sys
seen = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
want = [c for c in map(json.loads, open(sys.argv[2], encoding="utf-8")) if c["school"] == sys.argv[3]]
assert want, "the school has no claims in the store"
assert {c["school"] for c in seen} == {sys.argv[3]}, sorted({c["school"] for c in seen})
assert len(seen) == len(want), (len(seen), len(want))
PY
call zhao "log --json"
[ "$RC" -eq 0 ] || fail "the school cannot read its log: $(said)"
python3 - "$OUT/out" "$SCHOOL1" <<'PY' || fail "the school's log --json holds other schools' events"
import json, sys
seen = {json.loads(l)["school"] for l in open(sys.argv[1], encoding="utf-8") if l.strip()}
assert seen == {sys.argv[2]}, sorted(seen)
PY
call zhao "export --report claims --format csv --out -"
[ "$RC" -eq 0 ] || fail "the school cannot export its claims: $(said)"
python3 - "$OUT/out" "$SCHOOL1" <<'PY' || fail "the school's claims export holds other schools' rows"
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding="utf-8-sig").read())))
codes = {r[0] for r in rows[1:] if r}
assert codes == {sys.argv[2]}, sorted(codes)
PY
denied zhao "decide --school $SCHOOL1 --item $PS --approve" "the school's decide on its own claim" ""
pass "the school account zhao sees only $SCHOOL1 in claims, log and export; its decide is refused"

# A key line whose NAME is no longer in accounts.tsv opens nothing: not even a read.
denied mallory "totals" "mallory's totals" "accounts.tsv"
[ ! -s "$OUT/out" ] || fail "mallory's totals printed something: $(said)"
denied mallory "decide --school $S3 --item $I3 --approve" "mallory's decide" "accounts.tsv"
# Nor can they give themselves an account: accounts add is a write like any other.
denied wang "accounts add wang --role province" "the viewer making itself province" "角色"
denied zhao "accounts add zhao2 --role province" "the school adding a province account" ""
denied mallory "accounts add mallory --role province" "mallory giving itself its account back" "accounts.tsv"
denied zhang "accounts key li $K/li.pub" "accounts key (reads a server file) through the gate" ""
pass "mallory (key left behind, not in accounts.tsv) is refused at the gate, reads included, naming accounts.tsv"
pass "the viewer, the school and mallory cannot add accounts through the gate; accounts key is refused"

# Files through the gate: an export on stdout, imports on stdin.
as li "export --report returns --out -" </dev/null > "$WORK/returns.xlsx" 2>"$OUT/err" || fail "export --out - failed: $(cat "$OUT/err")"
[ "$(head -c 2 "$WORK/returns.xlsx")" = "PK" ] || fail "export --out - is not an xlsx (zip) file"
soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$OUT/lo" "$WORK/returns.xlsx" >/dev/null 2>&1
[ -s "$OUT/lo/returns.csv" ] || fail "LibreOffice did not open the returns workbook exported through the gate"
python3 - "$OUT/lo/returns.csv" "$S2" "$I2" <<'PY' || fail "the returns workbook lacks li's return"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert any(r[1] == sys.argv[2] and r[5] == sys.argv[3] and r[8] == "请补充经费依据" for r in rows[1:]), rows[:5]
PY
call li "export --report returns --format csv --out -"
[ "$RC" -eq 0 ] && grep -q "$S2.*请补充经费依据" "$OUT/out" || fail "export --format csv --out - lacks li's return: $(said)"
pass "export --out - sends an xlsx LibreOffice opens (with li's 请补充经费依据) and a CSV over ssh"

# A CSV of a new school (the flat layout, docs/formats.md §11), with claims copied from SCHOOL1's.
python3 - "$OUT/all.jsonl" "$SCHOOL1" 3701990001 > "$OUT/new.csv" <<'PY'
import json, sys
src, school, new = sys.argv[1], sys.argv[2], sys.argv[3]
print("学校代码,学校名称,学校类型,所在市,序号,承接数量,学校自筹,行业企业投入,举办方投入,地市县投入")
n = 0
for c in map(json.loads, open(src, encoding="utf-8")):
    if c["school"] != school or c["status"] == "withdrawn" or n == 3:
        continue
    f = c["funds"]
    q = "-" if c["quantity"] is None else c["quantity"]
    print(f"{new},网关测试职业学校,中职学校,济南市,{c['item']},{q},{f['self']},{f['industry']},{f['sponsor']},{f['local']}")
    n += 1
PY
ROWS=$(( $(wc -l < "$OUT/new.csv") - 1 ))
[ "$ROWS" -gt 0 ] || fail "no claims to copy into the import file"
cp "$OUT/new.csv" "$SVC_HOME/new.csv"; chown "$SVC" "$SVC_HOME/new.csv"
refused zhang "import $SVC_HOME/new.csv" "import of a server file"
refused zhang "import --name x.csv $SVC_HOME/new.csv" "import --name of a server file"
IN="$OUT/new.csv" refused zhang "import - $SVC_HOME/new.csv --name x.csv" "import of stdin and a server file"
IN="$OUT/new.csv" denied wang "import - --name 新学校.csv" "the viewer's import" "角色"
before=$(events)
as zhang "import - --name 新学校.csv" < "$OUT/new.csv" >"$OUT/out" 2>"$OUT/err" || fail "zhang's import of a CSV on stdin failed: $(cat "$OUT/out" "$OUT/err")"
new_events "$before" > "$OUT/new"
[ "$(wc -l < "$OUT/new")" -eq "$ROWS" ] || { cat "$OUT/new" >&2; fail "the import journalled $(wc -l < "$OUT/new") events for $ROWS rows"; }
awk '$1 != "zhang" || $2 != "3701990001" || $4 != "submitted" { bad = 1 } END { exit bad }' "$OUT/new" || { cat "$OUT/new" >&2; fail "the import's events are not zhang's submissions of 3701990001"; }
pass "zhang imports a new school's CSV on stdin (import - --name 新学校.csv); the journal records zhang"

# The same claims as a workbook (LibreOffice writes it) for a second new school: xlsx is told apart by content.
sed 's/^3701990001,网关测试职业学校/3701990002,网关测试第二职业学校/' "$OUT/new.csv" > "$OUT/new2.csv"
soffice --headless --infilter='CSV:44,34,76,1' --convert-to xlsx --outdir "$OUT/lo-xlsx" "$OUT/new2.csv" >/dev/null 2>&1
[ -s "$OUT/lo-xlsx/new2.xlsx" ] || fail "LibreOffice did not write new2.xlsx"
before=$(events)
as li "import - --name 第二学校.xlsx" < "$OUT/lo-xlsx/new2.xlsx" >"$OUT/out" 2>"$OUT/err" || fail "li's import of an xlsx on stdin failed: $(cat "$OUT/out" "$OUT/err")"
new_events "$before" > "$OUT/new"
[ "$(wc -l < "$OUT/new")" -eq "$ROWS" ] && awk '$1 != "li" || $2 != "3701990002" || $4 != "submitted" { bad = 1 } END { exit bad }' "$OUT/new" \
  || { cat "$OUT/new" >&2; fail "the xlsx import's events are not li's submissions of 3701990002"; }
pass "li imports a workbook on stdin; the journal records li"

# 4. The console over ssh -tt, LANG unset as on a bare SSH login: zhang finds a school and approves a claim.
before=$(events)
start c 100 30 ssh -tt -F /dev/null -i "$K/zhang" -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile="$WORK/known_hosts" \
  -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR "$SVC@127.0.0.1"
wait_for c "学校列表" 15
keys c / ; type_text c "$S3"; keys c Enter Enter
wait_for c "平台管理联系人"
keys c / ; type_text c "$I3"; keys c Enter
keys c a
wait_for c "已保存：通过 $(awk -F'\t' -v c="$S3" '$1==c {print $2}' "$D/schools.tsv") 的任务 $I3"
keys c q q y
wait_for c "EXITED 0"
new_events "$before" > "$OUT/new"
[ "$(cat "$OUT/new")" = "zhang $S3 $I3 approved -" ] || { cat "$OUT/new" >&2; fail "the console's approval is not journalled as zhang's"; }
pass "zhang's console over ssh -tt approves $S3 $I3 (已保存), journalled with actor zhang"

# 5. A school's bare login over ssh -tt (LANG unset) opens school mode on its own school, not the review console.
before=$(events)
start z 100 30 ssh -tt -F /dev/null -i "$K/zhao" -p "$PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile="$WORK/known_hosts" \
  -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR "$SVC@127.0.0.1"
wait_for z "提质培优任务填报 · $(awk -F'\t' -v c="$SCHOOL1" '$1==c {print $2}' "$D/schools.tsv")（$SCHOOL1）" 15
keys z t
wait_for z "本省申报要求  开始日期：2020-10-19"
keys z q
keys z y
wait_for z "EXITED 0"
[ "$(events)" = "$before" ] || fail "the school's look at its screens wrote to the journal"
pass "the school account zhao's login over ssh -tt opens school mode on $SCHOOL1 (承接任务 with 本省申报要求) and writes nothing"

# The data dir is still the service account's alone to write.
found=$(find "$D" ! -user "$SVC" -o -perm /022)
[ -z "$found" ] || fail "not owned by $SVC or writable by group/other: $found"
found=$(find "$D" -perm /007 -o -type d ! -perm 750 -o -type f ! -perm 640)
[ -z "$found" ] || fail "not 0750 (dirs) / 0640 (files): $(ls -ld $found)"
svc check --data "$D" >/dev/null || fail "tzpy check fails"
pass "the data dir and every file in it are owned by $SVC, 0750/0640, and tzpy check passes"
