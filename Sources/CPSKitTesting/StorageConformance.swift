import CPSKit
import Foundation

/// The conformance suite every ``RecordStore`` passes (R-ADP-1): one call, from any test framework.
///
/// ```swift
/// // Swift Testing or XCTest alike:
/// try await StorageConformance.run(makeStore: { MyStore(...) })
/// // A durable store also checks that a reopened store holds everything committed:
/// try await StorageConformance.run(makeStore: { try FileRecordStore.open(directory: tempDir()) },
///                                  reopen: { store in ... close `store` and open it again ... })
/// ```
///
/// Every rule gets a fresh store from `makeStore`. The first broken rule throws a
/// ``ConformanceFailure`` naming it (with its rule ID); a store error where none was expected is
/// rethrown as is. Rules (R-ADP-1 unless noted): versions on insert, update and delete; stale writes
/// fail and change nothing; whole-batch atomicity; unique keys across kinds (taken, released by delete
/// or update, moved within a batch); index look-ups; insertion order; copies; racing writers (exactly
/// one wins per version, exactly one insert gets a unique key); a state change and its outbox mail as
/// one unit; check writes (R-UOW-1: pass at the live version, conflict otherwise, absent included,
/// `invalidBatch` at two versions, a failed check changes nothing); tombstones (R-UOW-1: a re-insert
/// continues the version, a check at an old version fails); pages (order, limit, index keys,
/// stability under updates and deletes between pages, a Codable cursor); racing checks (R-UOW-1:
/// every batch whose check committed saw the checked version); close (commits racing `close()`
/// succeed or fail with `unavailable`, calls after it fail with `unavailable`); Codable round trips
/// of ``RecordSamples``; and, with `reopen`, that everything committed, tombstones included,
/// survives reopening.
public enum StorageConformance {
    /// Runs every rule; throws the first ``ConformanceFailure``.
    ///
    /// - Parameters:
    ///   - samples: records that must round-trip (default ``RecordSamples/all``).
    ///   - racers: concurrent tasks in the racing checks.
    ///   - makeStore: a new, empty store.
    ///   - reopen: for durable stores, closes the given store and opens the same data again.
    public static func run(
        samples: [any StoredRecord & Equatable] = RecordSamples.all,
        racers: Int = 16,
        makeStore: @escaping @Sendable () async throws -> any RecordStore,
        reopen: (@Sendable (any RecordStore) async throws -> any RecordStore)? = nil
    ) async throws {
        try await versions(makeStore())
        try await staleWrites(makeStore())
        try await atomicBatches(makeStore())
        try await uniqueKeys(makeStore())
        try await indexLookUps(makeStore())
        try await insertionOrder(makeStore())
        try await copies(makeStore())
        try await racingWriters(makeStore(), racers: racers)
        try await outboxUnit(makeStore())
        try await checkWrites(makeStore())
        try await tombstones(makeStore(), reopen: reopen)
        try await pages(makeStore())
        try await pageStability(makeStore())
        try await keyRanges(makeStore())
        try await keyRangeStability(makeStore())
        try await racingChecks(makeStore(), racers: racers)
        try await roundTrips(makeStore(), samples: samples, reopen: reopen)
        if let reopen { try await reopening(makeStore(), reopen: reopen) }
        try await closing(makeStore(), racers: racers, reopen: reopen)
    }

    // MARK: - Rules

    static func versions(_ store: any RecordStore) async throws {
        let rule = "R-ADP-1/R-UOW-1: insert gives version 1, update +1, delete removes; a re-insert continues from the tombstone"
        let inserted = try await store.commit(WriteBatch([.put(envelope("a", "v1", "one"), expectedVersion: 0)]))
        try expect(inserted.map(\.version) == [1], rule, "insert returned versions \(inserted.map(\.version))")
        try await expectRecord(store, "a", "v1", version: 1, payload: "one", rule)
        let updated = try await store.commit(WriteBatch([.put(envelope("a", "v1", "two"), expectedVersion: 1)]))
        try expect(updated.map(\.version) == [2] && updated.first?.payload == Data("two".utf8), rule,
                   "update returned \(updated)")
        try await expectRecord(store, "a", "v1", version: 2, payload: "two", rule)
        let deleted = try await store.commit(WriteBatch([.delete(kind: kindA, id: "v1", expectedVersion: 2)]))
        try expect(deleted.isEmpty, rule, "a delete returned envelopes \(deleted)")
        let gone = try await store.record(kind: kindA, id: "v1")
        try expect(gone == nil, rule, "the deleted record is still there: \(String(describing: gone))")
        let reinserted = try await store.commit(WriteBatch([.put(envelope("a", "v1", "three"), expectedVersion: 0)]))
        try expect(reinserted.map(\.version) == [3], rule, "a re-insert after a delete at version 2 returned versions \(reinserted.map(\.version))")
        try await expectRecord(store, "a", "v1", version: 3, payload: "three", rule)
        let empty = try await store.commit(WriteBatch())
        try expect(empty.isEmpty, "an empty batch commits nothing", "returned \(empty)")
        let other = try await store.record(kind: kindB, id: "v1")
        try expect(other == nil, "IDs are per kind", "kind b sees kind a's record")
    }

    static func staleWrites(_ store: any RecordStore) async throws {
        let rule = "a stale write fails with a conflict and changes nothing"
        try await store.commit(WriteBatch([.put(envelope("a", "s1", "one", unique: ["s:1"], index: ["i:1"]), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.put(envelope("a", "s1", "two", unique: ["s:1"], index: ["i:1"]), expectedVersion: 1)]))
        try await expectError(.conflict, rule + " (update at version 1 of a version-2 record)") {
            try await store.commit(WriteBatch([.put(envelope("a", "s1", "stale", unique: ["s:2"], index: ["i:2"]), expectedVersion: 1)]))
        }
        try await expectError(.conflict, rule + " (insert of an existing ID)") {
            try await store.commit(WriteBatch([.put(envelope("a", "s1", "again"), expectedVersion: 0)]))
        }
        try await expectError(.conflict, rule + " (stale delete)") {
            try await store.commit(WriteBatch([.delete(kind: kindA, id: "s1", expectedVersion: 1)]))
        }
        try await expectError(.conflict, rule + " (update of a missing record)") {
            try await store.commit(WriteBatch([.put(envelope("a", "missing", "x"), expectedVersion: 3)]))
        }
        try await expectRecord(store, "a", "s1", version: 2, payload: "two", rule)
        let holder = try await store.record(holding: "s:1")
        try expect(holder?.id == "s1", rule, "the unique key moved: held by \(String(describing: holder?.id))")
        let taken = try await store.record(holding: "s:2")
        try expect(taken == nil, rule, "the stale write claimed its unique key")
        let indexed = try await store.records(kind: kindA, indexKey: "i:2")
        try expect(indexed.isEmpty, rule, "the stale write's index key is visible")
        let missing = try await store.record(kind: kindA, id: "missing")
        try expect(missing == nil, rule, "the failed update created a record")
    }

    static func atomicBatches(_ store: any RecordStore) async throws {
        let rule = "a batch with one bad write writes nothing"
        try await store.commit(WriteBatch([.put(envelope("a", "t1", "one"), expectedVersion: 0),
                                           .put(envelope("b", "t9", "holder", unique: ["t:key"]), expectedVersion: 0)]))
        try await expectError(.conflict, rule + " (last write stale)") {
            try await store.commit(WriteBatch([.put(envelope("a", "t2", "new"), expectedVersion: 0),
                                               .put(envelope("b", "t3", "new", unique: ["t:free"]), expectedVersion: 0),
                                               .delete(kind: kindA, id: "t1", expectedVersion: 5)]))
        }
        try await expectError(.uniqueKeyTaken, rule + " (unique key taken)") {
            try await store.commit(WriteBatch([.put(envelope("a", "t2", "new"), expectedVersion: 0),
                                               .put(envelope("a", "t1", "changed"), expectedVersion: 1),
                                               .put(envelope("a", "t3", "thief", unique: ["t:key"]), expectedVersion: 0)]))
        }
        try await expectError(.invalidBatch, rule + " (the same record written twice)") {
            try await store.commit(WriteBatch([.put(envelope("a", "t4", "x"), expectedVersion: 0),
                                               .put(envelope("a", "t4", "y"), expectedVersion: 0)]))
        }
        for id in ["t2", "t3", "t4"] {
            let record = try await store.record(kind: kindA, id: id)
            let other = try await store.record(kind: kindB, id: id)
            try expect(record == nil && other == nil, rule, "\(id) was written by a failed batch")
        }
        try await expectRecord(store, "a", "t1", version: 1, payload: "one", rule)
        let free = try await store.record(holding: "t:free")
        try expect(free == nil, rule, "a failed batch claimed a unique key")
        let written = try await store.commit(WriteBatch([.put(envelope("a", "t2", "ok"), expectedVersion: 0),
                                                         .put(envelope("a", "t1", "ok"), expectedVersion: 1),
                                                         .delete(kind: kindB, id: "t9", expectedVersion: 1)]))
        try expect(written.map(\.id) == ["t2", "t1"] && written.map(\.version) == [1, 2],
                   "commit returns the put envelopes in batch order with their new versions",
                   "returned \(written.map { "\($0.id)@\($0.version)" })")
    }

    static func uniqueKeys(_ store: any RecordStore) async throws {
        let rule = "unique keys are global across kinds"
        try await store.commit(WriteBatch([.put(envelope("a", "u1", "x", unique: ["email:anna"]), expectedVersion: 0)]))
        try await expectError(.uniqueKeyTaken, rule + " (another kind takes a held key)") {
            try await store.commit(WriteBatch([.put(envelope("b", "u2", "x", unique: ["email:anna"]), expectedVersion: 0)]))
        }
        try await expectError(.uniqueKeyTaken, rule + " (two records of one batch claim one key)") {
            try await store.commit(WriteBatch([.put(envelope("b", "u3", "x", unique: ["email:bo"]), expectedVersion: 0),
                                               .put(envelope("a", "u4", "x", unique: ["email:bo"]), expectedVersion: 0)]))
        }
        let holder = try await store.record(holding: "email:anna")
        try expect(holder?.kind == kindA && holder?.id == "u1", rule, "record(holding:) gave \(String(describing: holder))")
        // Keeping its own key on update is fine.
        try await store.commit(WriteBatch([.put(envelope("a", "u1", "y", unique: ["email:anna"]), expectedVersion: 1)]))
        // Released by delete.
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "u1", expectedVersion: 2)]))
        let released = try await store.record(holding: "email:anna")
        try expect(released == nil, "a delete releases unique keys", "still held by \(String(describing: released?.id))")
        try await store.commit(WriteBatch([.put(envelope("b", "u2", "x", unique: ["email:anna"]), expectedVersion: 0)]))
        // Released by an update that drops it.
        try await store.commit(WriteBatch([.put(envelope("b", "u2", "x", unique: ["email:new"]), expectedVersion: 1)]))
        try await store.commit(WriteBatch([.put(envelope("a", "u5", "x", unique: ["email:anna"]), expectedVersion: 0)]))
        let moved = try await store.record(holding: "email:anna")
        try expect(moved?.id == "u5", "an update releases the unique keys it drops", "held by \(String(describing: moved?.id))")
        // Moved within one batch: u5 gives the key up, u6 (another kind) takes it.
        try await store.commit(WriteBatch([.put(envelope("b", "u6", "x", unique: ["email:anna"]), expectedVersion: 0),
                                           .put(envelope("a", "u5", "x", unique: []), expectedVersion: 1)]))
        let taken = try await store.record(holding: "email:anna")
        try expect(taken?.kind == kindB && taken?.id == "u6", "keys released within a batch are free for its other writes",
                   "held by \(String(describing: taken.map { "\($0.kind) \($0.id)" }))")
        // Swapped between two records in one batch.
        try await store.commit(WriteBatch([.put(envelope("b", "u6", "x", unique: ["email:new2"]), expectedVersion: 1),
                                           .put(envelope("b", "u2", "x", unique: ["email:anna"]), expectedVersion: 2),
                                           .put(envelope("a", "u5", "x", unique: ["email:new"]), expectedVersion: 2)]))
        let swapped = try await store.record(holding: "email:anna")
        let swappedNew = try await store.record(holding: "email:new")
        try expect(swapped?.id == "u2" && swappedNew?.id == "u5", "keys can swap owners within a batch",
                   "email:anna → \(String(describing: swapped?.id)), email:new → \(String(describing: swappedNew?.id))")
        // A deleted record's key is free for a record inserted in the same batch.
        try await store.commit(WriteBatch([.delete(kind: kindB, id: "u2", expectedVersion: 3),
                                           .put(envelope("a", "u7", "x", unique: ["email:anna"]), expectedVersion: 0)]))
        let afterDelete = try await store.record(holding: "email:anna")
        try expect(afterDelete?.id == "u7", "a delete frees its keys for the same batch", "held by \(String(describing: afterDelete?.id))")
    }

    static func indexLookUps(_ store: any RecordStore) async throws {
        let rule = "records(kind:indexKey:) returns exactly the records holding the key, in insertion order"
        try await store.commit(WriteBatch([.put(envelope("a", "i3", "x", index: ["status:open", "owner:1"]), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.put(envelope("a", "i1", "x", index: ["status:closed"]), expectedVersion: 0),
                                           .put(envelope("a", "i2", "x", index: ["status:open"]), expectedVersion: 0),
                                           .put(envelope("b", "i9", "x", index: ["status:open"]), expectedVersion: 0)]))
        try await expectIDs(store, kindA, "status:open", ["i3", "i2"], rule)
        try await expectIDs(store, kindB, "status:open", ["i9"], rule)
        try await expectIDs(store, kindA, "owner:1", ["i3"], rule)
        try await expectIDs(store, kindA, "nobody", [], rule)
        try await store.commit(WriteBatch([.put(envelope("a", "i3", "x", index: ["status:closed"]), expectedVersion: 1)]))
        try await expectIDs(store, kindA, "status:open", ["i2"], "an update moves index keys")
        try await expectIDs(store, kindA, "status:closed", ["i3", "i1"], "an update keeps the insertion position")
        try await expectIDs(store, kindA, "owner:1", [], "an update drops index keys")
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "i1", expectedVersion: 1)]))
        try await expectIDs(store, kindA, "status:closed", ["i3"], "a delete removes index keys")
        try await expectIDs(store, "conformance.none", nil, [], rule)
    }

    static func insertionOrder(_ store: any RecordStore) async throws {
        let rule = "records(kind:nil) returns every record of the kind in first-insertion order"
        var generator = SeededRandomNumberGenerator(seed: 7)
        var expected: [String] = []
        var pool = (0..<40).map { "o\($0)" }
        pool.shuffle(using: &generator)
        for chunkStart in stride(from: 0, to: pool.count, by: 5) {
            let chunk = Array(pool[chunkStart..<min(chunkStart + 5, pool.count)])
            try await store.commit(WriteBatch(chunk.map { .put(envelope("a", $0, $0, index: ["all"]), expectedVersion: 0) }))
            expected += chunk
        }
        try await expectIDs(store, kindA, nil, expected, rule)
        try await store.commit(WriteBatch([.put(envelope("a", expected[0], "changed", index: ["all"]), expectedVersion: 1)]))
        try await expectIDs(store, kindA, nil, expected, "an update keeps the insertion position")
        try await store.commit(WriteBatch([.delete(kind: kindA, id: expected[1], expectedVersion: 1)]))
        try await store.commit(WriteBatch([.put(envelope("a", expected[1], "back", index: ["all"]), expectedVersion: 0)]))
        let reordered = [expected[0]] + expected.dropFirst(2) + [expected[1]]
        try await expectIDs(store, kindA, nil, reordered, "a re-inserted record goes to the end")
        try await expectIDs(store, kindA, "all", reordered, "index look-ups keep insertion order")
    }

    static func copies(_ store: any RecordStore) async throws {
        let rule = "values handed out are copies that never change"
        let written = try await store.commit(WriteBatch([.put(envelope("a", "c1", "one", unique: ["c:1"], index: ["c"]), expectedVersion: 0)]))
        guard var first = try await store.record(kind: kindA, id: "c1") else {
            throw ConformanceFailure(rule: rule, detail: "the record is missing")
        }
        let original = first
        first.payload = Data("mutated".utf8)
        first.uniqueKeys = ["c:mutated"]
        first.version = 99
        try await expectRecord(store, "a", "c1", version: 1, payload: "one", rule)
        try await store.commit(WriteBatch([.put(envelope("a", "c1", "two"), expectedVersion: 1)]))
        try expect(original.payload == Data("one".utf8) && original.version == 1 && written.first?.version == 1, rule,
                   "an earlier value changed after a later write")
        let holder = try await store.record(holding: "c:mutated")
        try expect(holder == nil, rule, "changing a returned value changed the store")
    }

    static func racingWriters(_ store: any RecordStore, racers: Int) async throws {
        // Same record, same expected version: exactly one wins per version.
        try await store.commit(WriteBatch([.put(envelope("a", "r1", "start"), expectedVersion: 0)]))
        for round in 1...3 {
            let version = UInt64(round)
            let outcomes = await race(racers) { index in
                try await store.commit(WriteBatch([.put(envelope("a", "r1", "racer \(index)"), expectedVersion: version)]))
            }
            try checkRace(outcomes, loser: .conflict, "of \(racers) updates of one record at version \(version), exactly one wins")
            guard let record = try await store.record(kind: kindA, id: "r1"), record.version == version + 1 else {
                throw ConformanceFailure(rule: "racing updates make exactly one new version", detail: "the version is not \(version + 1)")
            }
        }
        // Racing inserts of the same unique key under different IDs and kinds: exactly one succeeds.
        let keyOutcomes = await race(racers) { index in
            try await store.commit(WriteBatch([.put(envelope(index % 2 == 0 ? "a" : "b", "k\(index)", "x", unique: ["race:key"]),
                                                    expectedVersion: 0)]))
        }
        try checkRace(keyOutcomes, loser: .uniqueKeyTaken, "of \(racers) inserts claiming one unique key, exactly one succeeds")
        // Racing inserts of the same ID: exactly one succeeds.
        let idOutcomes = await race(racers) { index in
            try await store.commit(WriteBatch([.put(envelope("b", "same", "\(index)"), expectedVersion: 0)]))
        }
        try checkRace(idOutcomes, loser: .conflict, "of \(racers) inserts of one ID, exactly one succeeds")
        // Independent writers all succeed.
        let independent = await race(racers) { index in
            try await store.commit(WriteBatch([.put(envelope("b", "free\(index)", "x", unique: ["free:\(index)"]), expectedVersion: 0)]))
        }
        let failures = independent.compactMap { outcome -> StorageError? in
            if case .failure(let error) = outcome { return error }
            return nil
        }
        try expect(failures.isEmpty, "concurrent writers of different records all succeed", "failures: \(failures.map(\.detail))")
        let count = try await store.records(kind: kindB, indexKey: nil).filter { $0.id.hasPrefix("free") }.count
        try expect(count == racers, "concurrent writers of different records all succeed", "\(count) of \(racers) records stored")
    }

    static func outboxUnit(_ store: any RecordStore) async throws {
        let rule = "a state change and its outbox mail commit as one unit"
        let note = SampleNote(id: "state-1", text: "submitted", tags: ["submitted"])
        var batch = WriteBatch()
        try batch.insert(note)
        try batch.insert(RecordSamples.outboxMail(id: "mail-1", status: .pending))
        try await store.commit(batch)
        let mail = try await store.fetch(OutboxMail.self, id: "mail-1")
        let state = try await store.fetch(SampleNote.self, id: "state-1")
        try expect(mail != nil && state?.record == note, rule, "the state or the mail is missing")
        let pending = try await store.fetchAll(OutboxMail.self, indexKey: OutboxMail.pendingIndex)
        try expect(pending.map(\.record.id) == ["mail-1"], rule, "pending mails: \(pending.map(\.record.id))")
        // A stale state change takes its mail down with it.
        var stale = WriteBatch()
        var changed = note
        changed.text = "approved"
        try stale.update(Stored(record: changed, version: 7))
        try stale.insert(RecordSamples.outboxMail(id: "mail-2", status: .pending))
        try await expectError(.conflict, rule + " (a failed change sends no mail)") { try await store.commit(stale) }
        let lost = try await store.fetch(OutboxMail.self, id: "mail-2")
        try expect(lost == nil, rule, "the mail of a failed change was stored")
        // Marking a mail delivered moves it out of the pending index.
        if var stored = mail {
            stored.record.status = .delivered
            var delivered = WriteBatch()
            try delivered.update(stored)
            try await store.commit(delivered)
            let stillPending = try await store.fetchAll(OutboxMail.self, indexKey: OutboxMail.pendingIndex)
            try expect(stillPending.isEmpty, rule, "a delivered mail is still pending")
        }
    }

    static func checkWrites(_ store: any RecordStore) async throws {
        let rule = "R-UOW-1: a check write"
        try await store.commit(WriteBatch([.put(envelope("a", "x", "one"), expectedVersion: 0),
                                           .put(envelope("a", "y", "one"), expectedVersion: 0)]))
        // At the live version it passes, writes nothing and returns no envelope.
        let passed = try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 1),
                                                        .put(envelope("b", "z1", "new"), expectedVersion: 0)]))
        try expect(passed.map(\.id) == ["z1"], rule + " at the live version passes; commit returns only the put",
                   "returned \(passed.map(\.id))")
        let checkOnly = try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 1)]))
        try expect(checkOnly.isEmpty, rule + " alone commits and returns nothing", "returned \(checkOnly)")
        try await expectRecord(store, "a", "x", version: 1, payload: "one", rule + " changes nothing")
        // At a stale version the batch fails and changes nothing.
        try await store.commit(WriteBatch([.put(envelope("a", "x", "two"), expectedVersion: 1)]))
        try await expectError(.conflict, rule + " at a stale version fails the batch") {
            try await store.commit(WriteBatch([.put(envelope("b", "z2", "lost", unique: ["z:2"], index: ["z"]), expectedVersion: 0),
                                               .put(envelope("a", "y", "lost"), expectedVersion: 1),
                                               .check(kind: kindA, id: "x", expectedVersion: 1)]))
        }
        let lost = try await store.record(kind: kindB, id: "z2")
        let claimed = try await store.record(holding: "z:2")
        let indexed = try await store.records(kind: kindB, indexKey: "z")
        try expect(lost == nil && claimed == nil && indexed.isEmpty, rule + " that fails changes nothing",
                   "the batch's insert, unique key or index key is visible")
        try await expectRecord(store, "a", "y", version: 1, payload: "one", rule + " that fails changes nothing")
        // Absent (0): fails on a live record, passes on one never written.
        try await expectError(.conflict, rule + " of absence fails when the record exists") {
            try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 0),
                                               .put(envelope("b", "z3", "x"), expectedVersion: 0)]))
        }
        try await store.commit(WriteBatch([.check(kind: kindA, id: "never", expectedVersion: 0),
                                           .put(envelope("b", "z3", "x"), expectedVersion: 0)]))
        try await expectError(.conflict, rule + " of a version of a record that never existed fails") {
            try await store.commit(WriteBatch([.check(kind: kindA, id: "never", expectedVersion: 1)]))
        }
        try await expectError(.conflict, rule + " looks at its own kind only") {
            try await store.commit(WriteBatch([.check(kind: kindB, id: "x", expectedVersion: 2)]))
        }
        // After a delete: absence passes, the old version fails.
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "y", expectedVersion: 1)]))
        try await store.commit(WriteBatch([.check(kind: kindA, id: "y", expectedVersion: 0)]))
        try await expectError(.conflict, rule + " at the version a deleted record had fails") {
            try await store.commit(WriteBatch([.check(kind: kindA, id: "y", expectedVersion: 1)]))
        }
        // A check and a write of one record at the same version: allowed, the write counts once.
        let both = try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 2),
                                                      .put(envelope("a", "x", "three"), expectedVersion: 2),
                                                      .check(kind: kindA, id: "x", expectedVersion: 2)]))
        try expect(both.map(\.version) == [3], rule + " and a write of one record at the same version commit once",
                   "returned versions \(both.map(\.version))")
        try await expectRecord(store, "a", "x", version: 3, payload: "three", rule + " and a write at the same version")
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "x", expectedVersion: 3),
                                           .check(kind: kindA, id: "x", expectedVersion: 3)]))
        try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 0),
                                           .put(envelope("a", "x", "four"), expectedVersion: 0)]))
        try await expectRecord(store, "a", "x", version: 4, payload: "four", rule + " of absence and a re-insert in one batch")
        // At different versions: invalidBatch, whichever comes first and whatever is stored.
        try await expectError(.invalidBatch, rule + " and a write of one record at different versions are an invalid batch") {
            try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 3),
                                               .put(envelope("a", "x", "five"), expectedVersion: 4)]))
        }
        try await expectError(.invalidBatch, rule + " after a write of the record at another version is an invalid batch") {
            try await store.commit(WriteBatch([.put(envelope("a", "x", "five"), expectedVersion: 4),
                                               .check(kind: kindA, id: "x", expectedVersion: 5)]))
        }
        try await expectError(.invalidBatch, rule + " twice at different versions is an invalid batch") {
            try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 4),
                                               .check(kind: kindA, id: "x", expectedVersion: 0)]))
        }
        try await expectError(.invalidBatch, rule + " that is stale and disagrees with the write is an invalid batch, not a conflict") {
            try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: 1),
                                               .delete(kind: kindA, id: "x", expectedVersion: 2)]))
        }
        try await expectRecord(store, "a", "x", version: 4, payload: "four", rule + " in an invalid batch changes nothing")
    }

    static func tombstones(_ store: any RecordStore,
                           reopen: (@Sendable (any RecordStore) async throws -> any RecordStore)?) async throws {
        let rule = "R-UOW-1: versions never repeat (a delete leaves a tombstone)"
        try await store.commit(WriteBatch([.put(envelope("a", "t", "one", unique: ["t:key"], index: ["t"]), expectedVersion: 0)]))
        try await store.commit(WriteBatch([.put(envelope("a", "t", "two", unique: ["t:key"], index: ["t"]), expectedVersion: 1)]))
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "t", expectedVersion: 2)]))
        let gone = try await store.record(kind: kindA, id: "t")
        let listed = try await ids(store, kindA, nil) + ids(store, kindA, "t")
        let holder = try await store.record(holding: "t:key")
        try expect(gone == nil && listed.isEmpty && holder == nil, rule + ": a deleted record is invisible to every read",
                   "record \(String(describing: gone)), listed \(listed), key held by \(String(describing: holder?.id))")
        let stale: [(RecordWrite, String)] = [(.check(kind: kindA, id: "t", expectedVersion: 2), "a check"),
                                              (.put(envelope("a", "t", "stale"), expectedVersion: 2), "an update"),
                                              (.delete(kind: kindA, id: "t", expectedVersion: 2), "a delete")]
        for (write, what) in stale {
            try await expectError(.conflict, rule + ": \(what) at the deleted record's last version fails") {
                try await store.commit(WriteBatch([write]))
            }
        }
        let again = try await store.commit(WriteBatch([.put(envelope("a", "t", "three", unique: ["t:key"], index: ["t"]), expectedVersion: 0)]))
        try expect(again.map(\.version) == [3], rule + ": a re-insert continues from the last version",
                   "the re-insert returned versions \(again.map(\.version))")
        try await expectRecord(store, "a", "t", version: 3, payload: "three", rule + ": a re-insert continues from the last version")
        try await store.commit(WriteBatch([.check(kind: kindA, id: "t", expectedVersion: 3)]))
        for old: UInt64 in [1, 2] {
            try await expectError(.conflict, rule + ": a check at version \(old) of the re-inserted record fails") {
                try await store.commit(WriteBatch([.check(kind: kindA, id: "t", expectedVersion: old)]))
            }
        }
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "t", expectedVersion: 3)]))
        let fourth = try await store.commit(WriteBatch([.put(envelope("a", "t", "four"), expectedVersion: 0)]))
        try expect(fourth.map(\.version) == [4], rule + ": every re-insert continues", "versions \(fourth.map(\.version))")
        let otherKind = try await store.commit(WriteBatch([.put(envelope("b", "t", "other"), expectedVersion: 0)]))
        try expect(otherKind.map(\.version) == [1], rule + ": tombstones are per kind", "versions \(otherKind.map(\.version))")
        // Many tombstones, then (for a durable store) reopening.
        try await store.commit(WriteBatch((0..<20).map { .put(envelope("b", "d\($0)", "x", index: ["d"]), expectedVersion: 0) }))
        try await store.commit(WriteBatch((0..<20).map { .put(envelope("b", "d\($0)", "y", index: ["d"]), expectedVersion: 1) }))
        try await store.commit(WriteBatch((0..<20).map { .delete(kind: kindB, id: "d\($0)", expectedVersion: 2) }))
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "t", expectedVersion: 4)]))
        guard let reopen else { return }
        let reopened = try await reopen(store)
        let durable = "R-UOW-1: tombstones survive reopening"
        try await expectError(.conflict, durable + " (a check at the last version fails)") {
            try await reopened.commit(WriteBatch([.check(kind: kindA, id: "t", expectedVersion: 4)]))
        }
        try await reopened.commit(WriteBatch([.check(kind: kindA, id: "t", expectedVersion: 0)]))
        let back = try await reopened.commit(WriteBatch([.put(envelope("a", "t", "five"), expectedVersion: 0)]
                                                         + (0..<20).map { .put(envelope("b", "d\($0)", "z"), expectedVersion: 0) }))
        try expect(back.map(\.version) == [5] + Array(repeating: 3, count: 20), durable + " (re-inserts continue)",
                   "versions \(back.map(\.version))")
        let count = try await ids(reopened, kindB, "d").count
        try expect(count == 0, durable + " (a re-insert without the index key is not indexed)", "\(count) records under d")
    }

    static func pages(_ store: any RecordStore) async throws {
        let rule = "R-ADP-1: records(kind:indexKey:after:limit:)"
        let empty = try await store.records(kind: "conformance.none", indexKey: nil, after: nil, limit: 10)
        let emptyIndex = try await store.records(kind: kindA, indexKey: "nobody", after: nil, limit: 10)
        try expect(empty.records.isEmpty && empty.next == nil && emptyIndex.records.isEmpty && emptyIndex.next == nil,
                   rule + " of an empty kind or key is one empty page", "\(empty), \(emptyIndex)")
        var generator = SeededRandomNumberGenerator(seed: 11)
        var order = (0..<12).map { "g\($0)" }
        order.shuffle(using: &generator)
        for start in stride(from: 0, to: order.count, by: 4) {
            try await store.commit(WriteBatch(order[start..<(start + 4)].enumerated().map { offset, id in
                .put(envelope("a", id, id, index: [(start + offset) % 2 == 0 ? "even" : "odd", "all"]), expectedVersion: 0)
            }))
        }
        try await store.commit(WriteBatch([.put(envelope("b", "other", "x", index: ["even"]), expectedVersion: 0)]))
        let even = order.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        for limit in [1, 3, 4, 5, 12, 13, 100] {
            let (read, pageCount) = try await readAll(store, kindA, nil, limit: limit)
            try expect(read == order, rule + " pages through every record once, in insertion order (limit \(limit))",
                       "read \(read), expected \(order)")
            let expectedPages = max(1, (order.count + limit - 1) / limit)
            try expect(pageCount == expectedPages, rule + ": next is nil exactly when nothing follows (limit \(limit))",
                       "\(pageCount) pages, expected \(expectedPages)")
            let (readEven, _) = try await readAll(store, kindA, "even", limit: limit)
            try expect(readEven == even, rule + " pages through an index key's records in insertion order (limit \(limit))",
                       "read \(readEven), expected \(even)")
        }
        let first = try await store.records(kind: kindA, indexKey: nil, after: nil, limit: 5)
        try expect(first.records.map(\.id) == Array(order.prefix(5)) && first.records.allSatisfy { $0.version == 1 }
                   && first.records.first?.payload == Data(order[0].utf8),
                   rule + " returns whole envelopes", "\(first.records)")
        for limit in [0, -1] {
            let none = try await store.records(kind: kindA, indexKey: nil, after: first.next, limit: limit)
            try expect(none.records.isEmpty && none.next == nil, rule + ": a limit of \(limit) reads an empty page with no next cursor",
                       "\(none)")
        }
        // A cursor is Codable, so a job can keep it between runs.
        guard let cursor = first.next else { throw ConformanceFailure(rule: rule, detail: "no cursor after 5 of 12 records") }
        let decoded = try JSONDecoder().decode(RecordCursor.self, from: JSONEncoder().encode(cursor))
        let rest = try await store.records(kind: kindA, indexKey: nil, after: decoded, limit: 100)
        try expect(rest.records.map(\.id) == Array(order.dropFirst(5)) && rest.next == nil,
                   rule + " goes on from a decoded cursor", "read \(rest.records.map(\.id))")
    }

    static func pageStability(_ store: any RecordStore) async throws {
        let rule = "R-ADP-1: pages are stable under updates and deletes between them"
        let ids = (0..<10).map { "s\($0)" }
        for id in ids {
            try await store.commit(WriteBatch([.put(envelope("a", id, "v1", index: ["open"]), expectedVersion: 0)]))
        }
        let first = try await store.records(kind: kindA, indexKey: nil, after: nil, limit: 3)
        try expect(first.records.map(\.id) == ["s0", "s1", "s2"], rule, "first page \(first.records.map(\.id))")
        // Between pages: update one record before the cursor and one after it, delete the cursor's own
        // record and one after it, delete one before it and insert it again, insert a new one.
        try await store.commit(WriteBatch([.put(envelope("a", "s1", "v2", index: ["open"]), expectedVersion: 1),
                                           .put(envelope("a", "s4", "v2", index: ["open"]), expectedVersion: 1),
                                           .delete(kind: kindA, id: "s2", expectedVersion: 1),
                                           .delete(kind: kindA, id: "s5", expectedVersion: 1)]))
        try await store.commit(WriteBatch([.delete(kind: kindA, id: "s0", expectedVersion: 1)]))
        try await store.commit(WriteBatch([.put(envelope("a", "s0", "again", index: ["open"]), expectedVersion: 0),
                                           .put(envelope("a", "s10", "new", index: ["open"]), expectedVersion: 0)]))
        var read: [RecordEnvelope] = []
        var cursor = first.next
        var guardCount = 0
        while let next = cursor, guardCount < 20 {
            let page = try await store.records(kind: kindA, indexKey: nil, after: next, limit: 3)
            read += page.records
            cursor = page.next
            guardCount += 1
        }
        let present = ["s3", "s4", "s6", "s7", "s8", "s9"]
        let seen = read.map(\.id).filter { present.contains($0) }
        try expect(seen == present, rule + ": every record present for the whole read comes once, in order, even when the cursor's own record and one before it were deleted",
                   "read \(read.map(\.id)) after \(first.records.map(\.id))")
        try expect(!read.contains { ["s1", "s2", "s5"].contains($0.id) }, rule + ": no record comes twice or after its delete",
                   "read \(read.map(\.id))")
        try expect(read.first { $0.id == "s4" }?.version == 2, rule + ": a page shows the current version", "\(read)")
        // Holders leaving an index key between pages (a job working off "open").
        let open = try await store.records(kind: kindA, indexKey: "open", after: nil, limit: 2)
        try expect(open.records.map(\.id) == ["s1", "s3"], rule + " (index key)", "first page \(open.records.map(\.id))")
        try await store.commit(WriteBatch([.put(envelope("a", "s1", "done"), expectedVersion: 2),
                                           .put(envelope("a", "s3", "done"), expectedVersion: 1)]))
        var openRead: [String] = []
        cursor = open.next
        guardCount = 0
        while let next = cursor, guardCount < 20 {
            let page = try await store.records(kind: kindA, indexKey: "open", after: next, limit: 2)
            openRead += page.records.map(\.id)
            cursor = page.next
            guardCount += 1
        }
        try expect(openRead == ["s4", "s6", "s7", "s8", "s9", "s0", "s10"],
                   rule + ": an index page goes on after its cursor when the records read so far leave the key",
                   "read \(openRead)")
    }

    static func keyRanges(_ store: any RecordStore) async throws {
        let rule = "R-ADP-1 (guarantee 11): records(kind:indexKeysFrom:below:after:limit:)"
        // Keys whose byte order differs from a locale's: upper case before lower case, ASCII before
        // "é", "due;" just past the prefix "due:", and the bare prefix itself.
        let holders: [(id: String, keys: [String])] = [
            ("r0", ["due:2026-12-03"]), ("r1", ["due:2026-12-01"]), ("r2", ["due:a"]), ("r3", ["due:B"]),
            ("r4", ["due:2026-12-01", "other"]), ("r5", ["due;"]), ("r6", ["due:\u{E9}"]), ("r7", ["due:"]),
            ("r8", ["du"]), ("r9", ["due:2026-12-02", "due:2026-12-03"]), ("r10", ["other"]),
        ]
        for (id, keys) in holders {
            try await store.commit(WriteBatch([.put(envelope("a", id, id, index: keys), expectedVersion: 0)]))
        }
        try await store.commit(WriteBatch([.put(envelope("b", "elsewhere", "x", index: ["due:2026-12-01"]), expectedVersion: 0)]))
        let expected = ["r7", "r1", "r4", "r9", "r0", "r9", "r3", "r2", "r6"]
        for limit in [1, 2, 3, 8, 9, 10, 100] {
            let (read, pageCount) = try await readRange(store, kindA, "due:", "due;", limit: limit)
            try expect(read == expected, rule + " reads a prefix in byte order of the keys, then insertion order, a record once under each key it holds (limit \(limit))",
                       "read \(read), expected \(expected)")
            let expectedPages = max(1, (expected.count + limit - 1) / limit)
            try expect(pageCount == expectedPages, rule + ": next is nil exactly when nothing follows (limit \(limit))",
                       "\(pageCount) pages, expected \(expectedPages)")
        }
        let (days, _) = try await readRange(store, kindA, "due:2026-12-01", "due:2026-12-03", limit: 2)
        try expect(days == ["r1", "r4", "r9"], rule + " excludes the upper key and includes the lower one", "read \(days)")
        let (allKinds, _) = try await readRange(store, kindB, "due:", "due;", limit: 10)
        try expect(allKinds == ["elsewhere"], rule + " reads one kind only", "read \(allKinds)")
        for (lower, upper) in [("due:2026-12-03", "due:2026-12-03"), ("due:b", "due:a"), ("zz", "zzz")] {
            let none = try await store.records(kind: kindA, indexKeysFrom: lower, below: upper, after: nil, limit: 10)
            try expect(none.records.isEmpty && none.next == nil, rule + ": the empty range \(lower) ..< \(upper) is one empty page",
                       "\(none.records.map(\.id))")
        }
        for limit in [0, -1] {
            let none = try await store.records(kind: kindA, indexKeysFrom: "due:", below: "due;", after: nil, limit: limit)
            try expect(none.records.isEmpty && none.next == nil, rule + ": a limit of \(limit) reads an empty page with no next cursor",
                       "\(none)")
        }
        let first = try await store.records(kind: kindA, indexKeysFrom: "due:", below: "due;", after: nil, limit: 4)
        guard let cursor = first.next else { throw ConformanceFailure(rule: rule, detail: "no cursor after 4 of 9 entries") }
        try expect(cursor.indexKey != nil, rule + ": a range cursor names its key", "\(cursor)")
        let decoded = try JSONDecoder().decode(RecordCursor.self, from: JSONEncoder().encode(cursor))
        let rest = try await store.records(kind: kindA, indexKeysFrom: "due:", below: "due;", after: decoded, limit: 100)
        try expect(rest.records.map(\.id) == Array(expected.dropFirst(4)) && rest.next == nil,
                   rule + " goes on from a decoded cursor", "read \(rest.records.map(\.id))")
    }

    static func keyRangeStability(_ store: any RecordStore) async throws {
        let rule = "R-ADP-1 (guarantee 11): range pages are stable under writes between them"
        // Ten records due on five days, two a day, inserted in a shuffled order.
        var generator = SeededRandomNumberGenerator(seed: 17)
        var ids = (0..<10).map { "d\($0)" }
        ids.shuffle(using: &generator)
        for id in ids {
            let day = Int(id.dropFirst())! / 2 + 1
            try await store.commit(WriteBatch([.put(envelope("a", id, "v1", index: ["due:2026-12-0\(day)"]), expectedVersion: 0)]))
        }
        let first = try await store.records(kind: kindA, indexKeysFrom: "due:", below: "due;", after: nil, limit: 3)
        let firstIDs = first.records.map(\.id)
        guard let cursorID = firstIDs.last, firstIDs.count == 3 else { throw ConformanceFailure(rule: rule, detail: "first page \(firstIDs)") }
        // Between pages: delete the cursor's own record, delete one further on, update another further on
        // (same key), move one further on to a day already read, and add one on a later day.
        let later = (try await readRange(store, kindA, "due:", "due;", limit: 100)).0.filter { !firstIDs.contains($0) }
        try await store.commit(WriteBatch([.delete(kind: kindA, id: cursorID, expectedVersion: 1),
                                           .delete(kind: kindA, id: later[0], expectedVersion: 1)]))
        let updatedID = later[1], movedID = later[2]
        let updatedDay = Int(updatedID.dropFirst())! / 2 + 1
        try await store.commit(WriteBatch([.put(envelope("a", updatedID, "v2", index: ["due:2026-12-0\(updatedDay)"]), expectedVersion: 1),
                                           .put(envelope("a", movedID, "moved", index: ["due:2026-11-30"]), expectedVersion: 1),
                                           .put(envelope("a", "d10", "new", index: ["due:2026-12-09"]), expectedVersion: 0)]))
        var read: [RecordEnvelope] = []
        var cursor = first.next
        var pages = 0
        while let next = cursor, pages < 20 {
            let page = try await store.records(kind: kindA, indexKeysFrom: "due:", below: "due;", after: next, limit: 3)
            read += page.records
            cursor = page.next
            pages += 1
        }
        let readIDs = read.map(\.id)
        let present = later.dropFirst(3)
        try expect(Array(present).allSatisfy { id in readIDs.filter { $0 == id }.count == 1 } && readIDs.contains(updatedID),
                   rule + ": every record holding its key for the whole read comes once, also when the cursor's own record was deleted",
                   "read \(readIDs) after \(firstIDs); expected each of \(Array(present)) + \(updatedID) once")
        try expect(!readIDs.contains(later[0]) && !readIDs.contains(cursorID) && !readIDs.contains(movedID)
                   && !readIDs.contains { firstIDs.contains($0) },
                   rule + ": no deleted record, none moved behind the cursor, none read twice", "read \(readIDs)")
        try expect(read.first { $0.id == updatedID }?.version == 2 && readIDs.last == "d10",
                   rule + ": a page shows the current version and a record added further on", "read \(readIDs)")
    }

    static func racingChecks(_ store: any RecordStore, racers: Int) async throws {
        let rule = "R-UOW-1: a check is atomic with its batch: every racer whose check of X at v committed did so before X changed"
        try await store.commit(WriteBatch([.put(envelope("a", "x", "v1"), expectedVersion: 0)]))
        for round in 1...3 {
            let version = UInt64(round)
            let outcomes = await race(racers + 1) { index in
                if index == racers / 2 {
                    // The one writer: bumps X and marks the moment in the kind's insertion order.
                    try await store.commit(WriteBatch([.put(envelope("a", "x", "v\(version + 1)"), expectedVersion: version),
                                                       .put(envelope("b", "bump\(round)", "x"), expectedVersion: 0)]))
                } else {
                    try await store.commit(WriteBatch([.check(kind: kindA, id: "x", expectedVersion: version),
                                                       .put(envelope("b", "r\(round)-\(index)", "x"), expectedVersion: 0)]))
                }
            }
            for outcome in outcomes {
                if case .failure(let error) = outcome, error.reason != .conflict {
                    throw ConformanceFailure(rule: rule, detail: "a racer failed with \(error.reason): \(error.detail)")
                }
            }
            let order = try await ids(store, kindB, nil)
            guard let bump = order.firstIndex(of: "bump\(round)") else {
                throw ConformanceFailure(rule: rule, detail: "the writer of round \(round) did not commit")
            }
            let late = order[(bump + 1)...].filter { $0.hasPrefix("r\(round)-") }
            try expect(late.isEmpty, rule, "round \(round): \(late) committed a check of X at version \(version) after X changed")
            let wins = outcomes.filter { if case .success = $0 { return true } else { return false } }.count
            let stored = order.filter { $0.hasPrefix("r\(round)-") }.count
            try expect(stored == wins - 1, rule, "round \(round): \(wins - 1) racers succeeded, \(stored) records stored")
            try await expectRecord(store, "a", "x", version: version + 1, payload: "v\(version + 1)", rule)
        }
    }

    static func closing(_ store: any RecordStore, racers: Int,
                        reopen: (@Sendable (any RecordStore) async throws -> any RecordStore)?) async throws {
        let rule = "R-ADP-1: close() waits for commits in flight; a commit racing it succeeds or fails with unavailable"
        try await store.commit(WriteBatch([.put(envelope("a", "before", "x"), expectedVersion: 0)]))
        let outcomes = await race(racers + 1) { index in
            if index == racers / 2 {
                await store.close()
            } else {
                try await store.commit(WriteBatch([.put(envelope("a", "c\(index)", "x"), expectedVersion: 0)]))
            }
        }
        for case .failure(let error) in outcomes {
            try expect(error.reason == .unavailable, rule, "a commit racing close() failed with \(error.reason): \(error.detail)")
        }
        await store.close() // a second close does nothing
        let after = "R-ADP-1: after close(), calls fail with unavailable"
        do {
            _ = try await store.record(kind: kindA, id: "before")
            _ = try await store.records(kind: kindA, indexKey: nil, after: nil, limit: 5)
            try await store.commit(WriteBatch([.put(envelope("a", "late", "x"), expectedVersion: 0)]))
            // No error: a store that holds nothing may keep working after close().
        } catch {
            try expect(error.reason == .unavailable, after, "failed with \(error.reason): \(error.detail)")
        }
        guard let reopen else { return }
        let reopened = try await reopen(store)
        let found = try await ids(reopened, kindA, nil)
        let wins = outcomes.filter { if case .success = $0 { return true } else { return false } }.count
        let racersStored = found.filter { $0.hasPrefix("c") }.count
        try expect(found.first == "before" && racersStored == wins - 1, "R-ADP-1: every commit that succeeded before close() survives it",
                   "\(wins - 1) commits succeeded, \(racersStored) found after reopening: \(found)")
    }

    static func roundTrips(_ store: any RecordStore, samples: [any StoredRecord & Equatable],
                           reopen: (@Sendable (any RecordStore) async throws -> any RecordStore)?) async throws {
        for sample in samples { try await insert(sample, into: store) }
        for sample in samples { try await checkRoundTrip(sample, in: store, after: "a commit") }
        if let reopen {
            let reopened = try await reopen(store)
            for sample in samples { try await checkRoundTrip(sample, in: reopened, after: "reopening") }
        }
    }

    static func reopening(_ store: any RecordStore,
                          reopen: @Sendable (any RecordStore) async throws -> any RecordStore) async throws {
        let rule = "everything committed is there after reopening"
        for index in 0..<30 {
            try await store.commit(WriteBatch([.put(envelope(index % 3 == 0 ? "b" : "a", "p\(index)", "v\(index)",
                                                            unique: ["p:\(index)"], index: ["mod:\(index % 4)"]), expectedVersion: 0)]))
        }
        try await store.commit(WriteBatch([.put(envelope("a", "p1", "updated", unique: ["p:moved"], index: ["mod:1"]), expectedVersion: 1),
                                           .delete(kind: kindA, id: "p2", expectedVersion: 1)]))
        _ = try? await store.commit(WriteBatch([.put(envelope("a", "p4", "failed"), expectedVersion: 9)]))
        // A batch of checks only writes nothing, and must leave nothing a reopened store trips over.
        try await store.commit(WriteBatch([.check(kind: kindA, id: "p4", expectedVersion: 1),
                                           .check(kind: kindA, id: "p2", expectedVersion: 0)]))
        let before = try await dump(store)
        let reopened = try await reopen(store)
        let after = try await dump(reopened)
        try expect(before == after, rule, "before: \(before.count) records, after: \(after.count); differences: \(Set(after).symmetricDifference(before).prefix(3))")
        let moved = try await reopened.record(holding: "p:moved")
        let freed = try await reopened.record(holding: "p:1")
        try expect(moved?.id == "p1" && freed == nil, rule, "unique keys differ after reopening")
        try await expectIDs(reopened, kindA, "mod:1", ["p1", "p5", "p13", "p17", "p25", "p29"], rule)
        try await expectError(.conflict, "versions continue after reopening") {
            try await reopened.commit(WriteBatch([.put(envelope("a", "p1", "stale"), expectedVersion: 1)]))
        }
        try await expectError(.uniqueKeyTaken, "unique keys hold after reopening") {
            try await reopened.commit(WriteBatch([.put(envelope("a", "new", "x", unique: ["p:moved"]), expectedVersion: 0)]))
        }
        let next = try await reopened.commit(WriteBatch([.put(envelope("a", "p1", "third"), expectedVersion: 2),
                                                         .put(envelope("a", "p2", "back"), expectedVersion: 0)]))
        try expect(next.map(\.version) == [3, 2], "R-UOW-1: commits continue after reopening, a re-insert from its tombstone",
                   "versions \(next.map(\.version))")
        let again = try await reopen(reopened)
        let last = try await ids(again, kindA, nil)
        try expect(last.last == "p2" && last.first == "p1", "insertion order continues after reopening", "order \(last)")
    }

    // MARK: - Helpers

    static let kindA = "conformance.a"
    static let kindB = "conformance.b"

    static func envelope(_ kind: String, _ id: String, _ payload: String, unique: [String] = [], index: [String] = []) -> RecordEnvelope {
        RecordEnvelope(kind: kind == "a" ? kindA : kindB, id: id, version: 0, payload: Data(payload.utf8),
                       uniqueKeys: unique, indexKeys: index)
    }

    static func expect(_ condition: Bool, _ rule: String, _ detail: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(rule: rule, detail: detail()) }
    }

    static func expectRecord(_ store: any RecordStore, _ kind: String, _ id: String, version: UInt64, payload: String,
                             _ rule: String) async throws {
        let record = try await store.record(kind: kind == "a" ? kindA : kindB, id: id)
        guard let record, record.version == version, record.payload == Data(payload.utf8) else {
            throw ConformanceFailure(rule: rule, detail: "\(kind) \(id): expected version \(version) \"\(payload)\", found "
                                        + (record.map { "version \($0.version) \"\(String(decoding: $0.payload, as: UTF8.self))\"" } ?? "nothing"))
        }
    }

    static func expectError(_ reason: StorageError.Reason, _ rule: String,
                            _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as StorageError {
            guard error.reason == reason else {
                throw ConformanceFailure(rule: rule, detail: "expected \(reason), got \(error.reason): \(error.detail)")
            }
            return
        }
        throw ConformanceFailure(rule: rule, detail: "expected \(reason), but the commit succeeded")
    }

    static func expectIDs(_ store: any RecordStore, _ kind: String, _ indexKey: String?, _ expected: [String],
                          _ rule: String) async throws {
        let found = try await ids(store, kind, indexKey)
        try expect(found == expected, rule, "\(kind) \(indexKey ?? "(all)") → \(found), expected \(expected)")
    }

    static func ids(_ store: any RecordStore, _ kind: String, _ indexKey: String?) async throws -> [String] {
        try await store.records(kind: kind, indexKey: indexKey).map(\.id)
    }

    static func race(_ count: Int, _ body: @escaping @Sendable (Int) async throws -> Void) async -> [Result<Void, StorageError>] {
        await withTaskGroup(of: Result<Void, StorageError>.self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await body(index)
                        return .success(())
                    } catch let error as StorageError {
                        return .failure(error)
                    } catch {
                        return .failure(StorageError(.unavailable, detail: "not a StorageError: \(error)"))
                    }
                }
            }
            var outcomes: [Result<Void, StorageError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    static func checkRace(_ outcomes: [Result<Void, StorageError>], loser: StorageError.Reason, _ rule: String) throws {
        var wins = 0
        for outcome in outcomes {
            switch outcome {
            case .success: wins += 1
            case .failure(let error) where error.reason == loser: break
            case .failure(let error):
                throw ConformanceFailure(rule: rule, detail: "a loser failed with \(error.reason) instead of \(loser): \(error.detail)")
            }
        }
        try expect(wins == 1, rule, "\(wins) succeeded")
    }

    /// Every page of `kind` (and `indexKey`) with `limit`: the IDs read and the number of pages.
    static func readAll(_ store: any RecordStore, _ kind: String, _ indexKey: String?, limit: Int) async throws -> ([String], Int) {
        var read: [String] = []
        var pages = 0
        var cursor: RecordCursor?
        repeat {
            let page = try await store.records(kind: kind, indexKey: indexKey, after: cursor, limit: limit)
            read += page.records.map(\.id)
            pages += 1
            cursor = page.next
            if pages > 1_000 { throw ConformanceFailure(rule: "R-ADP-1: pages end", detail: "more than 1,000 pages of \(kind)") }
        } while cursor != nil
        return (read, pages)
    }

    static func readRange(_ store: any RecordStore, _ kind: String, _ lower: String, _ upper: String,
                          limit: Int) async throws -> ([String], Int) {
        var read: [String] = []
        var pages = 0
        var cursor: RecordCursor?
        repeat {
            let page = try await store.records(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit)
            read += page.records.map(\.id)
            pages += 1
            cursor = page.next
            if pages > 1_000 { throw ConformanceFailure(rule: "R-ADP-1: range pages end", detail: "more than 1,000 pages of \(kind)") }
        } while cursor != nil
        return (read, pages)
    }

    static func dump(_ store: any RecordStore) async throws -> [RecordEnvelope] {
        var all: [RecordEnvelope] = []
        for kind in [kindA, kindB] { all += try await store.records(kind: kind, indexKey: nil) }
        return all
    }

    static func insert<R: StoredRecord & Equatable>(_ sample: R, into store: any RecordStore) async throws {
        var batch = WriteBatch()
        try batch.insert(sample)
        try await store.commit(batch)
    }

    static func checkRoundTrip<R: StoredRecord & Equatable>(_ sample: R, in store: any RecordStore, after step: String) async throws {
        let rule = "every record round-trips through Codable and the store (\(R.kind) \(sample.id), after \(step))"
        guard let stored = try await store.fetch(R.self, id: sample.id) else {
            throw ConformanceFailure(rule: rule, detail: "the record is missing")
        }
        try expect(stored.record == sample, rule, "read back \(stored.record), wrote \(sample)")
        try expect(stored.version == 1, rule, "version \(stored.version)")
        let holders = try await store.fetchAll(R.self).map(\.record.id)
        try expect(holders.contains(sample.id), rule, "fetchAll does not list it")
        for key in sample.uniqueKeys {
            let holder = try await store.record(holding: key)
            try expect(holder?.id == sample.id.description, rule, "unique key \(key) is held by \(String(describing: holder?.id))")
        }
        for key in sample.indexKeys {
            let found = try await store.fetchAll(R.self, indexKey: IndexKey(key)).map(\.record.id)
            try expect(found.contains(sample.id), rule, "index key \(key) does not find it")
        }
    }
}
