import Foundation

extension LevelThresholds {
    /// The process-wide table of interned ``LevelThresholds``, by the levels they flatten: at most
    /// ``LevelThresholds/internLimit`` entries, never removed (each is a few hundred bytes). A cache:
    /// which table a policy gets changes no verdict.
    final class InternRegistry: @unchecked Sendable {
        /// What a table is made from.
        struct Key: Hashable {
            let individualLevels: [LevelPolicy.IndividualLevel]
            let businessLevels: [LevelPolicy.BusinessLevel]
            let businessPointsThreshold: Int
        }

        private let lock = NSLock()
        private var tables: [Key: LevelThresholds] = [:]   // guarded by lock

        /// The interned table for `key`, or a new table of its own when the registry is full.
        func table(for key: Key) -> LevelThresholds {
            lock.lock()
            defer { lock.unlock() }
            if let table = tables[key] { return table }
            let interned = tables.count < LevelThresholds.internLimit
            let table = LevelThresholds(individualLevels: key.individualLevels, businessLevels: key.businessLevels,
                                        businessPointsThreshold: key.businessPointsThreshold, isInterned: interned)
            if interned { tables[key] = table }
            return table
        }
    }
}
