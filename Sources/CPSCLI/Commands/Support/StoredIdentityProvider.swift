import CPSKit
import Foundation

/// The `cps` tool's identity adapter (R-PWD-2, R-PWD-3): salted, iterated SHA-256 credentials kept as
/// ``CLICredential`` records in the same store, so a password set by one run can be checked by the next.
/// A real host uses its identity system instead.
struct StoredIdentityProvider: IdentityProvider {
    let store: any RecordStore
    var iterations = 1_000
    var random: RandomSource = .system

    func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
        let salt = random.bytes(16)
        let hash = stretch(password, salt: salt)
        do {
            var batch = WriteBatch()
            if var stored = try await store.fetch(CLICredential.self, id: userID) {
                stored.record.salt = Self.hex(salt)
                stored.record.hash = Self.hex(hash)
                try batch.update(stored)
            } else {
                try batch.insert(CLICredential(id: userID, salt: Self.hex(salt), hash: Self.hex(hash)))
            }
            try await store.commit(batch)
        } catch {
            throw IdentityError("the credential could not be stored: \(error)")
        }
    }

    func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
        let stored: Stored<CLICredential>?
        do { stored = try await store.fetch(CLICredential.self, id: userID) } catch {
            throw IdentityError("the credential could not be read: \(error)")
        }
        guard let credential = stored?.record, let salt = Self.bytes(credential.salt) else { return false }
        return Self.hex(stretch(password, salt: salt)) == credential.hash
    }

    private func stretch(_ password: String, salt: [UInt8]) -> [UInt8] {
        var digest = SHA256.hash(salt + Array(password.utf8))
        for _ in 1..<max(2, iterations) { digest = SHA256.hash(salt + digest) }
        return digest
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func bytes(_ hex: String) -> [UInt8]? {
        let characters = Array(hex.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = 0
        while index < characters.count {
            guard let byte = UInt8(String(decoding: characters[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            result.append(byte)
            index += 2
        }
        return result
    }
}
