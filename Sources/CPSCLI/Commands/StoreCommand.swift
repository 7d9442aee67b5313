import CPSKit
import Foundation

extension CommandSpec {
    /// `cps store verify|backup|reindex` (R-ADP-1): checks the data directory's store without changing
    /// it, writes a consistent copy of it, or brings its stored index keys up to date.
    static let store = CommandSpec(
        name: "store",
        summary: "verify the data store without changing it, back it up, or reindex it after an upgrade",
        help: """
        Usage: cps store verify [--json]
               cps store backup DIR [--json]
               cps store reindex [--json]

        verify opens the store in <data-dir>/store read-only and reports what it finds, changing no
        file: damage (a damaged, stale or repeated journal frame, missing files, a newer format) exits
        74; a torn journal tail (an unfinished write of a crash, dropped by the next command), an
        older format (upgraded by the next command) or leftovers of an interrupted write are
        warnings, and a healthy store exits 0. A store in use by another process is refused (74).

        backup DIR writes a consistent copy of the store into DIR (which must not exist or be
        empty): every committed record as of one commit. Restore it by using DIR as the store
        directory (<data-dir>/store) of a data directory.

        reindex rewrites every record whose stored index keys differ from the keys this version
        derives from it (payload unchanged), and prints how many it rewrote of each kind. Run it once
        after upgrading from a version whose keys were different (see CHANGELOG.md): until then the
        jobs may not see older open invoices, terms and decided applications. Running it again
        rewrites nothing.
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 2)
        let action = try invocation.action(["verify", "backup", "reindex"])
        let storeDirectory = invocation.dataDirectory.appendingPathComponent("store", isDirectory: true)
        switch action {
        case "reindex":
            guard invocation.arguments.positionals.count <= 1 else { throw CommandError(.unexpectedArgument, ["value": invocation.arguments.positionals[1]]) }
            let store = try await FileRecordStore.open(directory: storeDirectory)
            defer { store.close() }
            CLIContext.warnAboutTornTail(store, invocation)
            let rewritten = try await StoreReindexing.reindexAll(store)
            struct Reindexed: Encodable {
                let rewritten: [String: Int]
                let total: Int
            }
            let report = Reindexed(rewritten: rewritten, total: rewritten.values.reduce(0, +))
            try invocation.emit(report) {
                report.total == 0 ? ["every record's keys are current"]
                    : rewritten.keys.sorted().map { "\($0): \(rewritten[$0] ?? 0) rewritten" } + ["\(report.total) records rewritten"]
            }
            return .success
        case "backup":
            let target = URL(fileURLWithPath: try invocation.arguments.positional(1, "DIR"),
                             relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            let store = try await FileRecordStore.open(directory: storeDirectory, readOnly: true)
            defer { store.close() }
            CLIContext.warnAboutTornTail(store, invocation)
            let copied = try store.backup(to: target)
            struct Backup: Encodable {
                let directory: String
                let records: Int
                let commitSequence: UInt64
            }
            let backup = Backup(directory: target.standardizedFileURL.path, records: copied.records, commitSequence: copied.commitSequence)
            try invocation.emit(backup) { ["backed up \(backup.records) records (through commit \(backup.commitSequence)) to \(backup.directory)"] }
            return .success
        default:
            guard invocation.arguments.positionals.count <= 1 else { throw CommandError(.unexpectedArgument, ["value": invocation.arguments.positionals[1]]) }
            let report = try FileRecordStore.verify(directory: storeDirectory)
            try invocation.emit(report) {
                var lines = ["\(report.isDamaged ? "damaged" : "ok"): \(report.directory)"]
                if !report.exists { lines.append("no store yet (the directory does not exist)") }
                if !report.isDamaged {
                    lines.append("\(report.records) records, format version \(report.formatVersion), generation \(report.generation), commit \(report.commitSequence), journal \(report.journalLength) bytes")
                }
                lines += report.problems.map { "error: \($0.code): \($0.detail)" }
                lines += report.warnings.map { "warning: \($0.code): \($0.detail)" }
                return lines
            }
            return report.isDamaged ? .failure : .success
        }
    }
}
