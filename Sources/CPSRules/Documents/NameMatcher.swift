import Foundation

/// Compares what a document shows with what the application says (R-DOC-4), as pure functions.
///
/// Company names are normalised — case, white space, punctuation and diacritics ignored — and a
/// legal form at the start or end is mapped to its country's canonical form, never dropped. So
/// "Foo AB" = "FOO Aktiebolag" = "foo, a.b." but "Foo AB" ≠ "Foo GmbH" ≠ "Foo".
public enum NameMatcher {
    /// Lower-case, without diacritics, punctuation as space, white space collapsed ("Müller & Söhne,
    /// GmbH" → "muller sohne gmbh").
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for scalar in folded.unicodeScalars {
            let keep: String?
            switch scalar {
            case "ß": keep = "ss"
            case "æ": keep = "ae"
            case "ø": keep = "o"
            case "œ": keep = "oe"
            case "ł": keep = "l"
            case "đ": keep = "d"
            case "&", "+": keep = nil // connectors are punctuation
            default:
                keep = scalar.properties.isAlphabetic || scalar.properties.numericType != nil ? String(scalar) : nil
            }
            if let keep {
                if pendingSpace && !result.isEmpty { result += " " }
                pendingSpace = false
                result += keep
            } else {
                pendingSpace = true
            }
        }
        return result
    }

    /// The comparison form of a company name under `legalForms`: folded, with a legal form at the
    /// end (or else at the start) replaced by `"#" + canonical` and placed last, so "AB Foo" and
    /// "Foo Aktiebolag" compare equal.
    public static func normalizedCompanyName(_ name: String, legalForms: [LegalForm]) -> String {
        var words = fold(name).split(separator: " ").map(String.init)
        // Join single letters written with dots ("a.b." → "a b" → "ab") so abbreviations match.
        words = joinInitials(words)
        let spellings = legalForms.flatMap { form in form.spellings.map { (joinInitials($0.split(separator: " ").map(String.init)), form.canonical) } }
            .sorted { $0.0.count > $1.0.count } // longest spelling first
        for (spelling, canonical) in spellings where spelling.count < words.count && words.suffix(spelling.count).elementsEqual(spelling) {
            return (words.dropLast(spelling.count) + ["#" + canonical]).joined(separator: " ")
        }
        for (spelling, canonical) in spellings where spelling.count < words.count && words.prefix(spelling.count).elementsEqual(spelling) {
            return (words.dropFirst(spelling.count) + ["#" + canonical]).joined(separator: " ")
        }
        return words.joined(separator: " ")
    }

    /// Whether two company names are the same under `legalForms` (R-DOC-4).
    public static func companyNamesMatch(_ a: String, _ b: String, legalForms: [LegalForm]) -> Bool {
        normalizedCompanyName(a, legalForms: legalForms) == normalizedCompanyName(b, legalForms: legalForms)
    }

    /// Whether two address lines are the same ignoring case, white space, punctuation and diacritics.
    public static func addressTextMatches(_ a: String, _ b: String) -> Bool { fold(a) == fold(b) }

    /// Whether two postal codes are the same ignoring spaces, dashes and case ("111 22" = "11122").
    public static func postalCodesMatch(_ a: String, _ b: String) -> Bool {
        fold(a).replacingOccurrences(of: " ", with: "") == fold(b).replacingOccurrences(of: " ", with: "")
    }

    private static func joinInitials(_ words: [String]) -> [String] {
        var result: [String] = []
        var run = ""
        for word in words {
            if word.count == 1 { run += word; continue }
            if !run.isEmpty { result.append(run); run = "" }
            result.append(word)
        }
        if !run.isEmpty { result.append(run) }
        return result
    }
}
