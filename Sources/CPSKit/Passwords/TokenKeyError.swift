/// The host's token keys could not be used (R-ID-3). No context was made.
public struct TokenKeyError: LocalizedFailure, Equatable {
    /// What is wrong with the keys.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case noKey, malformedLine, malformedKeyID, wrongKeyLength, duplicateKeyID, insideDataDirectory, fileTooOpen, unreadable
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``TokenKeyError/code``.
        public var description: String { representation.rawValue }

        /// The text holds no key.
        public static let noKey = Reason(.noKey)
        /// A line is not `KEY-ID BASE64`.
        public static let malformedLine = Reason(.malformedLine)
        /// A key ID is empty, too long or has other characters than `A–Z a–z 0–9 . _ -`.
        public static let malformedKeyID = Reason(.malformedKeyID)
        /// A key is not 32 bytes.
        public static let wrongKeyLength = Reason(.wrongKeyLength)
        /// Two keys have the same ID.
        public static let duplicateKeyID = Reason(.duplicateKeyID)
        /// The key file lies inside the data directory.
        public static let insideDataDirectory = Reason(.insideDataDirectory)
        /// The key file may be read or written by its group or by others.
        public static let fileTooOpen = Reason(.fileTooOpen)
        /// The key file cannot be read.
        public static let unreadable = Reason(.unreadable)
    }

    /// What is wrong.
    public let reason: Reason
    /// Facts for the message (file, line, key ID, …).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, facts: [String: String] = [:]) {
        self.reason = reason
        self.facts = facts
    }

    public var code: String { "tokenKeys.\(reason)" }
    public var textKey: TextKey { TextKey("tokenKeys.error.\(reason)") }
    /// Always ``FailureCategory/configuration``: the host is set up wrongly.
    public var category: FailureCategory { .configuration }
    /// The facts of the message, as text (file names, line numbers, key IDs).
    public var messageArguments: [String: MessageArgument] { facts.mapValues(MessageArgument.text) }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [TokenKeyError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .noKey: TokenKeyError(.noKey)
            case .malformedLine: TokenKeyError(.malformedLine, facts: ["line": "2"])
            case .malformedKeyID: TokenKeyError(.malformedKeyID, facts: ["id": "a/b"])
            case .wrongKeyLength: TokenKeyError(.wrongKeyLength, facts: ["id": "k1", "bytes": "31"])
            case .duplicateKeyID: TokenKeyError(.duplicateKeyID, facts: ["id": "k1"])
            case .insideDataDirectory: TokenKeyError(.insideDataDirectory, facts: ["file": "/d/keys", "directory": "/d"])
            case .fileTooOpen: TokenKeyError(.fileTooOpen, facts: ["file": "/etc/keys", "mode": "644"])
            case .unreadable: TokenKeyError(.unreadable, facts: ["file": "/etc/keys"])
            }
        }
    }
}
