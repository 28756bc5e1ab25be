#!/bin/sh
# Runs every target one after another for SECS seconds each (default 600)
# on one core, then minimizes each corpus. Usage: ./run-fuzz.sh [SECS] [TARGET...]
set -u
cd "$(dirname "$0")"
secs=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-"input tagger coder claims lexicon temporal_lexicon petrarch"}
for t in $targets; do
    mkdir -p corpus/$t artifacts/$t
    echo "== $t $(date -u +%FT%TZ) ${secs}s"
    RUSTC_BOOTSTRAP=1 cargo fuzz run -O $t corpus/$t seeds/$t -- \
        -max_total_time=$secs -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 2>&1 | tail -n 40
    echo "== $t exit $?"
done
