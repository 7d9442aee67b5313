import CPSKit
import CPSKitTesting
import CPSPostgres
import Foundation
import Testing

/// Real CPSKit services racing through separate store instances — separate connection pools, as
/// separate processes would — on one PostgreSQL schema (R-ADP-1, SPEC §12 concurrency).
@Suite("PostgreSQL store: services racing on several connections", .serialized,
       .enabled(if: TestDatabase.shouldRun, TestDatabase.skipReason))
struct RaceTests {
    /// A context like `env.context` but on `store` and with IDs that cannot collide with another instance's.
    static func context(_ env: TestEnvironment, on store: any RecordStore) throws -> CPSContext {
        try CPSContext(store: store, identity: env.identity, tokenKeys: env.tokenKeys,
                       reviewers: env.context.reviewers, policy: env.context.policy, time: env.clock.source, ids: .uuid,
                       paymentGateway: env.gateway, legacyDirectory: env.legacyDirectory)
    }

    static func complete(_ serial: String) -> ProductForm {
        ProductForm(model: "EOS R3", serialNumber: serial, purchaseDate: "2025-06", countryOfPurchase: "SE", dealer: "Foto Stockholm AB")
    }

    @Test("R-PRD-4: two accounts on two connections register one serial at once: one success, one serialTaken", arguments: 0..<4)
    func serialRace(_ round: Int) async throws {
        try await TestStores.with { stores in
            let setup = try await stores.open()
            let env = TestEnvironment(store: setup)
            let anna = try await env.activeAccount()
            let erik = try await env.activeAccount(Fixtures.swedishNonVATForm)
            let first = ProductService(try Self.context(env, on: try await stores.open(setup.schema, connections: 1)))
            let second = ProductService(try Self.context(env, on: try await stores.open(setup.schema, connections: 1)))
            let contenders = [(first, anna), (second, erik)]
            let results = await withTaskGroup(of: Result<ProductDetail, any Error>.self) { group in
                for (service, active) in round.isMultiple(of: 2) ? contenders : contenders.reversed() {
                    group.addTask {
                        do {
                            return .success(try await service.register(Self.complete("RACE-\(round)-1"), on: active.account.id,
                                                                       as: active.principal))
                        } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: [Result<ProductDetail, any Error>]()) { $0.append($1) }
            }
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1)
            let failures = results.compactMap { result -> (any Error)? in
                if case .failure(let error) = result { return error }
                return nil
            }
            #expect(failures.map { ($0 as? ProductError)?.reason } == [.serialTaken], "\(failures)")
            let winner = try #require(winners.first)
            let loser = winner.registration.accountID == anna.account.id ? erik.account.id : anna.account.id
            let winnerBalance = try await setup.fetch(PointsBalance.self, id: winner.registration.accountID)
            let loserBalance = try await setup.fetch(PointsBalance.self, id: loser)
            #expect(winnerBalance?.record.points == 400)
            #expect((loserBalance?.record.points ?? 0) == 0)
            #expect(try await setup.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(loser)).isEmpty)
            #expect(try await setup.fetchAll(ProductRegistration.self).count == 1)
        }
    }

    @Test("R-BIL-2: three issuing jobs on three connections: consecutive numbers, no gap, no duplicate, nothing invoiced twice")
    func invoiceNumbering() async throws {
        try await TestStores.with { stores in
            let setup = try await stores.open()
            let env = TestEnvironment(store: setup)
            let active = try await env.activeAccount()
            try await env.setPoints(2_000, for: active.account.id)
            let count = 9
            for _ in 0..<count {
                _ = try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .silver, paymentMethod: .card, termsVersion: Fixtures.termsVersion),
                                                  as: active.principal)
            }
            env.clock.advance(by: 600)
            var jobs: [InvoicingService] = []
            for _ in 0..<3 { jobs.append(InvoicingService(try Self.context(env, on: try await stores.open(setup.schema, connections: 2)))) }
            let reports = try await withThrowingTaskGroup(of: InvoiceIssueReport.self) { group in
                for job in jobs { group.addTask { try await job.issueDueInvoices(as: TestEnvironment.billingJob) } }
                return try await group.reduce(into: [InvoiceIssueReport]()) { $0.append($1) }
            }
            #expect(reports.flatMap(\.issued).count == count)
            let stored = try await setup.fetchAll(Invoice.self).map(\.record)
            #expect(stored.count == count)
            let format = BillingPolicy.canonEurope.invoiceNumberFormat
            let sequences = try stored.map { try format.parse($0.number).sequence }.sorted()
            #expect(sequences == Array(1...count))
            #expect(Set(stored.map(\.purchaseID)).count == count)
            let counter = try #require(try await setup.fetch(InvoiceSeriesCounter.self, id: "CPS-2026"))
            #expect(counter.record.lastSequence == count)
            #expect(try await setup.fetchAll(MembershipPurchase.self, indexKey: MembershipPurchase.pendingIndex).isEmpty)
            #expect(try await env.mails("invoiceIssuedCard").count == count)
        }
    }

    @Test("R-ADP-1: racing raw commits on separate pools: one winner per version, one holder per unique key")
    func rawRace() async throws {
        try await TestStores.with { stores in
            let first = try await stores.open(connections: 3)
            var racers: [PostgresRecordStore] = [first]
            for _ in 0..<3 { racers.append(try await stores.open(first.schema, connections: 3)) }
            let all = racers
            try await first.commit(WriteBatch([.put(RecordEnvelope(kind: "race", id: "r", version: 0, payload: Data("0".utf8)),
                                                    expectedVersion: 0)]))
            for version in UInt64(1)...5 {
                let outcomes = await withTaskGroup(of: StorageError.Reason?.self) { group in
                    for index in 0..<12 {
                        group.addTask {
                            let envelope = RecordEnvelope(kind: "race", id: "r", version: 0, payload: Data("\(index)".utf8),
                                                          uniqueKeys: ["race:\(version):\(index)"])
                            let claim = RecordEnvelope(kind: "claim", id: "c\(version)-\(index)", version: 0, payload: Data(),
                                                       uniqueKeys: ["race:claim:\(version)"])
                            do {
                                try await all[index % all.count].commit(WriteBatch([.put(envelope, expectedVersion: version),
                                                                                      .put(claim, expectedVersion: 0)]))
                                return nil
                            } catch let error as StorageError {
                                return error.reason
                            } catch {
                                return .unavailable
                            }
                        }
                    }
                    return await group.reduce(into: [StorageError.Reason?]()) { $0.append($1) }
                }
                #expect(outcomes.filter { $0 == nil }.count == 1, "round \(version): \(outcomes)")
                #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .conflict }, "losers: \(outcomes)")
                #expect(try await first.record(kind: "race", id: "r")?.version == version + 1)
                let claims = try await first.records(kind: "claim", indexKey: nil).filter { $0.id.hasPrefix("c\(version)-") }
                #expect(claims.count == 1)
            }
        }
    }
}
