import Foundation

/// Sign-in throttling over ``SignInThrottleBucket`` records (R-ID-2). Internal: a part of
/// ``PasswordService``. Keys are HMAC-SHA256 digests under the host's current token key
/// (``TokenKeys``) of `throttle-email:<normalised address>` and `throttle-client:<host's client key>`,
/// so the store never holds a digest of an address that anyone could confirm by guessing (R-ID-3);
/// they are spread over the policy's buckets. All reads and writes go through the unit of work, so two
/// processes on one store count into the same records. A key rotation starts the counts afresh.
struct SignInThrottle {
    let policy: SignInThrottlePolicy
    let keys: TokenKeys

    /// The key of a normalised e-mail address (known or not).
    func key(email: String) -> String { digest("throttle-email:\(email)") }

    /// The key of a host's client key (e.g. its network address).
    func key(client: String) -> String { digest("throttle-client:\(client)") }

    /// Lower-case hex of the keyed digest of `text` (the bucket is read from its first 8 digits).
    private func digest(_ text: String) -> String {
        TokenMAC.authenticate(Array(text.utf8), key: keys.currentKey).lowercaseHex
    }

    /// The bucket record of `key`.
    func bucketID(of key: String) -> String {
        let prefix = key.prefix(8)
        let number = (UInt64(prefix, radix: 16) ?? 0) % UInt64(max(1, policy.buckets))
        return "signin-throttle-\(number)"
    }

    /// The latest lock on any of `keys` still running at `now`, if any.
    func lockedUntil(_ keys: [String], in unit: UnitOfWork, now: Date) async throws -> Date? {
        var latest: Date?
        for (bucket, inBucket) in grouped(keys) {
            guard let stored = try await unit.fetch(SignInThrottleBucket.self, id: bucket) else { continue }
            for key in inBucket {
                if let until = stored.record.entries[key]?.lockedUntil, until > now { latest = max(latest ?? until, until) }
            }
        }
        return latest
    }

    /// Counts a failed attempt against each of `keys`; a key reaching the policy's attempts within the
    /// window is locked for the lock time. Expired entries are dropped, and a full bucket drops its
    /// oldest unlocked entries first.
    func recordFailure(_ keys: [String], in unit: UnitOfWork, now: Date) async throws {
        for (bucket, inBucket) in grouped(keys) {
            let stored = try await unit.fetch(SignInThrottleBucket.self, id: bucket)
            var record = stored?.record ?? SignInThrottleBucket(id: bucket)
            prune(&record, now: now)
            for key in inBucket {
                var entry = record.entries[key] ?? SignInThrottleBucket.Entry(failures: 0, windowStart: now)
                if entry.windowStart.addingTimeInterval(TimeInterval(policy.windowSeconds)) <= now {
                    entry = SignInThrottleBucket.Entry(failures: 0, windowStart: now, lockedUntil: entry.lockedUntil)
                }
                entry.failures += 1
                if entry.failures >= policy.attempts {
                    entry = SignInThrottleBucket.Entry(failures: 0, windowStart: now,
                                                       lockedUntil: now.addingTimeInterval(TimeInterval(policy.lockSeconds)))
                }
                record.entries[key] = entry
            }
            evict(&record, keeping: Set(inBucket))
            if let stored { try unit.update(Stored(record: record, version: stored.version)) } else { try unit.insert(record) }
        }
    }

    /// Removes `key`'s failures and lock (a successful sign-in, a new password set with a link).
    func clear(_ key: String, in unit: UnitOfWork) async throws {
        guard var stored = try await unit.fetch(SignInThrottleBucket.self, id: bucketID(of: key)),
              stored.record.entries[key] != nil else { return }
        stored.record.entries[key] = nil
        try unit.update(stored)
    }

    private func grouped(_ keys: [String]) -> [(String, [String])] {
        var order: [String] = [], byBucket: [String: [String]] = [:]
        for key in keys {
            let bucket = bucketID(of: key)
            if byBucket[bucket] == nil { order.append(bucket) }
            if byBucket[bucket]?.contains(key) != true { byBucket[bucket, default: []].append(key) }
        }
        return order.map { ($0, byBucket[$0] ?? []) }
    }

    /// Drops entries whose window and lock have both passed.
    private func prune(_ record: inout SignInThrottleBucket, now: Date) {
        let window = TimeInterval(policy.windowSeconds)
        record.entries = record.entries.filter { _, entry in
            (entry.lockedUntil.map { $0 > now } ?? false) || entry.windowStart.addingTimeInterval(window) > now
        }
    }

    /// Keeps at most the policy's entries: unlocked ones go first (oldest window first), then the
    /// locks that end soonest; the keys just counted stay.
    private func evict(_ record: inout SignInThrottleBucket, keeping counted: Set<String>) {
        let limit = max(policy.entriesPerBucket, counted.count)
        guard record.entries.count > limit else { return }
        let candidates = record.entries.filter { !counted.contains($0.key) }.sorted { a, b in
            switch (a.value.lockedUntil, b.value.lockedUntil) {
            case (nil, nil): (a.value.windowStart, a.key) < (b.value.windowStart, b.key)
            case (nil, _): true
            case (_, nil): false
            case let (x?, y?): (x, a.key) < (y, b.key)
            }
        }
        for victim in candidates.prefix(record.entries.count - limit) { record.entries[victim.key] = nil }
    }
}
