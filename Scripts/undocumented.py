#!/usr/bin/env python3
"""Lists public declarations of the library targets (CPSRules, CPSRecords, CPSFileStore, CPSKit) and
of the test kit (CPSKitTesting) without a doc comment.

Protocol-conformance members whose documentation comes from the protocol (description, hash(into:),
==, <, init(from:), encode(to:), Codable/Sendable boilerplate) are exempt, as DocC inherits theirs.
Usage: Scripts/undocumented.py [--count]
"""
import pathlib, re, sys

EXEMPT = re.compile(r'public (var description|func hash\(into|static func [=<]=?|static func <|init\(from decoder|func encode\(to encoder|init\(stringLiteral|var debugDescription|func makeIterator|var code: String|var textKey: TextKey|var textArguments|var uniqueKeys|var indexKeys|static let kind|var id\b|init\(integerLiteral)')
DECL = re.compile(r'^\s*(public|package|open)\s+(?!import)')
missing = []
for root in ["Sources/CPSRules", "Sources/CPSRecords", "Sources/CPSFileStore", "Sources/CPSKit", "Sources/CPSKitTesting"]:
    for path in sorted(pathlib.Path(root).rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if not DECL.match(line) or EXEMPT.search(line):
                continue
            j = i - 1
            while j >= 0 and (lines[j].strip().startswith("@") or lines[j].strip() == ""):
                if lines[j].strip() == "":
                    break
                j -= 1
            if j < 0 or not lines[j].strip().startswith("///") and not lines[j].strip().endswith("*/"):
                missing.append(f"{path}:{i + 1}: {line.strip()[:100]}")
if "--count" in sys.argv:
    print(len(missing))
else:
    print("\n".join(missing))
sys.exit(1 if missing else 0)
