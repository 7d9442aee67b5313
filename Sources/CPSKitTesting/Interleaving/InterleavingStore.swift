import CPSKit

/// A ``RecordStore`` whose every read and commit is a step of an interleaved run: a runner calling
/// it waits until the driver releases it, then the call goes to ``base``. Calls from outside the
/// runners (set-up, verification) go straight to ``base``.
///
/// Step labels: `fetch kind/id`, `list kind[indexKey]`, `page kind[indexKey] after id limit n`,
/// `lookup uniqueKey`, and `commit put kind/id@expected, check kind/id@expected, delete …`. A commit
/// whose writes are all checks is a ``InterleavingStepKind/read`` step (it changes nothing); any
/// other commit is a ``InterleavingStepKind/commit`` step. ``close()`` is not a step.
public struct InterleavingStore: RecordStore {
    /// The store that performs the calls.
    public let base: any RecordStore
    /// The controller whose runners' calls are steps.
    public let controller: InterleavingController

    /// Wraps `base`, making its calls steps of `controller`'s runners.
    public init(base: any RecordStore, controller: InterleavingController) {
        self.base = base
        self.controller = controller
    }

    /// Waits for the driver (step `fetch kind/id`), then reads the record from ``base``.
    public func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        await controller.step("fetch \(kind)/\(id)", kind: .read)
        return try await base.record(kind: kind, id: id)
    }

    /// Waits for the driver (step `list kind[indexKey]`), then reads the records from ``base``.
    public func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        await controller.step("list \(kind)\(Self.index(indexKey))", kind: .read)
        return try await base.records(kind: kind, indexKey: indexKey)
    }

    /// Waits for the driver (step `page kind[indexKey] after id limit n`), then reads the page from ``base``.
    public func records(kind: String, indexKey: String?, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        let after = cursor.map { " after \($0.lastID)" } ?? ""
        await controller.step("page \(kind)\(Self.index(indexKey))\(after) limit \(limit)", kind: .read)
        return try await base.records(kind: kind, indexKey: indexKey, after: cursor, limit: limit)
    }

    /// Waits for the driver (step `range kind lower..<upper`), then reads the page from ``base``.
    public func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                        limit: Int) async throws(StorageError) -> RecordPage {
        let after = cursor.map { " after \($0.lastID)" } ?? ""
        await controller.step("range \(kind) \(lower)..<\(upper)\(after) limit \(limit)", kind: .read)
        return try await base.records(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit)
    }

    /// Waits for the driver (step `lookup uniqueKey`), then looks the key up in ``base``.
    public func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        await controller.step("lookup \(uniqueKey)", kind: .read)
        return try await base.record(holding: uniqueKey)
    }

    /// Waits for the driver (step `commit …`, a read step when every write is a check), then
    /// commits the batch to ``base``.
    @discardableResult
    public func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        let changes = batch.writes.contains(where: \.changesState)
        await controller.step(Self.label(batch), kind: changes ? .commit : .read)
        return try await base.commit(batch)
    }

    /// Closes ``base`` (not a step).
    public func close() async { await base.close() }

    private static func index(_ indexKey: String?) -> String { indexKey.map { "[\($0)]" } ?? "" }

    /// `commit put counter/c@1, check slot/b@2`, with at most four writes spelled out.
    static func label(_ batch: WriteBatch) -> String {
        let shown = batch.writes.prefix(4).map { write -> String in
            let verb = switch write {
            case .put: "put"
            case .delete: "delete"
            case .check: "check"
            }
            return "\(verb) \(write.kind)/\(write.id)@\(write.expectedVersion)"
        }
        let more = batch.writes.count > 4 ? ", +\(batch.writes.count - 4) more" : ""
        return shown.isEmpty ? "commit (empty)" : "commit " + shown.joined(separator: ", ") + more
    }
}
