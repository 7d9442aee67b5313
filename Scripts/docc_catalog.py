#!/usr/bin/env python3
"""Prepares the DocC build of .ci/checks/07-docc.sh (issue 15, item 7).

1. Merges the symbol graphs of CPSRules, CPSRecords, CPSFileStore and CPSKit into one module, CPSKit:
   CPSKit re-exports the three (`@_exported import`), so a host sees one module, and a symbol link in
   any doc comment (``VATNumber`` from a CPSKit service) resolves as it does in the host's code.
   Extension graphs of these modules (CPSKit@CPSRecords) become part of the module; extensions of
   other modules (Swift, Foundation) stay extension graphs of CPSKit, one file per extended module.
2. Builds the catalog: the landing page and the rules reference from Sources/CPSKit/Docs.docc, and
   every guide from Documentation/*.md as an article (the guides have one source, Documentation/;
   links between guides become <doc:…> links, so DocC checks them).
3. Checks that the rules reference has a heading for every rule ID cited in Sources/.

Usage: docc_catalog.py ROOT RAW_SYMBOLS_DIR MERGED_SYMBOLS_DIR CATALOG_DIR
"""
import glob
import json
import os
import re
import shutil
import sys

OURS = ("CPSRules", "CPSRecords", "CPSFileStore", "CPSKit")
MODULE = "CPSKit"


def merge_symbols(raw, merged):
    os.makedirs(merged, exist_ok=True)
    main = None
    extensions = {}
    for path in sorted(glob.glob(os.path.join(raw, "*.symbols.json"))):
        name = os.path.basename(path)[: -len(".symbols.json")]
        owner, _, extended = name.partition("@")
        if owner not in OURS:
            continue
        with open(path, encoding="utf-8") as handle:
            graph = json.load(handle)
        graph["module"]["name"] = MODULE
        if extended and extended not in OURS:
            target = extensions.setdefault(extended, None)
            if target is None:
                extensions[extended] = graph
            else:
                target["symbols"] += graph["symbols"]
                target["relationships"] += graph["relationships"]
            continue
        if main is None:
            main = graph
        else:
            main["symbols"] += graph["symbols"]
            main["relationships"] += graph["relationships"]
    if main is None:
        sys.exit("no symbol graph of CPSKit's modules in " + raw)
    with open(os.path.join(merged, MODULE + ".symbols.json"), "w", encoding="utf-8") as handle:
        json.dump(main, handle)
    for extended, graph in extensions.items():
        with open(os.path.join(merged, f"{MODULE}@{extended}.symbols.json"), "w", encoding="utf-8") as handle:
            json.dump(graph, handle)
    top_level = {symbol["pathComponents"][0] for symbol in main["symbols"] if len(symbol["pathComponents"]) == 1}
    return len(main["symbols"]), top_level


GUIDE_LINK = re.compile(r"\]\(([A-Za-z0-9-]+)\.md(#[A-Za-z0-9-]+)?\)")


def build_catalog(root, catalog, top_level):
    """Copies the catalog and the guides; a guide named like a top-level symbol (BusinessCalendar)
    becomes the article `<name>-Guide`, so it does not take the symbol's page."""
    shutil.rmtree(catalog, ignore_errors=True)
    shutil.copytree(os.path.join(root, "Sources", "CPSKit", "Docs.docc"), catalog)
    guides = sorted(glob.glob(os.path.join(root, "Documentation", "*.md")))
    names = {}
    for path in guides:
        name = os.path.basename(path)[: -len(".md")]
        names[name] = name + "-Guide" if name in top_level else name

    def link(match):
        name = names.get(match.group(1))
        if name is None:
            sys.exit(f"a link to {match.group(1)}.md, which is not a guide in Documentation/")
        return f"](<doc:{name}{match.group(2) or ''}>)"

    for path in guides:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        text = GUIDE_LINK.sub(link, text)
        target = os.path.join(catalog, names[os.path.basename(path)[: -len(".md")]] + ".md")
        if os.path.exists(target):
            sys.exit(f"{os.path.basename(path)} is both a guide and a catalog article: keep one source")
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
    # The landing page and the rules reference link guides as <doc:Name>; follow any renaming.
    for article in ("CPSKit.md", "Rules.md"):
        path = os.path.join(catalog, article)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        for name, renamed in names.items():
            text = text.replace(f"<doc:{name}>", f"<doc:{renamed}>")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    return len(guides)


def check_rules(root, catalog):
    cited = set()
    for path in glob.glob(os.path.join(root, "Sources", "**", "*.swift"), recursive=True):
        with open(path, encoding="utf-8") as handle:
            cited.update(re.findall(r"(?<![A-Z])R-[A-Z]+-[0-9]+", handle.read()))
    with open(os.path.join(catalog, "Rules.md"), encoding="utf-8") as handle:
        explained = set(re.findall(r"^### (R-[A-Z]+-[0-9]+) ", handle.read(), re.MULTILINE))
    missing = sorted(cited - explained)
    if missing:
        sys.exit("Sources/CPSKit/Docs.docc/Rules.md does not explain: " + ", ".join(missing))
    return len(cited)


if __name__ == "__main__":
    root, raw, merged, catalog = sys.argv[1:5]
    symbols, top_level = merge_symbols(raw, merged)
    guides = build_catalog(root, catalog, top_level)
    rules = check_rules(root, catalog)
    print(f"docc: {symbols} symbols in one module, {guides} guides as articles, {rules} cited rule IDs explained")
