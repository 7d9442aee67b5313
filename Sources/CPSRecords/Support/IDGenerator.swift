import Foundation

/// Where services get record IDs (R-ADP-3): random UUIDs in production, readable incrementing IDs
/// (`application-1`, `account-1`) in tests so that assertions can name exact values.
public struct IDGenerator: Sendable {
    private let generate: @Sendable (_ prefix: String) -> String

    /// Creates a generator from a closure that receives the record kind's prefix.
    public init(_ generate: @escaping @Sendable (_ prefix: String) -> String) { self.generate = generate }

    /// A new ID for a record whose kind has `prefix` (e.g. `"application"`).
    public func next(_ prefix: String) -> String { generate(prefix) }

    /// A new typed ID (e.g. `let id: Invoice.ID = ids.next("invoice")`) for a record whose kind has
    /// `prefix`.
    public func next<Subject>(_ prefix: String) -> Identifier<Subject> { Identifier(generate(prefix)) }

    /// `prefix-` followed by a random lower-case UUID.
    public static let uuid = IDGenerator { prefix in prefix + "-" + UUID().uuidString.lowercased() }

    /// `prefix-1`, `prefix-2`, … counted separately per prefix, starting at 1 for each new generator.
    ///
    /// With a `tag`, IDs read `prefix-tag1`, `prefix-tag2`, …: a second generator over a store the first
    /// one filled (a copied store in a race test) never repeats its IDs.
    public static func incrementing(tag: String = "") -> IDGenerator {
        let counters = Locked<[String: Int]>([:])
        return IDGenerator { prefix in
            let n = counters.withLock { counters -> Int in
                counters[prefix, default: 0] += 1
                return counters[prefix, default: 0]
            }
            return "\(prefix)-\(tag)\(n)"
        }
    }
}
