#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS (default 60).
#
#   scripts/fuzz.sh [SECONDS]
#
# Environment: QNNV_FUZZ_BUILD (build dir, default build/h-fuzz), QNNV_FUZZ_TARGETS (default
# "fuzz_graph fuzz_data fuzz_json_reader fuzz_render"), QNNV_FUZZ_JOBS (build parallelism, default 2),
# QNNV_FUZZ_SOURCE (the source tree to build, default this checkout; e.g. a `git archive HEAD` copy, so
# that editing the checkout during a long run changes nothing that is being built), QNNV_FUZZ_PLATEAU (seconds:
# stop a target early once coverage, libFuzzer's "cov" (edges), has not grown for that long; default 0, run
# the whole SECONDS), QNNV_FUZZ_SAVE (1: after each target's run, add what the run found to the committed
# corpus, tests/fuzz/corpus/<target>.tar.xz, see below). Edges, not "ft" (features, which also count how
# often an edge ran): ft keeps growing slowly long after the code reached stops growing, and the plateau is
# about the code reached. The plateau is counted in the fuzzer's CPU seconds, not wall seconds: on a shared
# machine a fuzzer that other work starves of CPU executes little, and a wall-clock rule would call that
# flat stretch a plateau. QNNV_FUZZ_PLATEAU_PER_INPUT (M, default 0: off) counts the plateau in executions
# instead, scaled by the corpus: stop once cov has not grown for M executions per input of the corpus the
# run started from (libFuzzer's INITED line), and for at least as many executions as the run needed to reach
# its last new edge from INITED (the flat stretch is at least half of the fuzzing). Targets differ a
# hundredfold in speed (tests/fuzz/README.md), so a window of CPU seconds is long for one, short for another.
# Each line of a target's log starts with the seconds since its run began ("[  123s] #... cov: ..."),
# so that the log tells when coverage stopped growing; after each run the script prints when cov and ft last grew.
# The corpus of each target is kept in build/fuzz-corpus/<target> and grows from run to run; it is seeded
# from tests/fixtures, tests/hostile/files (graphs), core/data (constraint data) and tests/fuzz/edge_seeds.py
# (hand-made inputs for the branches random mutation reaches last), and from the committed corpus
# tests/fuzz/corpus/<target>.tar.xz: the inputs earlier runs found that reach code the seeds do not.
# Every session starts on a fresh machine, so without the committed corpus each run would begin again from
# the seeds and no run would reach where the last one stopped. QNNV_FUZZ_SAVE=1 adds to it, after each
# target's run, the inputs of build/fuzz-corpus/<target> that add coverage (libFuzzer's features) to the
# seeds and the committed corpus together (-merge=1); nothing is removed from it (why an archive:
# tests/fuzz/README.md). The test suite replays it (tests/CMakeLists.txt unpacks it). Every crash, timeout
# or out-of-memory input is minimized and copied to tests/fuzz/regressions/<target>-<kind>-<sha1>, which
# tests/core/test_hostile.cpp replays in-process; a timeout that does not reproduce is not a finding, and the
# target's run is resumed for the time left. Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
PLATEAU=${QNNV_FUZZ_PLATEAU:-0}
PER_INPUT=${QNNV_FUZZ_PLATEAU_PER_INPUT:-0}
BUILD=${QNNV_FUZZ_BUILD:-build/h-fuzz}
TARGETS=${QNNV_FUZZ_TARGETS:-fuzz_graph fuzz_data fuzz_json_reader fuzz_render}
JOBS=${QNNV_FUZZ_JOBS:-2}
CORPUS_ROOT=$ROOT/build/fuzz-corpus
REGRESSIONS=$ROOT/tests/fuzz/regressions
# ASan records the stack of every allocation and free, for the "allocated by" part of a report, at a cost
# per call (measured in tests/fuzz/README.md, "Running"). The fuzzing only has to find the input: a
# regression file replayed by hand (or by the tests) runs without this setting and gets the full report.
# Set ASAN_OPTIONS to override.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0}

SOURCE=$(cd "${QNNV_FUZZ_SOURCE:-$ROOT}" && pwd)
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
(cd "$SOURCE" && cmake --preset fuzz -B "$BUILD" >/dev/null)
# Only the fuzz targets: the rest of the tree is not built with the fuzzer's runtime.
cmake --build "$BUILD" -j"$JOBS" --target $TARGETS

seed() {  # seed TARGET DIR...
  local dest=$CORPUS_ROOT/$1; shift
  mkdir -p "$dest"
  for dir in "$@"; do
    for f in "$dir"/*; do
      [ -f "$f" ] || continue
      cp -n "$f" "$dest/seed-$(basename "$dir")-$(basename "$f")" 2>/dev/null || true
    done
  done
}
# The seeds that live elsewhere in the tree, per target (also what a merge into the committed corpus
# starts from, below).
seed_dirs() {
  case $1 in
    fuzz_graph) echo tests/fixtures tests/fixtures/bad tests/hostile/files ;;
    fuzz_data) echo core/data ;;
    fuzz_json_reader) echo tests/fixtures tests/fixtures/bad tests/hostile/files core/data ;;
    fuzz_render) echo tests/fixtures/bad ;;
  esac
}
COMMITTED=$ROOT/tests/fuzz/corpus
UNPACKED=$ROOT/build/fuzz-committed  # the committed corpus, unpacked: UNPACKED/<target>/<sha1>
# Reports: those of every fixture and small hostile graph, as the native CLI writes them (build/native,
# when it is built; the fuzz build has no CLI), indented and compact, plus the bad report fixtures.
seed_reports() {
  local dest=$CORPUS_ROOT/fuzz_render cli=$ROOT/build/native/qnnv
  mkdir -p "$dest"
  [ -x "$cli" ] || { echo "fuzz.sh: no $cli (scripts/build.sh native): fuzz_render starts from few seeds" >&2; return; }
  for f in tests/fixtures/*.json tests/hostile/files/*.json; do
    "$cli" validate "$f" --format json --no-strict > "$dest/seed-report-$(basename "$f")" 2>/dev/null || true
    [ -s "$dest/seed-report-$(basename "$f")" ] || rm -f "$dest/seed-report-$(basename "$f")"
  done
}
# Only the targets this run runs (two runs side by side, each of other targets, leave each other alone).
for t in $TARGETS; do
  # shellcheck disable=SC2046
  seed "$t" $(seed_dirs "$t")
  case $t in
    # ...and the built-in data split into small documents (one rule group or a few SoCs each): mutating a
    # 216 KB file costs a full parse of it per execution (tests/fuzz/split_data.py).
    fuzz_data) python3 tests/fuzz/split_data.py core/data "$CORPUS_ROOT/fuzz_data" >/dev/null ;;
    fuzz_render) seed_reports ;;
  esac
  # ...and the hand-made seeds for the branches that random mutation reaches last (tests/fuzz/edge_seeds.py).
  case $t in fuzz_graph|fuzz_data) python3 tests/fuzz/edge_seeds.py "$t" "$CORPUS_ROOT/$t" >/dev/null ;; esac
  rm -rf "${UNPACKED:?}/$t" && mkdir -p "$UNPACKED/$t"
  if [ -f "$COMMITTED/$t.tar.xz" ]; then
    tar -xJf "$COMMITTED/$t.tar.xz" -C "$UNPACKED/$t"
    seed "$t" "$UNPACKED/$t"
  fi
done

# Adds to tests/fuzz/corpus/TARGET.tar.xz the inputs of the run's corpus that reach features the seeds (those
# of seed_dirs and the reports) and the committed corpus do not: libFuzzer's -merge=1 into a folder that holds
# those already, whose new files are the additions, named by their SHA-1 as libFuzzer names them. The archive
# is written so that the same files give the same bytes (sorted names, no dates or owners).
save_corpus() {  # save_corpus TARGET BIN MAX_LEN
  local t=$1 bin=$2 base new added=0
  base=$(mktemp -d)
  # the seeds: the seed-* copies in build/fuzz-corpus/<t> (which include the committed corpus); what the
  # merge adds beside them is named by its SHA-1, so every file not named seed-* is an addition
  find "$CORPUS_ROOT/$t" -maxdepth 1 -type f -name 'seed-*' -exec cp {} "$base/" \;
  if ! "$bin" -merge=1 -timeout=10 -rss_limit_mb=2048 -max_len="$3" "$base" "$CORPUS_ROOT/$t" > "$base.log" 2>&1; then
    echo "fuzz.sh: $t: the merge into the committed corpus failed (log: $base.log)" >&2
    return 0
  fi
  for new in "$base"/*; do
    case $(basename "$new") in seed-*) continue ;; esac
    [ -e "$UNPACKED/$t/$(basename "$new")" ] && continue
    cp "$new" "$UNPACKED/$t/" && added=$((added + 1))
  done
  mkdir -p "$COMMITTED"
  (cd "$UNPACKED/$t" && find . -maxdepth 1 -type f -printf '%P\n' | LC_ALL=C sort \
    | tar --create --no-recursion --files-from=- --owner=0 --group=0 --numeric-owner --mtime=@0 --mode=0644 \
    | xz -9 > "$COMMITTED/$t.tar.xz.new") && mv "$COMMITTED/$t.tar.xz.new" "$COMMITTED/$t.tar.xz"
  echo "== $t: $added inputs added to tests/fuzz/corpus/$t.tar.xz ($(find "$UNPACKED/$t" -type f | wc -l) inputs, $(du -k "$COMMITTED/$t.tar.xz" | cut -f1) KiB)"
  rm -rf "$base" "$base.log"
}

found=0
mkdir -p "$REGRESSIONS"
for t in $TARGETS; do
  bin=$BUILD/fuzz/$t
  art=$ROOT/build/fuzz-artifacts/$t
  rm -rf "$art" && mkdir -p "$art"
  dict_arg=()
  # The longest input tried: fuzz_data's seeds are the split data documents (1-16 KB); a longer mutation
  # of a data file finds nothing a short one does not, at many times the cost. The others: the size of
  # their largest seeds (graphs and reports of the hostile corpus, up to ~100 KB), with room to grow.
  case $t in fuzz_data) max_len=32768 ;; *) max_len=262144 ;; esac
  [ -f "$ROOT/tests/fuzz/${t#fuzz_}.dict" ] && dict_arg=(-dict="$ROOT/tests/fuzz/${t#fuzz_}.dict")
  echo "== $t: ${SECONDS_PER_TARGET}s, corpus $CORPUS_ROOT/$t"
  log=$ROOT/build/fuzz-artifacts/$t.log
  : > "$log"
  SECONDS=0
  # One fuzzer run, or more: a run that stops on a timeout that does not reproduce (see below) is resumed
  # for the time left, from the corpus, which keeps what it had found. Its plateau count starts afresh.
  while :; do
    left=$((SECONDS_PER_TARGET - SECONDS))
    set +e
    pidfile=$art/fuzzer.pid
    { "$bin" "$CORPUS_ROOT/$t" -max_total_time="$left" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$art/" "${dict_arg[@]}" 2>&1 &
      echo $! > "$pidfile"; wait $!; } \
      | { last_new=; last_new_cpu=0; stopped=; cov=0; fpid=; cpu=0; ticks=$(getconf CLK_TCK)
          # For QNNV_FUZZ_PLATEAU_PER_INPUT, counted from INITED: its execution count and corpus size; the
          # execution of the last new edge; the last status line's execution count and CPU time.
          inited=; e0=0; c0=0; e_new=0; e_line=0; cpu_line=0; partial=
          # The fuzzer's CPU time (user + system, /proc/PID/stat fields 14 and 15), read without a fork.
          fuzzer_cpu() {
            local stat fields
            [ -n "$fpid" ] || read -r fpid 2>/dev/null < "$pidfile" || return 0
            read -r stat 2>/dev/null < "/proc/$fpid/stat" || return 0
            read -r -a fields <<< "${stat##*) }"  # the fields after the command name (which may hold spaces)
            cpu=$(( (fields[11] + fields[12]) / ticks ))
          }
          while :; do
            # read -t: libFuzzer prints a status line only at a new input or at 2^k executions, so the
            # plateau is checked every 30 s even when nothing is printed.
            # A read that times out keeps what it read of a line (libFuzzer writes a status line in
            # pieces; stderr is unbuffered): that part starts the next read's line, or "#9191 INITED"
            # would be read as "9191 INITED" and miss the rules (the thirteenth round's fuzz_render run 2).
            if IFS= read -r -t 30 part; then
              line=$partial$part; partial=
              fuzzer_cpu
              printf '[%5ds] %s\n' "$SECONDS" "$line"
              # Every status line counts (INITED, NEW, REDUCE, pulse): cov, the global edge count, also
              # grows on REDUCE lines (the seventh round's fuzz_render run was stopped as flat while it did).
              case $line in
                '#'[0-9]*' cov: '*)
                  now=${line#* cov: }; now=${now%% *}
                  execs=${line%%[!#0-9]*}; execs=${execs#\#}
                  case $now$execs in ''|*[!0-9]*) ;; *)
                    e_line=$execs; cpu_line=$cpu
                    if [ -z "$last_new" ] || [ "$now" -gt "$cov" ]; then cov=$now; last_new=$SECONDS; last_new_cpu=$cpu; e_new=$execs; fi
                    case $line in *[[:space:]]INITED[[:space:]]*)
                      corp=${line#* corp: }; corp=${corp%%/*}
                      case $corp in ''|*[!0-9]*) ;; *) inited=1; e0=$execs; c0=$corp; e_new=$execs ;; esac ;;
                    esac ;;
                  esac ;;
              esac
            elif [ $? -le 128 ]; then break; else partial=$partial$part; fuzzer_cpu; fi
            if [ "$PLATEAU" -gt 0 ] && [ -n "$last_new" ] && [ -z "$stopped" ] && [ $((cpu - last_new_cpu)) -ge "$PLATEAU" ]; then
              stopped=1
              printf '[%5ds] fuzz.sh: coverage (cov %s edges) has not grown for %ds of the fuzzer'"'"'s CPU time, since %ds (CPU %ds of %ds): plateau, stopping\n' \
                "$SECONDS" "$cov" "$PLATEAU" "$last_new" "$last_new_cpu" "$cpu"
              kill -TERM "$fpid" 2>/dev/null  # libFuzzer prints its final stats and exits
            fi
            if [ "$PER_INPUT" -gt 0 ] && [ -n "$inited" ] && [ -z "$stopped" ] && [ "$e_line" -gt 0 ]; then
              # libFuzzer prints a line at each new input and at 2^k executions only: between lines the count
              # is estimated at the run's average rate per CPU second (the final stats give the exact one).
              est=$(( e_line + (cpu - cpu_line) * e_line / (cpu_line > 0 ? cpu_line : 1) ))
              need=$(( PER_INPUT * c0 )); [ $((e_new - e0)) -gt "$need" ] && need=$((e_new - e0))
              if [ $((est - e_new)) -ge "$need" ]; then
                stopped=1
                printf '[%5ds] fuzz.sh: coverage (cov %s edges) has not grown for about %d executions, since #%d (%ds): %d per input of the %d at INITED (#%d) and as many as the fuzzing before it: plateau, stopping\n' \
                  "$SECONDS" "$cov" "$((est - e_new))" "$e_new" "$last_new" "$PER_INPUT" "$c0" "$e0"
                kill -TERM "$fpid" 2>/dev/null
              fi
            fi
          done
          printf '[%5ds] fuzz.sh: %ds of the fuzzer'"'"'s CPU time in %ds\n' "$SECONDS" "$cpu" "$SECONDS"; } \
      | tee -a "$log" | grep --line-buffered -E '^\[ *[0-9]+s\] (#[0-9]+[[:space:]]+(INITED|DONE)|stat::|==[0-9]+==ERROR|SUMMARY|fuzz.sh:)' || true
    set -e
    # When coverage last grew: the last status line whose cov (edges), or ft (features), was new.
    perl -ne 'if (/^\[\s*(\d+)s\] #(\d+)\s+\w+\s+cov: (\d+) ft: (\d+)/) {
        ($c > 0 && $3 <= $c) or ($c, $ct) = ($3, "$1s (#$2)"); ($f > 0 && $4 <= $f) or ($f, $ft) = ($4, "$1s (#$2)") }
      END { print "   cov $c last grew at $ct; ft $f last grew at $ft\n" if $ct }' "$log"
    resume=
    for a in "$art"/crash-* "$art"/timeout-* "$art"/oom-* "$art"/leak-*; do
      [ -f "$a" ] || continue
      kind=$(basename "$a" | cut -d- -f1)
      # libFuzzer's timeout is wall-clock time: a fuzzer starved of CPU by other work (a build beside it)
      # reports slow-but-finite inputs as timeouts, and stops. One that runs to the end within the limit
      # now is not a finding: it is kept in the artifacts folder as spurious-timeout-*, reported, and the
      # run is resumed.
      if [ "$kind" = timeout ] && ran=$( { TIMEFORMAT=%R; time "$bin" "$a" -timeout=10 -rss_limit_mb=2048 >/dev/null 2>&1; } 2>&1 ); then
        mv "$a" "$art/spurious-$(basename "$a")"
        echo "!! $t: timeout did not reproduce (the input ran in ${ran}s): $art/spurious-$(basename "$a")"
        resume=1
        continue
      fi
      found=1
      min=$art/min-$(basename "$a")
      "$bin" "$a" -minimize_crash=1 -max_total_time=60 -timeout=10 -rss_limit_mb=2048 \
        -exact_artifact_path="$min" >/dev/null 2>&1 || true
      [ -s "$min" ] || min=$a
      dest=$REGRESSIONS/$t-$kind-$(sha1sum "$min" | cut -c1-12)
      cp "$min" "$dest"
      echo "!! $t: $kind -> $dest"
    done
    # Resumed only after a spurious timeout, with a minute or more left.
    [ -n "$resume" ] && [ $((SECONDS_PER_TARGET - SECONDS)) -ge 60 ] || break
    echo "== $t: resumed with $((SECONDS_PER_TARGET - SECONDS))s left"
  done
  if [ "${QNNV_FUZZ_SAVE:-0}" = 1 ]; then save_corpus "$t" "$bin" "$max_len"; fi
done
exit $found
