#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the bundled rule packs and documents.
# Run from the repository root: bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for target in parse_rules recognise_figures read_tables check_pair; do
  mkdir -p "fuzz/corpus/$target"
done
for pack in $(find rules examples -name '*.vd'); do
  cp "$pack" "fuzz/corpus/parse_rules/$(echo "$pack" | tr / _)"
done
for document in documents/*.txt; do
  name=$(basename "$document")
  cp "$document" "fuzz/corpus/recognise_figures/$name"
  cp "$document" "fuzz/corpus/read_tables/$name"
done
# Pairs: each pack with the first 20 KB of the first document it declares
# (whole documents make each run slow, and mutations of their heads find
# as much).
for pack in $(find rules examples -name '*.vd'); do
  first=$(sed -n 's/^document [a-z_]* *= *"\(.*\)"/\1/p' "$pack" | head -n 1)
  [ -n "$first" ] || continue
  document="$(dirname "$pack")/$first"
  [ -f "$document" ] || continue
  { cat "$pack"; printf '\n%%%%\n'; head -c 20000 "$document"; } > "fuzz/corpus/check_pair/$(echo "$pack" | tr / _)"
done
