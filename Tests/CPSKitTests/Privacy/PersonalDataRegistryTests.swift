import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("The registry of personal data (R-GDPR-1)")
struct PersonalDataRegistryTests {
    @Test("R-GDPR-1: every record kind the sample journey and the walkthrough leave in the store has a registry entry")
    func journeyKinds() async throws {
        let journey = InMemoryRecordStore()
        let env = TestEnvironment(store: journey)
        try await SampleJourney.run(in: env)
        _ = try await env.passwords.requestPasswordReset(email: "nobody@example.com")
        try await env.deliverMail()
        let walkthrough = InMemoryRecordStore()
        try await Walkthrough(language: .english, store: walkthrough, print: { _ in }).run()
        let kinds = Set((journey.allRecords() + walkthrough.allRecords()).map(\.kind))
        #expect(kinds.count > 15)
        let missing = kinds.filter { PersonalDataRegistry.declaration(for: $0) == nil }.sorted()
        #expect(missing.isEmpty, "record kinds without a personal-data declaration: \(missing)")
    }

    @Test("R-GDPR-1: every listed record kind has exactly one entry; fields are named once each")
    func listedKinds() {
        var kinds = SampleJourney.recordKinds.map { $0.kind }
        kinds += RecordSamples.all.map { type(of: $0).kind }.filter { $0 != SampleNote.kind }
        for kind in kinds { #expect(PersonalDataRegistry.declaration(for: kind) != nil, "\(kind)") }
        let declared = PersonalDataRegistry.declarations.map(\.kind)
        #expect(Set(declared).count == declared.count, "a kind is declared twice")
        for declaration in PersonalDataRegistry.declarations {
            let paths = declaration.fields.map(\.path)
            #expect(Set(paths).count == paths.count, "\(declaration.kind) names a field twice")
            #expect(!declaration.purpose.isEmpty && !declaration.retention.isEmpty, "\(declaration.kind)")
        }
    }

    @Test("R-GDPR-1: each declared field exists in a real record of its kind (a renamed field fails here)")
    func fieldsExist() async throws {
        let env = TestEnvironment()
        try await SampleJourney.run(in: env)
        var seen: [String: [String: Any]] = [:]
        for envelope in (env.store as? InMemoryRecordStore)?.allRecords() ?? [] {
            if let object = try PayloadCodec.foundationObject(of: envelope.payload) as? [String: Any] {
                seen[envelope.kind, default: [:]].merge(object) { first, _ in first }
            }
        }
        for declaration in PersonalDataRegistry.declarations {
            guard let object = seen[declaration.kind] else { continue }
            for field in declaration.fields {
                let top = String(field.path.split(separator: ".").first ?? "")
                #expect(object[top] != nil || Self.optionalFields.contains("\(declaration.kind).\(top)"),
                        "\(declaration.kind) has no field \(field.path)")
            }
        }
    }

    @Test("R-GDPR-1: Documentation/Privacy.md lists every declared kind")
    func documented() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Documentation/Privacy.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for declaration in PersonalDataRegistry.declarations {
            #expect(text.contains("| `\(declaration.kind)` |"), "Privacy.md has no row for \(declaration.kind)")
        }
    }

    /// Optional fields the journey leaves unset (JSON omits `nil`).
    static let optionalFields: Set<String> = [
        "application.oldCPSEmail", "application.decisionNote", "application.vatLookup", "account.oldCPSEmail",
        "account.vatLookup", "account.electronicAddress", "invoice.vatLookup", "product.serial", "product.dealer", "product.purchaseDate",
        "charge-attempt.detail", "password-token.nonce",
    ]
}
