@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// R-ID-3: no password-set or reset token, nor anything from which one can be derived without the
/// host's key, is readable in the store's files, snapshot, journal, outbox, audit trail or events.
@Suite("R-ID-3: no live token at rest")
struct TokenAtRestTests {
    @Test("R-ID-3: tokens from approval, a new user and a reset, delivered by maildir and in memory, compacted: no trace in the data")
    func nothingAtRest() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cps-at-rest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let storeDirectory = root.appendingPathComponent("store"), maildir = root.appendingPathComponent("mail")
        let store = try await FileRecordStore.open(directory: storeDirectory)
        let env = TestEnvironment(store: store)
        // Approval (delivered in memory by activeAccount), a new user, a reset, and a second reset.
        let active = try await env.activeAccount()
        _ = try await env.accounts.addUser(to: active.account.id, name: "Erik Berg", email: "erik@ljusbild.example",
                                           as: active.principal)
        let maildirDispatcher = MailDispatcher(env.context, transport: MaildirTransport(directory: maildir, hostname: "test"))
        _ = try await maildirDispatcher.dispatchPending() // the invitation goes to the maildir
        _ = try await env.passwords.requestPasswordReset(email: active.superuser.email.address)
        _ = try await env.passwords.requestPasswordReset(email: "nobody@example.com")
        try await env.deliverMail() // the reset goes to the in-memory mailbox
        _ = try await env.passwords.requestPasswordReset(email: "erik@ljusbild.example")
        _ = try await env.services.passwordResets.runOnce(as: .system("test"))
        _ = try await maildirDispatcher.dispatchPending() // Erik's reset to the maildir

        // Every token the store's records give under the key (all four), and what was delivered.
        let records = try await store.fetchAll(PasswordToken.self).map(\.record)
        let tokens = records.compactMap { TokenIssuer.token(of: $0, keys: env.tokenKeys) }
        #expect(records.count == 4 && tokens.count == 4)
        let delivered = env.mailbox.messages.compactMap { Self.token(in: $0.facts["link"] ?? "") }
        #expect(delivered.count == 2 && Set(delivered).isSubset(of: Set(tokens)))
        let maildirText = try Self.files(under: maildir).map { Self.quotedPrintableDecoded(String(decoding: $0, as: UTF8.self)) }
        #expect(maildirText.count == 2)
        let needles = tokens.flatMap(Self.encodings)
        // The scan works: each mailbox finds its own tokens (the recipient's side, outside the store).
        for token in delivered { #expect(env.mailbox.messages.contains { $0.body.contains(token) }) }
        #expect(tokens.filter { token in maildirText.contains { $0.contains(token) } }.count == 2)

        var haystacks = try await Self.stored(env, store: store, directory: storeDirectory)
        try await store.compact()
        haystacks += try Self.files(under: storeDirectory)
        await store.close()
        #expect(haystacks.count > 4)
        for haystack in haystacks {
            for needle in needles { #expect(Self.find(needle, in: haystack) == false, "a token encoding is at rest") }
        }
        // Every base64url run of 22+ characters found is tried as a token: none works.
        let reopened = try await FileRecordStore.open(directory: storeDirectory)
        defer { reopened.close() as Void }
        var context = env.context
        context.store = reopened
        var runs = Set<String>()
        for haystack in haystacks { runs.formUnion(Self.base64URLRuns(in: String(decoding: haystack, as: UTF8.self))) }
        #expect(runs.count >= 4, "the scan saw the four nonces")
        for run in runs {
            let found = try await context.read("test.scan", as: .system("test")) { unit in
                try await TokenIssuer(unit: unit).verify(run) != nil
            }
            #expect(!found, "\(run) verifies as a token")
            #expect(!tokens.contains { run.contains($0) })
        }
    }

    @Test("R-ID-3: a reset request writes one record of the same size whether or not the address has an account")
    func fixedSizeRequest() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        _ = try await env.onboarding.createApplication(Fixtures.swedishNonVATForm, as: .applicant(try EmailAddress(Fixtures.swedishNonVATForm.contactEmail)))
        var sizes: [Int] = []
        let mailsBefore = try await env.sentMails().count
        for email in [active.superuser.email.address, "nobody@example.com", Fixtures.swedishNonVATForm.contactEmail] {
            let before = try await env.store.fetchAll(AuditEntry.self).count
            _ = try await env.passwords.requestPasswordReset(email: email)
            #expect(try await env.store.fetchAll(AuditEntry.self).count == before) // nothing but the request
            let request = try #require(try await env.store.records(kind: PasswordResetRequest.kind, indexKey: nil).last)
            sizes.append(request.payload.count)
            #expect(!String(decoding: request.payload, as: UTF8.self).contains(email.lowercased()))
        }
        #expect(Set(sizes).count == 1, "\(sizes)")
        #expect(try await env.sentMails().count == mailsBefore) // no reset mail yet: the job writes it
        try await env.deliverMail()
        #expect(try await env.mails("passwordReset").count == 1)
        // The unknown address is audited by its keyed fingerprint only: no plain hash of it.
        // Its chain is the request's own (R-GDPR-3: no shared catch-all subject).
        let unknown = try #require(try await env.store.fetchAll(AuditEntry.self).map(\.record)
            .last { $0.action == "password.resetRefused" && $0.details["addressFingerprint"] != nil })
        #expect(unknown.subject.hasPrefix("reset"), "\(unknown.subject)")
        #expect(unknown.details["addressFingerprint"] == env.tokenKeys.fingerprint("nobody@example.com"))
        #expect(!unknown.details.values.contains(SHA256.hexDigest(Array("nobody@example.com".utf8))))
        let other = TestEnvironment(tokenKeys: .generated(seed: 1))
        #expect(other.tokenKeys.fingerprint("nobody@example.com") != env.tokenKeys.fingerprint("nobody@example.com"))
    }

    @Test("R-ID-3: an old key verifies its tokens after a rotation; a retired key's links are invalid")
    func rotation() async throws {
        let old = TokenKeys.generated(seed: 1, keyID: "k1")
        let rotated = try TokenKeys(currentKeyID: "k2", key: Array(repeating: 7, count: 32),
                                    previous: ["k1": Self.keyBytes(old, "k1")])
        let first = TestEnvironment(tokenKeys: old)
        let account = try await first.activeAccount(password: "Ljus-och-bild-2026")
        _ = try await first.passwords.requestPasswordReset(email: account.superuser.email.address)
        let link = try #require(try await first.latestToken("passwordReset"))
        let afterRotation = TestEnvironment(store: first.store, ids: .incrementing(tag: "r"), tokenKeys: rotated)
        try await afterRotation.passwords.setPassword(token: link, newPassword: "Nytt-losen-2027")
        _ = try await first.passwords.requestPasswordReset(email: account.superuser.email.address)
        let second = try #require(try await first.latestToken("passwordReset"))
        let retired = TestEnvironment(store: first.store, ids: .incrementing(tag: "s"),
                                      tokenKeys: try TokenKeys(currentKeyID: "k2", key: Array(repeating: 7, count: 32)))
        await #expect(throws: PasswordError(.invalidToken)) {
            try await retired.passwords.setPassword(token: second, newPassword: "Nytt-losen-2028")
        }
    }

    // MARK: - The scan

    private static func keyBytes(_ keys: TokenKeys, _ id: String) -> [UInt8] { keys.key(id) ?? [] }

    private static func token(in link: String) -> String? {
        link.range(of: "token=").map { String(link[$0.upperBound...]) }
    }

    /// The raw bytes of every stored record (outbox, audit trail, tokens, requests, …), the events, and
    /// every file of the store's directory as it is now.
    private static func stored(_ env: TestEnvironment, store: FileRecordStore, directory: URL) async throws -> [[UInt8]] {
        var result: [[UInt8]] = []
        for kind in [OutboxMail.kind, AuditEntry.kind, PasswordToken.kind, PasswordResetRequest.kind, AccountUser.kind] {
            result += try await store.records(kind: kind, indexKey: nil).map { Array($0.payload) }
        }
        result.append(Array(env.events.events.map { "\($0)" }.joined(separator: "\n").utf8))
        result += try files(under: directory)
        return result
    }

    private static func files(under directory: URL) throws -> [[UInt8]] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [[UInt8]] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result.append(Array(try Data(contentsOf: url)))
        }
        return result
    }

    /// A token and its MAC as they could appear: raw, percent-encoded, JSON-escaped, base64 at three
    /// alignments, quoted-printable (as a link `token=3D…`), and the MAC's raw bytes and base64url.
    private static func encodings(_ token: String) -> [[UInt8]] {
        let raw = Array(token.utf8)
        var result: [[UInt8]] = [raw]
        result.append(Array((token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token).utf8))
        let json = String(decoding: (try? JSONEncoder().encode(token)) ?? Data(), as: UTF8.self)
        result.append(Array(json.dropFirst().dropLast().utf8))
        result.append(Array("token=3D\(token)".utf8))
        let bytes = TokenMAC.bytes(base64URL: token) ?? []
        let mac = Array(bytes.suffix(32))
        result.append(mac)
        result.append(Array(TokenMAC.base64URL(mac).utf8))
        for source in [raw, mac] { result += base64Alignments(source) }
        return result.filter { $0.count >= 16 }
    }

    /// The base64 of `bytes` starting at each offset mod 3, without the characters the neighbours change.
    private static func base64Alignments(_ bytes: [UInt8]) -> [[UInt8]] {
        (0..<3).map { shift in
            let encoded = Array(Data([UInt8](repeating: 0, count: shift) + bytes).base64EncodedString().utf8)
            let skip = shift == 0 ? 0 : (shift == 1 ? 2 : 3)
            let keep = ((shift + bytes.count) / 3) * 4
            return Array(encoded[skip..<max(skip, keep)])
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == needle[0], Array(haystack[start..<start + needle.count]) == needle { return true }
            start += 1
        }
        return false
    }

    private static func base64URLRuns(in text: String) -> [String] {
        var runs: [String] = [], current = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" {
                current.unicodeScalars.append(scalar)
            } else {
                if current.count >= 22 { runs.append(current) }
                current = ""
            }
        }
        if current.count >= 22 { runs.append(current) }
        return runs
    }

    private static func quotedPrintableDecoded(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
        return joined.replacingOccurrences(of: "=3D", with: "=")
    }
}

/// R-ID-3: a token record written before issue 16 (a SHA-256 digest, no nonce) still decodes, never
/// verifies, and is voided by a new link.
@Suite("R-ID-3: tokens from before issue 16")
struct LegacyTokenTests {
    @Test("R-ID-3: a digest-only token record never verifies; a new reset voids it and works")
    func legacyRecord() async throws {
        // Records from before issue 16 were JSON: a JSON store lets the test rewrite one as it was.
        let env = TestEnvironment(store: InMemoryRecordStore(payloadCodec: .json))
        let active = try await env.activeAccount()
        _ = try await env.passwords.requestPasswordReset(email: active.superuser.email.address)
        let token = try #require(try await env.latestToken("passwordReset"))
        let envelope = try #require(try await env.store.records(kind: PasswordToken.kind, indexKey: nil).last)
        var json = try #require(try JSONSerialization.jsonObject(with: envelope.payload) as? [String: Any])
        json["nonce"] = nil
        json["keyID"] = nil
        json["digest"] = SHA256.hexDigest(Array(token.utf8))
        var legacy = envelope
        legacy.payload = try JSONSerialization.data(withJSONObject: json)
        legacy.uniqueKeys = ["password-token:" + SHA256.hexDigest(Array(token.utf8))]
        try await env.store.commit(WriteBatch([.put(legacy, expectedVersion: envelope.version)]))
        let decoded = try #require(try await env.store.fetch(PasswordToken.self, id: envelope.id)).record
        #expect(decoded.nonce == nil && decoded.keyID == nil && decoded.state == .active)
        await #expect(throws: PasswordError(.invalidToken)) {
            try await env.passwords.setPassword(token: token, newPassword: "Nytt-losen-2027")
        }
        _ = try await env.passwords.requestPasswordReset(email: active.superuser.email.address)
        let fresh = try #require(try await env.latestToken("passwordReset"))
        #expect(try await env.store.fetch(PasswordToken.self, id: envelope.id)?.record.state == .voided)
        try await env.passwords.setPassword(token: fresh, newPassword: "Nytt-losen-2027")
    }
}
