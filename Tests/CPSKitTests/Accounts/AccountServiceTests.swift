import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Account users and roles (R-ACC-5)")
struct AccountServiceTests {
    @Test("The superuser adds a user, who gets a password link in their language and can then sign in")
    func addUser() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let user = try await env.accounts.addUser(to: a.account.id, name: "Per Holm", email: "per@ljusbild.example",
                                                  language: .english, as: a.principal)
        #expect(user.role == .user)
        #expect(user.status == .invited)
        let mail = try #require(try await env.mails("userInvited").first)
        #expect(mail.subject == "You have been added to a Canon business account")
        let token = try #require(try await env.latestToken("userInvited"))
        try await env.passwords.setPassword(token: token, newPassword: "Holm-kamera-2026")
        #expect(try await env.accounts.users(of: a.account.id, as: .accountUser(user.id)).count == 2)
    }

    @Test("A user cannot add or remove users; only the superuser can")
    func userCannotManageUsers() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let user = try await env.accounts.addUser(to: a.account.id, name: "Per Holm", email: "per@ljusbild.example", as: a.principal)
        try await env.passwords.setPassword(token: try #require(try await env.latestToken("userInvited")), newPassword: "Holm-kamera-2026")
        let error = await #expect(throws: AuthorizationError.self) {
            try await env.accounts.addUser(to: a.account.id, name: "Eve", email: "eve@ljusbild.example", as: .accountUser(user.id))
        }
        #expect(error?.reason == .superuserOnly)
        await #expect(throws: AuthorizationError.self) {
            try await env.accounts.removeUser(a.superuser.id, from: a.account.id, as: .accountUser(user.id))
        }
    }

    @Test("A user of account A reading account B is refused, without learning whether B exists")
    func otherAccount() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let b = try await env.activeAccount(Fixtures.swedishNonVATForm, password: "Berg-foto-2026")
        for target in [b.account.id, "account-999"] {
            let read = await #expect(throws: AuthorizationError.self) { try await env.accounts.account(target, as: a.principal) }
            #expect(read?.reason == .otherAccount)
            await #expect(throws: AuthorizationError.self) { try await env.accounts.users(of: target, as: a.principal) }
            await #expect(throws: AuthorizationError.self) {
                try await env.accounts.addUser(to: target, name: "X", email: "x@example.com", as: a.principal)
            }
        }
        #expect(try await env.accounts.account(a.account.id, as: a.principal).companyName == "Ljusbild Foto AB")
    }

    @Test("A removed user keeps the history, cannot sign in, and frees the e-mail; the superuser cannot remove themself")
    func removeUser() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let user = try await env.accounts.addUser(to: a.account.id, name: "Per Holm", email: "per@ljusbild.example", as: a.principal)
        try await env.passwords.setPassword(token: try #require(try await env.latestToken("userInvited")), newPassword: "Holm-kamera-2026")
        let selfRemoval = await #expect(throws: AccountError.self) {
            try await env.accounts.removeUser(a.superuser.id, from: a.account.id, as: a.principal)
        }
        #expect(selfRemoval?.reason == .lastSuperuser)
        try await env.accounts.removeUser(user.id, from: a.account.id, as: a.principal)
        await #expect(throws: PasswordError.self) { try await env.passwords.signIn(email: "per@ljusbild.example", password: "Holm-kamera-2026") }
        await #expect(throws: AuthorizationError.self) { try await env.accounts.account(a.account.id, as: .accountUser(user.id)) }
        #expect(try await env.accounts.users(of: a.account.id, as: a.principal).map(\.status) == [.active, .removed])
        _ = try await env.accounts.addUser(to: a.account.id, name: "Per Holm", email: "per@ljusbild.example", as: a.principal)
    }

    @Test("R-ACC-4: an e-mail in use by a user or an open application cannot be added again")
    func emailInUse() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let error = await #expect(throws: AccountError.self) {
            try await env.accounts.addUser(to: a.account.id, name: "Anna", email: "Anna@Ljusbild.example", as: a.principal)
        }
        #expect(error?.reason == .emailInUse)
        #expect(error?.existingID == a.superuser.id)   // the same account's user who has it
        #expect(try await env.accounts.users(of: a.account.id, as: a.principal).count == 1)
        let erik = try await env.activeAccount(Fixtures.swedishNonVATForm, password: "Berg-foto-2026")
        let other = await #expect(throws: AccountError.self) {
            try await env.accounts.addUser(to: a.account.id, name: "Erik", email: erik.superuser.email.address, as: a.principal)
        }
        #expect(other?.reason == .emailInUse)
        #expect(other?.existingID == nil)   // a user of another account is never named
    }
}
