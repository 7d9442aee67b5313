import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Erasure of a person (R-GDPR-2, R-GDPR-3)")
struct ErasureTests {
    /// An active account whose applicant Anna has a second, active superuser Nils beside her.
    static func twoSuperusers(_ env: TestEnvironment) async throws -> (TestEnvironment.ActiveAccount, AccountUser) {
        let active = try await env.activeAccount()
        let nils = try await env.accounts.addUser(to: active.account.id, name: "Nils Holm", email: "nils@ljusbild.example",
                                                  role: .superuser, as: active.principal)
        let token = try #require(try await env.latestToken("userInvited", to: nils.email))
        _ = try await env.passwords.setPassword(token: token, newPassword: "Mörker-och-ljus-2026")
        return (active, nils)
    }

    static func rejected(_ env: TestEnvironment, _ form: ApplicationForm = Fixtures.swedishNonVATForm) async throws -> BusinessAccountApplication.ID {
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let application = try await env.onboarding.createApplication(form, as: applicant)
        _ = try await env.onboarding.addEvidence(to: application.id, kind: .businessLicence, fileName: "Erik Berg intyg.pdf",
                                                 bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        _ = try await env.review.reject(application.id, reasons: "Intyget för Erik Berg är för gammalt.", as: TestEnvironment.reviewer)
        return application.id
    }

    @Test("R-GDPR-2: export → erase → export: pseudonyms everywhere, the user removed and unable to sign in, the other superuser unaffected, chains intact")
    func exportEraseExport() async throws {
        let env = TestEnvironment()
        let (active, nils) = try await Self.twoSuperusers(env)
        try await env.deliverMail()
        let email = active.superuser.email
        let before = try await env.services.privacy.exportAccount(active.account.id, as: .system("host"))
        #expect(String(decoding: try before.archive(), as: UTF8.self).contains("Anna Lind"))

        let receipt = try await env.services.privacy.erase(email: email, as: .system("host"))
        #expect(receipt.users == [active.superuser.id] && receipt.applications == [active.account.applicationID])
        #expect(receipt.mails >= 1 && receipt.auditEntries >= 1 && receipt.evidenceFiles == 1 && receipt.reason == .request)

        let user = try #require(try await env.store.fetch(AccountUser.self, id: active.superuser.id)?.record)
        #expect(user.status == .removed && user.name.hasPrefix("erased-") && user.email.address.hasSuffix("@erased.invalid"))
        #expect(user.uniqueKeys.isEmpty)
        await #expect(throws: (any Error).self) { try await env.passwords.signIn(email: email.address, password: active.password) }
        #expect(try await env.store.fetch(IdentityCredential.self, id: active.superuser.id.rawValue) == nil)
        _ = try await env.passwords.signIn(email: "nils@ljusbild.example", password: "Mörker-och-ljus-2026")
        #expect(try await env.store.fetch(AccountUser.self, id: nils.id)?.record.status == .active)

        let after = String(decoding: try await env.services.privacy.exportAccount(active.account.id, as: .system("host")).archive(),
                           as: UTF8.self)
        for value in ["Anna Lind", "anna@ljusbild.example", "anna.lind@old-cps.example", "VD"] {
            if after.contains(value) { Issue.record("\(value) is still exported") }
        }
        #expect(after.contains(user.name) && after.contains("Ljusbild Foto AB")) // the company is the account's
        await #expect(throws: PrivacyError(.nothingToExport, facts: ["subject": email.address])) {
            try await env.services.privacy.exportApplicant(email: email, as: .system("host"))
        }
        // The erasure is audited without the data, under its receipt; every chain still verifies.
        let trail = try await env.services.audit.trail(of: receipt.id, as: TestEnvironment.reviewer)
        #expect(trail.map(\.action) == ["privacy.erased"] && !"\(trail)".contains("anna"))
        #expect(try await env.store.auditTrail(of: active.superuser.id).last?.action == "user.erased")
        #expect(try await env.services.audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
        // The address is free again.
        let again = try await env.accounts.addUser(to: active.account.id, name: "Anna Ny", email: email.address, as: .accountUser(nils.id))
        #expect(again.id != active.superuser.id)
    }

    @Test("R-GDPR-2: an account's only superuser is not erased alone; a user is, by a superuser or themselves; others may not")
    func whoMay() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        await #expect(throws: PrivacyError(.onlySuperuser)) {
            try await env.services.privacy.erase(email: active.superuser.email, as: .system("host"))
        }
        let erik = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example", as: active.principal)
        _ = try await env.passwords.setPassword(token: try #require(try await env.latestToken("userInvited", to: erik.email)),
                                                newPassword: "Skymning-vid-havet-26")
        let other = try await TestEnvironment.otherAccount(env)
        await #expect(throws: AuthorizationError.self) { try await env.services.privacy.erase(email: erik.email, as: other) }
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.erase(email: erik.email, as: .applicant(try EmailAddress("someone@else.example")))
        }
        let receipt = try await env.services.privacy.erase(email: erik.email, as: .accountUser(erik.id))
        #expect(receipt.users == [erik.id] && receipt.applications.isEmpty)
        let zoe = try await env.accounts.addUser(to: active.account.id, name: "Zoe Ek", email: "zoe@ljusbild.example", as: active.principal)
        #expect(try await env.services.privacy.erase(email: zoe.email, as: active.principal).users == [zoe.id])
        // A removed user keeps its address in the record until erased.
        let bo = try await env.accounts.addUser(to: active.account.id, name: "Bo Sund", email: "bo@ljusbild.example", as: active.principal)
        _ = try await env.passwords.requestPasswordReset(email: "bo@ljusbild.example")
        try await env.accounts.removeUser(bo.id, from: active.account.id, as: active.principal)
        #expect(try await env.services.privacy.erase(email: bo.email, as: TestEnvironment.reviewer).users == [bo.id])
        #expect(try await env.store.fetch(AccountUser.self, id: bo.id)?.record.name.hasPrefix("erased-") == true)
        await #expect(throws: PrivacyError(.nothingToErase, facts: ["subject": "nobody@example.com"])) {
            try await env.services.privacy.erase(email: try EmailAddress("nobody@example.com"), as: .system("host"))
        }
    }

    @Test("R-GDPR-2: erasing an account cancels its membership at term end and erases all its users, the only superuser too; invoices stay as issued")
    func wholeAccount() async throws {
        let (env, active, invoice) = try await InvoiceRetentionTests.invoiced()
        _ = try await env.bankPayments.recordIncomingPayment(amount: invoice.total, reference: invoice.creditorReference.electronic,
                                                             receivedOn: CalendarDay(env.clock.now, in: env.context.policy.timeZone),
                                                             as: TestEnvironment.billingJob)
        let paid = try #require(try await env.store.fetch(Invoice.self, id: invoice.id)?.record)
        let erik = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example", as: active.principal)
        try await env.deliverMail()
        await #expect(throws: AuthorizationError.self) { try await env.services.privacy.eraseAccount(active.account.id, as: .accountUser(erik.id)) }
        let receipt = try await env.services.privacy.eraseAccount(active.account.id, as: active.principal)
        #expect(Set(receipt.users) == [active.superuser.id, erik.id] && receipt.applications == [active.account.applicationID])
        for id in [active.superuser.id, erik.id] {
            let user = try #require(try await env.store.fetch(AccountUser.self, id: id)?.record)
            #expect(user.status == .removed && user.name.hasPrefix("erased-"))
        }
        let now = env.clock.now
        let running = try await env.store.fetchAll(Membership.self, indexKey: Membership.byAccount(active.account.id)).map(\.record)
            .filter { $0.term.isActive(at: now) && $0.status == .active }
        #expect(running.count == 1 && running.allSatisfy { $0.cancellation != nil }, "\(running)")
        #expect(try await env.store.fetch(Invoice.self, id: invoice.id)?.record == paid)
        let archive = String(decoding: try await env.services.privacy.exportAccount(active.account.id, as: .system("host")).archive(), as: UTF8.self)
        for value in ["Anna Lind", "anna@ljusbild.example", "Erik Berg", "erik@ljusbild.example"] where archive.contains(value) {
            Issue.record("\(value) is still exported")
        }
        #expect(try await env.store.auditTrail(of: active.account.id).contains { $0.action == "account.erased" })
        #expect(try await env.services.audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
        await #expect(throws: PrivacyError(.nothingToErase, facts: ["subject": "account-404"])) {
            try await env.services.privacy.eraseAccount("account-404", as: .system("host"))
        }
    }

    @Test("R-GDPR-2: a rejected applicant is erased with the company of the application; refused while on legal hold or while open")
    func rejectedApplicant() async throws {
        let env = TestEnvironment()
        let id = try await Self.rejected(env)
        let email = try EmailAddress(Fixtures.swedishNonVATForm.contactEmail)
        try await env.services.privacy.placeLegalHold(on: id, reason: "Ärende 7", as: TestEnvironment.reviewer)
        let held = try #require(try await env.store.fetch(BusinessAccountApplication.self, id: id))
        do {
            try await env.services.privacy.erase(email: email, as: .applicant(email))
            Issue.record("erased while on legal hold")
        } catch let error as PrivacyError {
            #expect(error.reason == .onLegalHold && error.applicationID == id)
        }
        #expect(try await env.store.fetch(BusinessAccountApplication.self, id: id) == held)
        try await env.services.privacy.liftLegalHold(on: id, as: TestEnvironment.reviewer)
        let receipt = try await env.services.privacy.erase(email: email, as: .applicant(email))
        #expect(receipt.applications == [id] && receipt.evidenceFiles == 1)
        let application = try #require(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record)
        #expect(application.companyName.hasPrefix("erased-") && application.contactName == application.companyName)
        #expect(application.documents.map(\.fileName) == ["document-1"] && application.personalDataErasedAt != nil)
        #expect(try await env.store.auditTrail(of: id).filter { !$0.isErased }.map(\.action) == ["application.erased"])
        #expect(try await env.services.audit.verify(id, as: TestEnvironment.reviewer).isIntact)

        let open = try await env.onboarding.createApplication(Fixtures.swedishForm, as: .applicant(try EmailAddress(Fixtures.swedishForm.contactEmail)))
        do {
            try await env.services.privacy.erase(email: open.contactEmail, as: .system("host"))
            Issue.record("an open application was erased")
        } catch let error as PrivacyError {
            #expect(error.reason == .applicationOpen)
        }
    }

    @Test("R-GDPR-2: after erasure and compaction no byte of the file store (journal, snapshot, index, unique keys) holds the name or the address")
    func byteScan() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cps-erasure-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try await FileRecordStore.open(directory: root)
        let env = TestEnvironment(store: store)
        let (active, _) = try await Self.twoSuperusers(env)
        let rejected = try await Self.rejected(env)
        _ = try await env.passwords.requestPasswordReset(email: active.superuser.email.address)
        _ = try await env.services.passwordResets.runOnce(as: .system("test"))
        try await env.deliverMail()
        let needles = ["Anna Lind", "anna@ljusbild.example", "Erik Berg", "erik@berg.example", "Fotograf Berg"]
        let seen = try Self.files(under: root)
        for needle in needles { #expect(seen.contains { Self.find(Array(needle.utf8), in: $0) }, "the scan sees \(needle) before") }

        _ = try await env.services.privacy.erase(email: active.superuser.email, as: .system("host"))
        _ = try await env.services.privacy.erase(email: try EmailAddress("erik@berg.example"), as: .system("host"))
        try await store.compact()
        let haystacks = try Self.files(under: root)
        await store.close()
        #expect(haystacks.count >= 2)
        for needle in needles {
            for variant in [needle, needle.lowercased(), needle.uppercased()] {
                #expect(!haystacks.contains { Self.find(Array(variant.utf8), in: $0) }, "\(variant) is still on disk")
            }
        }
        let reopened = try await FileRecordStore.open(directory: root)
        defer { reopened.close() as Void }
        var context = env.context
        context.store = reopened
        #expect(try await CPSServices(context).audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
        #expect(try await reopened.fetch(BusinessAccountApplication.self, id: rejected)?.record.personalDataErasedAt != nil)
    }

    static func files(under directory: URL) throws -> [[UInt8]] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [[UInt8]] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result.append(Array(try Data(contentsOf: url)))
        }
        return result
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == needle[0], Array(haystack[start..<start + needle.count]) == needle { return true }
            start += 1
        }
        return false
    }
}

extension TestEnvironment {
    /// The superuser of another account (Fotograf Berg), as a principal.
    static func otherAccount(_ env: TestEnvironment) async throws -> Principal {
        try await env.activeAccount(Fixtures.swedishNonVATForm).principal
    }
}
