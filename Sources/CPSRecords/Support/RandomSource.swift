
/// Where services get random bytes for secrets such as password tokens (R-PWD-2, R-ADP-3).
///
/// The default wraps `SystemRandomNumberGenerator` (the operating system's cryptographically secure
/// source). Tests inject a seeded generator so that tokens are reproducible; never do that in
/// production.
public struct RandomSource: Sendable {
    private let fill: @Sendable (Int) -> [UInt8]

    /// Creates a source from a closure returning `count` random bytes.
    public init(_ fill: @escaping @Sendable (Int) -> [UInt8]) { self.fill = fill }

    /// Wraps any `RandomNumberGenerator`; calls are serialised, so one generator serves all tasks.
    public init<G: RandomNumberGenerator & Sendable>(_ generator: G) {
        let box = Locked(generator)
        fill = { count in box.withLock { Self.bytes(count, from: &$0) } }
    }

    private static func bytes<G: RandomNumberGenerator>(_ count: Int, from generator: inout G) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next().littleEndian) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// `count` random bytes.
    public func bytes(_ count: Int) -> [UInt8] { fill(count) }

    /// The operating system's secure generator. It keeps no state, so each call uses its own and no
    /// lock is shared between callers (ThreadSanitizer reported the shared zero-size box as a race).
    public static let system = RandomSource { count in
        var generator = SystemRandomNumberGenerator()
        return bytes(count, from: &generator)
    }
}
