/// The host's token keys could not be used (R-ID-3). No context was made.
public struct TokenKeyError: LocalizedFailure, Equatable {
    /// What is wrong with the keys.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The text holds no key.
        public static let noKey = Reason("noKey")
        /// A line is not `KEY-ID BASE64`.
        public static let malformedLine = Reason("malformedLine")
        /// A key ID is empty, too long or has other characters than `A–Z a–z 0–9 . _ -`.
        public static let malformedKeyID = Reason("malformedKeyID")
        /// A key is not 32 bytes.
        public static let wrongKeyLength = Reason("wrongKeyLength")
        /// Two keys have the same ID.
        public static let duplicateKeyID = Reason("duplicateKeyID")
        /// The key file lies inside the data directory.
        public static let insideDataDirectory = Reason("insideDataDirectory")
        /// The key file may be read or written by its group or by others.
        public static let fileTooOpen = Reason("fileTooOpen")
        /// The key file cannot be read.
        public static let unreadable = Reason("unreadable")
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
    public var textArguments: [String: String] { facts }
}
