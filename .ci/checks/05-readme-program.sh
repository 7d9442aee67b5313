#!/usr/bin/env bash
# Issue 15, item 6: the README's "Use it in your service" program runs as printed. The two code blocks
# after the markers `<!-- readme-program: Package.swift -->` and `<!-- readme-program: main.swift -->`
# become a package beside a folder named CPSKit that links to this clone (a path dependency is named
# after its folder); it is built, run, and its output compared with .ci/readme-program.expected.
# Everything goes to .build-readme/ (ignored by .gitignore), kept so a second run builds incrementally.
# The README's block after `<!-- readme-program: output -->` must show that output too.
# After a deliberate change of the program or of a text it prints:
#   bash .ci/checks/05-readme-program.sh --update
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch="$root/.build-readme"
work="$scratch/packages"      # a fixed place, so that SwiftPM reuses the build of the clone
rm -rf "$work"

# The fenced block (swift or text) that follows the marker line for $1, without its fences.
block() {
  awk -v marker="<!-- readme-program: $1 -->" '
    $0 == marker { found = 1; next }
    found == 1 && /^```(swift|text)$/ { found = 2; next }
    found == 2 && /^```$/ { exit }
    found == 2 { print }
  ' "$root/README.md"
}

mkdir -p "$work/Portal/Sources/Portal" "$scratch"
ln -s "$root" "$work/CPSKit"
block Package.swift > "$work/Portal/Package.swift"
block main.swift > "$work/Portal/Sources/Portal/main.swift"
for file in "$work/Portal/Package.swift" "$work/Portal/Sources/Portal/main.swift"; do
  if [ ! -s "$file" ]; then echo "README.md: no code block after the marker for $(basename "$file")"; exit 1; fi
done
echo "README program: Package.swift $(wc -l < "$work/Portal/Package.swift") lines, main.swift $(wc -l < "$work/Portal/Sources/Portal/main.swift") lines"

status=0
(cd "$work/Portal" && swift build --scratch-path "$scratch") > "$work/build.log" 2>&1 || status=$?
grep -v '^\[' "$work/build.log" || true
if [ "$status" != 0 ]; then echo "the README program does not build"; exit 1; fi
if grep -q 'warning:' "$work/build.log"; then echo "the README program builds with warnings"; exit 1; fi

"$scratch/debug/Portal" > "$work/output.txt"
if [ "${1:-}" = "--update" ]; then
  cp "$work/output.txt" "$root/.ci/readme-program.expected"
  echo "updated .ci/readme-program.expected; paste it into README.md after <!-- readme-program: output -->"
  exit 0
fi
if ! diff -u "$root/.ci/readme-program.expected" "$work/output.txt"; then
  echo "the README program's output differs from .ci/readme-program.expected (- expected, + printed)"
  exit 1
fi
if ! diff -u "$root/.ci/readme-program.expected" <(block output); then
  echo "README.md's output block differs from .ci/readme-program.expected (- expected, + README)"
  exit 1
fi
echo "README program: builds, runs, and prints the expected $(wc -l < "$work/output.txt") lines"
