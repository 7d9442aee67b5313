extension Language {
    /// The language to answer in, from an HTTP `Accept-Language` header (RFC 9110 §12.5.4), among
    /// `supported` (e.g. `context.catalog.languages`); `nil` when the header accepts none of them (the
    /// host then uses its default, e.g. English). For a host's pages and for the language of a new
    /// application (R-ACC-1, R-MSG-1).
    ///
    /// Each element is a language range with an optional weight (`sv-SE, sv;q=0.9, en;q=0.8, *;q=0.1`).
    /// Ranges are tried by weight, highest first, in header order among equal weights. A range matches
    /// a supported language by RFC 4647 §3.3.1 basic filtering — equal, ignoring case, or a prefix
    /// ending at a `-` — and, when it matches none, by its truncations as in RFC 4647 §3.4
    /// (`sv-SE` → `sv`), so a browser that sends only `sv-SE` gets Swedish. `*` matches any supported
    /// language not named otherwise. A weight of 0 means "not acceptable": that language is never
    /// chosen, not even through `*`. A malformed element (a bad range or weight) is ignored; a header
    /// longer than 4,096 characters or with more than 64 elements is read only that far.
    ///
    /// ```swift
    /// Language.negotiate(acceptLanguage: "de-CH, sv;q=0.8, en;q=0.5", supported: [.english, .swedish])  // sv
    /// ```
    public static func negotiate(acceptLanguage header: String?, supported: [Language]) -> Language? {
        guard let header, !supported.isEmpty else { return nil }
        let ranges = acceptedRanges(String(header.prefix(4_096)))
        let excluded = Set(supported.filter { language in
            ranges.contains { $0.weight == 0 && $0.range != "*" && matches($0.range, language.code) }
        })
        let candidates = supported.filter { !excluded.contains($0) }
        let ordered = ranges.enumerated().filter { $0.element.weight > 0 }
            .sorted { ($0.element.weight, $1.offset) > ($1.element.weight, $0.offset) }.map(\.element)
        for accepted in ordered {
            if accepted.range == "*" {
                let named = Set(ranges.filter { $0.range != "*" }.map(\.range))
                if let any = candidates.first(where: { language in !named.contains { matches($0, language.code) } }) {
                    return any
                }
                continue
            }
            var range = accepted.range
            while true {
                if let match = candidates.first(where: { matches(range, $0.code) }) { return match }
                guard let dash = range.lastIndex(of: "-") else { break }
                range = String(range[..<dash])
                if range.hasSuffix("-") || range.count == 1 { break }
            }
        }
        return nil
    }

    /// Whether `range` matches `tag` by basic filtering (RFC 4647 §3.3.1); both lower-case.
    private static func matches(_ range: String, _ tag: String) -> Bool {
        tag == range || tag.hasPrefix(range + "-")
    }

    /// The well-formed elements of the header, lower-cased, with their weights (1 when absent).
    private static func acceptedRanges(_ header: String) -> [(range: String, weight: Double)] {
        var result: [(range: String, weight: Double)] = []
        for element in header.split(separator: ",", omittingEmptySubsequences: true).prefix(64) {
            let parts = element.split(separator: ";", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: [" ", "\t"]) }
            guard let range = parts.first?.lowercased(), isRange(range) else { continue }
            var weight = 1.0
            var valid = true
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: [" ", "\t"]) }
                guard pair.count == 2, pair[0].lowercased() == "q", let value = qValue(pair[1]) else {
                    valid = false
                    break
                }
                weight = value
            }
            if valid { result.append((range, weight)) }
        }
        return result
    }

    /// `*` or 1–8 letters followed by `-` and 1–8 letters or digits, any number of times (RFC 4647 §2.1).
    private static func isRange(_ text: String) -> Bool {
        if text == "*" { return true }
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, (1...8).contains(first.count),
              first.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return false }
        return subtags.dropFirst().allSatisfy { subtag in
            (1...8).contains(subtag.count)
                && subtag.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// A weight per RFC 9110 §12.4.2: `0`, `1`, or up to three decimals (`0.5`, `1.000`); else `nil`.
    private static func qValue(_ text: String) -> Double? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, whole == "0" || whole == "1" else { return nil }
        var fraction = ""
        if parts.count == 2 {
            fraction = String(parts[1])
            guard fraction.count <= 3, fraction.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
            if whole == "1", fraction.contains(where: { $0 != "0" }) { return nil }
        }
        return Double(whole + "." + (fraction.isEmpty ? "0" : fraction))
    }
}
