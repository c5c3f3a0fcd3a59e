#!/usr/bin/env bash
# signal-console [COUNT]: the review console in tmux, a claim's return-comment editor open with a comment
# typed but not confirmed; then SIGHUP, SIGTERM or SIGINT (in turn) to the tzpy process, COUNT times in all
# (default 33). Each time tzpy exits through its handler (status 130), the pane is back on the normal screen
# (tmux's alternate_on 0), the terminal modes equal those of a pane that never ran curses (no raw or
# no-echo mode left behind), and the journal is byte-identical: the half-typed comment was never written.
source "$(dirname "$0")/../e2e/lib.sh"
COUNT=${1:-33}
D="$WORK/store"
"$TZPY" demo "$D" --schools 12 --seed 7 >/dev/null
read -r SCHOOL ITEM < <("$TZPY" claims --data "$D" --status pending --json | python3 -c '
import json, sys
for line in sys.stdin:
    c = json.loads(line)
    if "." in c["item"]:
        print(c["school"], c["item"]); break')
[ -n "${ITEM:-}" ] || fail "no pending claim on a dotted item"
cp "$D/journal.tsv" "$WORK/journal.before"
tmx() { tmux -L "$SOCK" "$@"; }
# The modes of a terminal nobody changed: a pane running only sleep. It stays for the whole run, so that
# killing each console's session never ends the tmux server (a new session racing a dying server fails).
tmx new-session -d -s ref -x 100 -y 30 "sleep 3600"
REF_MODES=$(stty -F "$(tmx display -p -t ref '#{pane_tty}')" -g)

SIGNALS=(HUP TERM INT)
declare -A sent=()
for (( i = 1; i <= COUNT; i++ )); do
  sig=${SIGNALS[$(( (i - 1) % 3 ))]}
  s="c$i"
  start "$s" 100 30 "$TZPY" review --data "$D"
  wait_for "$s" "学校列表"
  keys "$s" / ; type_text "$s" "$SCHOOL"; keys "$s" Enter; keys "$s" Enter
  wait_for "$s" "平台管理联系人"
  keys "$s" / ; type_text "$s" "$ITEM"; keys "$s" Enter
  keys "$s" r
  wait_for "$s" "修改意见"
  type_text "$s" "信号测试${i}：经费预算填写不完整，请补充"
  wait_for "$s" "信号测试${i}："
  [ "$(tmx display -p -t "$s" '#{alternate_on}')" = 1 ] || fail "try $i: the console is not on the alternate screen (nothing to restore)"
  pane=$(tmx display -p -t "$s" '#{pane_pid}')
  pid=$(pgrep -P "$pane" -x tzpy) || fail "try $i: no tzpy process under the pane's shell $pane"
  kill -s "$sig" "$pid"
  wait_for "$s" "EXITED"
  status=$(screen "$s" | grep -o 'EXITED [0-9]*' | head -n 1 | cut -d' ' -f2)
  [ "$status" = 130 ] || fail "try $i: SIG$sig: tzpy exited with status $status, not through its handler (130)"
  [ "$(tmx display -p -t "$s" '#{alternate_on}')" = 0 ] || fail "try $i: SIG$sig left the pane on the alternate screen"
  modes=$(stty -F "$(tmx display -p -t "$s" '#{pane_tty}')" -g)
  [ "$modes" = "$REF_MODES" ] || fail "try $i: SIG$sig left the terminal modes changed: $(stty -F "$(tmx display -p -t "$s" '#{pane_tty}')" -a | tr '\n' ' ')"
  cmp -s "$D/journal.tsv" "$WORK/journal.before" || fail "try $i: SIG$sig: the journal changed"
  [ ! -e "$D/journal.torn" ] || fail "try $i: SIG$sig: journal.torn appeared"
  tmx kill-session -t "$s"
  sent[$sig]=$(( ${sent[$sig]:-0} + 1 ))
done
"$TZPY" check --data "$D" > "$WORK/check" 2>&1 || fail "tzpy check: $(cat "$WORK/check")"
pass "$COUNT signals to a console mid-comment: terminal restored, journal unchanged"
echo "signal-console: $COUNT signals mid-comment (SIGHUP ${sent[HUP]:-0}, SIGTERM ${sent[TERM]:-0}, SIGINT ${sent[INT]:-0}), $COUNT exits with status 130, $COUNT terminals restored (normal screen, modes as before), 0 events written"
echo "1 passed, 0 failed"
