import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Look-ups a host needs: the signed-in user and account, a user by e-mail (R-ACC-4, R-ACC-5)")
struct AccountLookupTests {
    @Test("R-ACC-5: after sign-in, the principal's user and account are one call away")
    func byPrincipal() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let principal = try await env.passwords.signIn(email: "ANNA@ljusbild.example", password: a.password).principal
        let me = try await env.accounts.user(as: principal)
        #expect(me.id == a.superuser.id)
        #expect(me.accountID == a.account.id)
        #expect(me.role == .superuser)
        #expect(try await env.accounts.account(as: principal).id == a.account.id)
    }

    @Test("R-ACC-5: a reviewer, a job, an applicant or an unknown user is not an account user", arguments: [
        Principal.reviewer("r1"), .system("jobs"), .applicant(try! EmailAddress("anna@ljusbild.example")), .accountUser("user-99"),
    ])
    func byPrincipalRefused(_ principal: Principal) async throws {
        let env = TestEnvironment()
        _ = try await env.activeAccount()
        let error = await #expect(throws: AuthorizationError.self) { try await env.accounts.user(as: principal) }
        #expect(error?.reason == .wrongPrincipal)
        await #expect(throws: AuthorizationError.self) { try await env.accounts.account(as: principal) }
    }

    @Test("R-ACC-5: a removed user is refused by principal and no longer found by e-mail")
    func removedUser() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let per = try await env.accounts.addUser(to: a.account.id, name: "Per Holm", email: "per@ljusbild.example", as: a.principal)
        try await env.passwords.setPassword(token: try #require(try await env.latestToken("userInvited")), newPassword: "Holm-kamera-2026")
        #expect(try await env.accounts.user(withEmail: "per@ljusbild.example", as: a.principal)?.id == per.id)
        try await env.accounts.removeUser(per.id, from: a.account.id, as: a.principal)
        let error = await #expect(throws: AuthorizationError.self) { try await env.accounts.user(as: .accountUser(per.id)) }
        #expect(error?.reason == .inactiveUser)
        #expect(try await env.accounts.user(withEmail: "per@ljusbild.example", as: a.principal) == nil)
    }

    @Test("R-ACC-4: a reviewer or a job finds any user and account by e-mail, ignoring case")
    func byEmail() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        for principal in [Principal.reviewer("r1"), .system("support")] {
            #expect(try await env.accounts.user(withEmail: " Anna@LJUSBILD.example", as: principal)?.id == a.superuser.id)
            #expect(try await env.accounts.account(withEmail: "anna@ljusbild.example", as: principal)?.id == a.account.id)
            #expect(try await env.accounts.user(withEmail: "nobody@ljusbild.example", as: principal) == nil)
            #expect(try await env.accounts.account(withEmail: "nobody@ljusbild.example", as: principal) == nil)
        }
    }

    @Test("R-ACC-5: an account user finds only their own account's users; another account's is nil, as an unknown one")
    func byEmailOwnAccountOnly() async throws {
        let env = TestEnvironment()
        let a = try await env.activeAccount()
        let erik = try await env.activeAccount(Fixtures.swedishNonVATForm, password: "Berg-foto-2026")
        #expect(try await env.accounts.user(withEmail: "anna@ljusbild.example", as: a.principal)?.id == a.superuser.id)
        #expect(try await env.accounts.user(withEmail: erik.superuser.email.address, as: a.principal) == nil)
        #expect(try await env.accounts.account(withEmail: erik.superuser.email.address, as: a.principal) == nil)
        #expect(try await env.accounts.account(withEmail: "anna@ljusbild.example", as: a.principal)?.id == a.account.id)
    }

    @Test("R-ACC-5: an applicant cannot look users up; an address that is not one is an input error")
    func byEmailRefused() async throws {
        let env = TestEnvironment()
        _ = try await env.activeAccount()
        let applicant = Principal.applicant(try EmailAddress("eve@example.com"))
        await #expect(throws: AuthorizationError.self) {
            try await env.accounts.user(withEmail: "anna@ljusbild.example", as: applicant)
        }
        let error = await #expect(throws: InputError.self) {
            try await env.accounts.user(withEmail: "not an address", as: .reviewer("r1"))
        }
        #expect(error?.reason == .invalidEmail)
    }
}
