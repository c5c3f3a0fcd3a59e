# Helpers for the end-to-end console tests: drive the real tzpy binary in tmux and read the screen.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TZPY="$ROOT/.build/debug/tzpy"
SOCK="tzpy-e2e-$$"
WORK=$(mktemp -d /tmp/tzpy-e2e.XXXXXX)
chmod 755 "$WORK"
# kill-server leaves the socket file behind: removed too, so a run leaves nothing in /tmp.
cleanup() { tmux -L "$SOCK" kill-server 2>/dev/null || true; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK"; rm -rf "$WORK"; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; for p in $(tmux -L "$SOCK" list-panes -a -F '#{session_name}' 2>/dev/null); do echo "--- screen of $p:" >&2; tmux -L "$SOCK" capture-pane -p -t "$p" >&2 || true; done; exit 1; }
pass() { echo "ok - $*"; }

# start SESSION COLS ROWS COMMAND...: a console in its own tmux session, with LANG unset as over a bare SSH login.
start() {
  local s=$1 w=$2 h=$3; shift 3
  tmux -L "$SOCK" new-session -d -s "$s" -x "$w" -y "$h" "env -u LANG -u LC_ALL -u LC_CTYPE TERM=xterm-256color $* ; echo EXITED \$?; sleep 600"
}
screen() { tmux -L "$SOCK" capture-pane -p -t "$1"; }
keys() { local s=$1; shift; tmux -L "$SOCK" send-keys -t "$s" "$@"; }
type_text() { tmux -L "$SOCK" send-keys -t "$1" -l "$2"; }
# wait_for SESSION TEXT [SECONDS]: until the screen shows TEXT.
wait_for() {
  local s=$1 text=$2 limit=${3:-10} i=0
  while (( i < limit * 10 )); do
    screen "$s" | grep -qF -- "$text" && return 0
    sleep 0.1; i=$((i + 1))
  done
  fail "screen of $s never showed: $text"
}
# line_with SESSION TEXT: the first screen line containing TEXT.
line_with() { screen "$1" | grep -F -- "$2" | head -n 1; }
