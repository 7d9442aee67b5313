import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Rectification of a user's personal data (R-GDPR-2)")
struct RectificationTests {
    @Test("R-GDPR-2: the user corrects name, address and language; the application's contact follows; the audit names fields, not values")
    func selfCorrection() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let user = try await env.services.privacy.rectify(
            active.superuser.id, Rectification(name: "Anna Lindqvist", email: "anna.lindqvist@ljusbild.example", language: .english),
            as: active.principal)
        #expect(user.name == "Anna Lindqvist" && user.email.address == "anna.lindqvist@ljusbild.example" && user.language == .english)
        let stored = try #require(try await env.store.fetch(AccountUser.self, id: active.superuser.id)?.record)
        #expect(stored == user)
        let application = try #require(try await env.store.fetch(BusinessAccountApplication.self, id: active.account.applicationID)?.record)
        #expect(application.contactName == "Anna Lindqvist" && application.contactEmail == user.email)
        // The new address signs in; the old one no longer names anyone.
        _ = try await env.passwords.signIn(email: "anna.lindqvist@ljusbild.example", password: active.password)
        await #expect(throws: (any Error).self) { try await env.passwords.signIn(email: "anna@ljusbild.example", password: active.password) }
        let entry = try #require(try await env.store.auditTrail(of: active.superuser.id).last)
        #expect(entry.action == "user.rectified" && entry.details == ["fields": "name,email,language"])
        #expect(!"\(entry)".contains("Anna Lind\"") && !"\(entry)".contains("anna@ljusbild.example"))
        #expect(try await env.services.audit.verify(active.superuser.id, as: TestEnvironment.reviewer).isIntact)
    }

    @Test("R-GDPR-2: a superuser corrects another user; a user of the account may not correct someone else; another account may not")
    func whoMay() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let erik = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example", as: active.principal)
        let corrected = try await env.services.privacy.rectify(erik.id, Rectification(name: "Erik Bergström"), as: active.principal)
        #expect(corrected.name == "Erik Bergström" && corrected.email == erik.email)
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.rectify(active.superuser.id, Rectification(name: "X Y"), as: .accountUser(erik.id))
        }
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.rectify(erik.id, Rectification(name: "X Y"), as: TestEnvironment.reviewer)
        }
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.rectify("user-nobody", Rectification(name: "X Y"), as: active.principal)
        }
    }

    @Test("R-GDPR-2: nothing to change, a taken address, bad input: typed errors, nothing changed")
    func refusals() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let erik = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example", as: active.principal)
        let before = try await env.store.fetch(AccountUser.self, id: erik.id)
        await #expect(throws: PrivacyError(.nothingToRectify)) {
            try await env.services.privacy.rectify(erik.id, Rectification(), as: active.principal)
        }
        await #expect(throws: PrivacyError(.nothingToRectify)) {
            try await env.services.privacy.rectify(erik.id, Rectification(name: "Erik Berg", language: erik.language), as: active.principal)
        }
        do {
            try await env.services.privacy.rectify(erik.id, Rectification(email: "ANNA@ljusbild.example"), as: active.principal)
            Issue.record("a taken address was accepted")
        } catch let error as AccountError {
            #expect(error.reason == .emailInUse)
        }
        await #expect(throws: InputError.self) {
            try await env.services.privacy.rectify(erik.id, Rectification(email: "not an address"), as: active.principal)
        }
        await #expect(throws: InputError.self) {
            try await env.services.privacy.rectify(erik.id, Rectification(name: "   "), as: active.principal)
        }
        await #expect(throws: InputError.self) {
            try await env.services.privacy.rectify(erik.id, Rectification(language: "xx"), as: active.principal)
        }
        #expect(try await env.store.fetch(AccountUser.self, id: erik.id) == before)
    }

    @Test("R-GDPR-2: a mail still waiting for the old address goes to the new one")
    func pendingMailFollows() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let erik = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example", as: active.principal)
        _ = try await env.services.privacy.rectify(erik.id, Rectification(email: "erik.berg@ljusbild.example"), as: active.principal)
        let waiting = try await env.store.fetchAll(OutboxMail.self, indexKey: OutboxMail.byRecipient(try EmailAddress("erik.berg@ljusbild.example")))
        #expect(waiting.count == 1 && waiting.first?.record.message.template == "userInvited")
        #expect(try await env.store.fetchAll(OutboxMail.self, indexKey: OutboxMail.byRecipient(try EmailAddress("erik@ljusbild.example"))).isEmpty)
    }
}
