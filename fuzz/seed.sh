#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the bundled rule packs and documents.
# Run from the repository root: bash fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
for target in parse_rules recognise_figures read_tables check_pair read_pdf read_html; do
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
# The PDF reader from the published fixtures (small ones: libFuzzer mutates
# a seed of at most -max_len bytes), the web-page reader from the pages.
for pdf in tests/published/*.pdf tests/published/errors/*.pdf tests/published/auto/*.chromium.pdf; do
  cp "$pdf" "fuzz/corpus/read_pdf/$(echo "$pdf" | tr / _)"
done
for page in tests/published/src/*.html; do
  cp "$page" "fuzz/corpus/read_html/$(basename "$page")"
done
