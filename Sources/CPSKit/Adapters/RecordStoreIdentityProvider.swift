import Foundation

/// The durable ``IdentityProvider`` (R-ID-1): each password as an ``IdentityCredential`` record in
/// the host's ``RecordStore`` — the file store, PostgreSQL, any conforming store — so passwords
/// survive a restart and are shared by every process on the store.
///
/// ```swift
/// let store = try await FileRecordStore.open(directory: dataDirectory)
/// let identity = RecordStoreIdentityProvider(store: store, policy: policy.passwords)
/// let context = try CPSContext(store: store, identity: identity, tokenKeys: keys, policy: policy)
/// ```
///
/// Hashing is ``PasswordHasher``'s: PBKDF2-HMAC-SHA256 at the policy's iterations (default 600,000),
/// a 16-byte salt from `random` (pass the context's source), the PHC string
/// `$pbkdf2-sha256$i=…$<salt>$<hash>`, a constant-time comparison, dedicated threads. A hash with
/// fewer iterations than the policy's is rehashed on the next successful check; a credential of the
/// `cps` tool before issue 16 (record kind `cli.credential`, 1,000 rounds of SHA-256) verifies once
/// and is replaced by a PBKDF2 credential. A store error is an ``IdentityError``.
public struct RecordStoreIdentityProvider: IdentityProvider {
    /// The store the credentials live in.
    public let store: any RecordStore
    /// The hashing.
    public let hasher: PasswordHasher
    private let random: RandomSource

    /// The record kind of the `cps` tool's credentials before issue 16 (read once, then replaced).
    public static let legacyCPSKind = "cli.credential"

    /// A provider over `store`, salting with `random` and hashing with `hasher`.
    public init(store: any RecordStore, hasher: PasswordHasher, random: RandomSource = .system) {
        self.store = store
        self.hasher = hasher
        self.random = random
    }

    /// A provider over `store` hashing at `policy`'s iterations.
    public init(store: any RecordStore, policy: PasswordPolicy, random: RandomSource = .system) {
        self.init(store: store, hasher: PasswordHasher(policy: policy), random: random)
    }

    /// Stores a new salted hash for `userID`, replacing any earlier one (and a legacy credential),
    /// with the next credential version (R-ID-1).
    public func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
        let hash = await hasher.hash(password, salt: random.bytes(16)).phcString
        for _ in 0..<8 {
            do {
                var batch = WriteBatch(codec: store.payloadCodec)
                if var stored = try await store.fetch(IdentityCredential.self, id: userID) {
                    stored.record.hash = hash
                    stored.record.credentialVersion += 1
                    try batch.update(stored)
                } else {
                    try batch.insert(IdentityCredential(id: userID, hash: hash, credentialVersion: 1))
                }
                if let legacy = try await store.record(kind: Self.legacyCPSKind, id: userID) {
                    batch.append(.delete(kind: Self.legacyCPSKind, id: userID, expectedVersion: legacy.version))
                }
                _ = try await store.commit(batch)
                return
            } catch {
                guard error.reason == .conflict || error.reason == .uniqueKeyTaken else {
                    throw IdentityError("the credential could not be stored: \(error.reason)")
                }
            }
        }
        throw IdentityError("the credential could not be stored: it kept changing")
    }

    /// Whether `password` matches `userID`'s credential; a weaker or legacy hash that matches is
    /// replaced by one at the policy's iterations (R-ID-1).
    public func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
        let current: Stored<IdentityCredential>?
        let legacy: RecordEnvelope?
        do {
            current = try await store.fetch(IdentityCredential.self, id: userID)
            legacy = current == nil ? try await store.record(kind: Self.legacyCPSKind, id: userID) : nil
        } catch {
            throw IdentityError("the credential could not be read: \(error.reason)")
        }
        let stored = current.flatMap { PasswordHash(phcString: $0.record.hash) } ?? legacy.flatMap(Self.legacyHash)
        let check = await hasher.check(password, against: stored)
        if let rehashed = check.rehashed { await replace(current, legacy, userID: userID, with: rehashed) }
        return check.matches
    }

    /// The work of a check for a known user; false (R-ID-2).
    public func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool {
        await hasher.check(password, against: nil).matches
    }

    /// The credential version of `userID` (R-ID-2); a legacy credential counts as version 1.
    public func credentialVersion(userID: String) async throws(IdentityError) -> Int? {
        do {
            if let stored = try await store.fetch(IdentityCredential.self, id: userID) { return stored.record.credentialVersion }
            return try await store.record(kind: Self.legacyCPSKind, id: userID) == nil ? nil : 1
        } catch {
            throw IdentityError("the credential could not be read: \(error.reason)")
        }
    }

    /// Writes the rehash over exactly the versions read; a concurrent reset wins (its hash stays).
    private func replace(_ current: Stored<IdentityCredential>?, _ legacy: RecordEnvelope?, userID: String,
                         with rehashed: PasswordHash) async {
        var batch = WriteBatch(codec: store.payloadCodec)
        do {
            if var current {
                current.record.hash = rehashed.phcString
                try batch.update(current)
            } else if let legacy {
                try batch.insert(IdentityCredential(id: userID, hash: rehashed.phcString, credentialVersion: 1))
                batch.append(.delete(kind: Self.legacyCPSKind, id: userID, expectedVersion: legacy.version))
            }
            _ = try await store.commit(batch)
        } catch {
            // A reset or another rehash got there first, or the store is away: the stored hash still
            // verifies, and the next successful check tries again.
        }
    }

    /// The legacy `cps` credential `{"id", "salt": hex, "hash": hex}` as a hash of scheme `cps-sha256`.
    private static func legacyHash(_ envelope: RecordEnvelope) -> PasswordHash? {
        struct Legacy: Decodable { let salt: String, hash: String }
        guard let legacy = try? JSONDecoder().decode(Legacy.self, from: envelope.payload),
              let salt = bytes(hex: legacy.salt), let hash = bytes(hex: legacy.hash), hash.count == 32 else { return nil }
        return PasswordHash(scheme: .legacyCPS, iterations: 1_000, salt: salt, hash: hash)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        for start in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[start..<start + 2], as: UTF8.self), radix: 16) else { return nil }
            result.append(byte)
        }
        return result
    }
}
