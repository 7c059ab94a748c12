#!/usr/bin/env bash
# Regenerates the parser's expectation files from the documents in this folder.
# Review every change with `git diff Corpus/expected` before committing: these files are the parser's contract.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
for f in Corpus/*.txt; do
  name=$(basename "$f" .txt)
  .build/debug/jxlint extract "$f" --format json -o "Corpus/expected/$name.json"
done
echo "regenerated: $(ls Corpus/expected | wc -l) files"
