/// A CPS membership number: `CPS`, a nine-digit sequence number and one Luhn check digit, e.g.
/// `CPS0000000018` for sequence 1 (R-MEM-2).
///
/// The check digit is the Luhn (ISO/IEC 7812-1 "mod 10") digit over the nine sequence digits: it
/// catches every single mistyped digit and almost every swap of two neighbouring digits. Parsing
/// accepts lower case, spaces and hyphens (`cps-000000001-8`).
///
/// Every membership term gets a new number; ``assignNew(nextSequence:previousNumbers:)`` picks one that
/// differs from every number the account had (its old CPS number, earlier terms), which stay on record.
public struct MembershipNumber: Hashable, Sendable, CustomStringConvertible {
    /// The prefix of every number.
    public static let prefix = "CPS"
    /// The largest sequence number (nine digits).
    public static let maximumSequence = 999_999_999

    /// The compact form, e.g. `CPS0000000018`.
    public let compact: String

    /// The number for `sequence` (1…999,999,999), with its check digit (R-MEM-2).
    public init(sequence: Int) throws(MembershipError) {
        guard (1...MembershipNumber.maximumSequence).contains(sequence) else {
            throw MembershipError(.membershipNumbersExhausted, facts: ["sequence": String(sequence)])
        }
        let digits = String(sequence)
        let payload = String(repeating: "0", count: 9 - digits.count) + digits
        compact = MembershipNumber.prefix + payload + String(MembershipNumber.luhnDigit(payload))
    }

    /// Parses and checks a number in its usual spellings (R-MEM-2).
    public init(parsing text: String) throws(MembershipError) {
        let compact = MembershipNumber.normalize(text)
        let body = compact.dropFirst(MembershipNumber.prefix.count)
        guard compact.hasPrefix(MembershipNumber.prefix), body.utf8.count == 10,
              body.utf8.allSatisfy({ (48...57).contains($0) }), body.dropLast() != "000000000",
              MembershipNumber.luhnDigit(String(body.dropLast())) == Int((body.last?.asciiValue ?? 0)) - 48
        else {
            throw MembershipError(.invalidMembershipNumber, facts: ["input": String(text.prefix(40))])
        }
        self.compact = compact
    }

    /// Whether `text` is a valid membership number (R-MEM-2).
    public static func isValid(_ text: String) -> Bool { (try? MembershipNumber(parsing: text)) != nil }

    /// The sequence number, e.g. 1 for `CPS0000000018`.
    public var sequence: Int { Int(compact.dropFirst(MembershipNumber.prefix.count).dropLast()) ?? 0 }

    /// The printed form, e.g. `CPS 000 000 001 8`.
    public var printed: String {
        let body = Array(compact.dropFirst(MembershipNumber.prefix.count))
        return MembershipNumber.prefix + " " + String(body[0..<3]) + " " + String(body[3..<6]) + " "
            + String(body[6..<9]) + " " + String(body[9])
    }

    /// The compact form (R-MEM-2).
    public var description: String { compact }

    // MARK: - R-MEM-2: a new number, distinct from every earlier one

    /// The outcome of ``assignNew(nextSequence:previousNumbers:)``.
    public struct Assignment: Hashable, Sendable {
        /// The new number.
        public let number: MembershipNumber
        /// The sequence value the next assignment should start from.
        public let nextSequence: Int
        /// The numbers the account had, normalized; they stay on record.
        public let previousNumbers: [String]
    }

    /// Picks the number for the first sequence value from `nextSequence` on whose number differs from
    /// every one of `previousNumbers` — the old CPS number and the numbers of earlier terms, in any
    /// spelling (R-MEM-2).
    ///
    /// Pure: the service passes a sequence value it reserved from the global counter (and keeps a
    /// unique key in storage); a result whose ``Assignment/nextSequence`` is not `nextSequence + 1`
    /// moved past a number the account had.
    ///
    /// - Throws: ``MembershipError/Reason/membershipNumbersExhausted`` when the sequence runs out.
    public static func assignNew(nextSequence: Int, previousNumbers: some Sequence<String>)
        throws(MembershipError) -> Assignment {
        let previous = previousNumbers.map(normalize)
        let taken = Set(previous)
        var sequence = max(1, nextSequence)
        while true {
            let candidate = try MembershipNumber(sequence: sequence)
            sequence += 1
            if !taken.contains(candidate.compact) {
                return Assignment(number: candidate, nextSequence: sequence, previousNumbers: previous)
            }
        }
    }

    // MARK: - Check digit

    /// Upper case without spaces and hyphens.
    static func normalize(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }).uppercased()
    }

    /// The Luhn check digit of `digits` (ASCII digits only).
    static func luhnDigit(_ digits: String) -> Int {
        var sum = 0
        for (index, byte) in digits.utf8.reversed().enumerated() {
            var value = Int(byte) - 48
            if index % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return (10 - sum % 10) % 10
    }
}

// MARK: - Codable

extension MembershipNumber: Codable {
    /// Decodes the compact form and checks it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try MembershipNumber(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the compact form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(compact)
    }
}
