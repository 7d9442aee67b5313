#!/usr/bin/env python3
"""R-ID-4: the authorisation table, read from Tests/CPSKitTests/Authorization/AuthorizationTable.swift.

  authorization_table.py rows                 prints each operation (one a line)
  authorization_table.py compare SYMBOLS.json compares the rows with the public methods of the services
                                              (types named *Service, and every CPSJob) in a symbol graph
  authorization_table.py write                writes the table into Documentation/Security.md
  authorization_table.py check                fails when Documentation/Security.md's table differs
Options: --table FILE reads another table file (the CI check's self-test removes a row from a copy).
"""
import json, re, sys, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
KINDS = ["applicantHere", "applicantElsewhere", "reviewer", "system", "userHere", "superuserHere",
         "userElsewhere", "superuserElsewhere"]
HEADERS = ["applicant of this application", "applicant of another", "reviewer", "system (host, jobs)",
           "user of the account", "superuser of the account", "user of another account", "superuser of another account"]
BEGIN, END = "<!-- authorization-table:begin (Scripts/authorization_table.py write) -->", "<!-- authorization-table:end -->"
ROW = re.compile(r'^\s*Row\("([^"]+)", allow: (\.open|\[([^\]]*)\])\),\s*$')


def rows(table):
    result = []
    for line in table.read_text().splitlines():
        if line.strip().startswith('Row("'):
            match = ROW.match(line)
            if not match:
                sys.exit(f"authorization table: cannot read the row: {line.strip()}")
            kinds = None if match.group(2) == ".open" else [k.strip().lstrip(".") for k in match.group(3).split(",") if k.strip()]
            for kind in kinds or []:
                if kind not in KINDS:
                    sys.exit(f"authorization table: unknown principal kind {kind} in {match.group(1)}")
            result.append((match.group(1), kinds))
    if not result:
        sys.exit("authorization table: no rows found")
    return result


def service_methods(path):
    graph = json.loads(pathlib.Path(path).read_text())
    by_id = {s["identifier"]["precise"]: s for s in graph["symbols"]}
    job = [i for i, s in by_id.items() if s["pathComponents"] == ["CPSJob"]]
    jobs = {r["source"] for r in graph.get("relationships", []) if r["kind"] == "conformsTo" and r["target"] in job}
    owners = {s["pathComponents"][0] for i, s in by_id.items()
              if s["kind"]["identifier"] == "swift.struct" and len(s["pathComponents"]) == 1
              and (s["pathComponents"][0].endswith("Service") or i in jobs)}
    methods = set()
    for s in by_id.values():
        components = s["pathComponents"]
        if s["kind"]["identifier"] in ("swift.method", "swift.type.method") and len(components) == 2 and components[0] in owners:
            methods.add(".".join(components))
    return methods


def markdown(table_rows):
    lines = ["| operation | " + " | ".join(HEADERS) + " |", "| --- |" + " :-: |" * len(KINDS)]
    for operation, kinds in sorted(table_rows):
        cells = ["open"] * len(KINDS) if kinds is None else ["✓" if k in kinds else "—" for k in KINDS]
        lines.append(f"| `{operation}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def security_with(table_rows):
    doc = ROOT / "Documentation" / "Security.md"
    text = doc.read_text()
    if BEGIN not in text or END not in text:
        sys.exit(f"{doc}: the markers of the authorization table are missing")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return doc, text, head + BEGIN + "\n" + markdown(table_rows) + "\n" + END + tail


def main(argv):
    table = ROOT / "Tests" / "CPSKitTests" / "Authorization" / "AuthorizationTable.swift"
    if "--table" in argv:
        i = argv.index("--table")
        table = pathlib.Path(argv[i + 1])
        del argv[i:i + 2]
    command = argv[1] if len(argv) > 1 else "rows"
    table_rows = rows(table)
    if command == "rows":
        print("\n".join(op for op, _ in table_rows))
    elif command == "compare":
        methods = service_methods(argv[2])
        names = [op for op, _ in table_rows]
        missing = sorted(methods - set(names))
        stale = sorted(set(names) - methods)
        twice = sorted({n for n in names if names.count(n) > 1})
        for name in missing:
            print(f"R-ID-4: public service method without a row in the authorization table: {name}")
        for name in stale:
            print(f"R-ID-4: row for a method that is not a public service method: {name}")
        for name in twice:
            print(f"R-ID-4: row appears twice: {name}")
        if missing or stale or twice:
            return 1
        print(f"authorization table: {len(names)} rows = {len(methods)} public service methods")
    elif command in ("write", "check"):
        doc, old, new = security_with(table_rows)
        if command == "write":
            doc.write_text(new)
        elif old != new:
            print(f"{doc.relative_to(ROOT)}: the authorization table is out of date; run python3 Scripts/authorization_table.py write")
            return 1
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
