#!/usr/bin/env bash
# Runs the native CLI under valgrind (memcheck) over every fixture and the small hostile corpus: no
# invalid reads or writes, no uninitialised values, no leaks. Exit 1 when valgrind reports an error.
#
#   tests/valgrind.sh [PATH/TO/qnnv]     (default: build/h-hard/qnnv, else build/native/qnnv)
#
# Use a build without sanitizers (valgrind and ASan do not mix); RelWithDebInfo gives readable stacks.
set -uo pipefail
cd "$(dirname "$0")/.."
QNNV=${1:-}
if [ -z "$QNNV" ]; then
  for c in build/h-hard/qnnv build/native/qnnv build/debug/qnnv; do
    [ -x "$c" ] && QNNV=$c && break
  done
fi
[ -x "${QNNV:-}" ] || { echo "valgrind.sh: no qnnv binary (build one, or pass its path)" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }

VG=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes)
LOG=$(mktemp -d)
trap 'rm -rf "$LOG"' EXIT
fail=0
n=0
run() {  # run LABEL ARGS...
  local label=$1; shift
  n=$((n + 1))
  "${VG[@]}" --log-file="$LOG/vg.txt" "$QNNV" "$@" >/dev/null 2>"$LOG/err.txt"
  local rc=$?
  # 0, 1 and 2 are the CLI's own outcomes; 99 is valgrind's error exit; anything else is a crash.
  if [ "$rc" -gt 2 ] || [ -s "$LOG/vg.txt" ]; then
    echo "FAIL $label (exit $rc)"
    cat "$LOG/vg.txt"
    head -c 2000 "$LOG/err.txt"
    fail=1
  fi
}
# Every renderer over the samples; the JSON path over every bad and hostile file (they mostly end in
# an input error: the error paths are where cleanup is easiest to get wrong).
for f in tests/fixtures/*.json; do
  for fmt in json text sarif junit; do
    run "$f --format $fmt" validate "$f" --format "$fmt"
  done
done
for f in tests/fixtures/bad/*.json tests/hostile/files/*.json; do
  [ -f "$f" ] || continue
  run "$f" validate "$f" --format json
done
run "socs" socs --format json
run "ops --coverage" ops --coverage
run "explain Conv2d" explain Conv2d --soc SM8650
run "--data core/data/htp.json" validate tests/fixtures/mobilenet_v2__8a8w.json --data core/data/htp.json
echo "valgrind.sh: $n runs of $QNNV, $([ $fail = 0 ] && echo 'no errors' || echo 'ERRORS (see above)')"
exit $fail
