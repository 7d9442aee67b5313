/// Whole numbers as people read them in a language (R-GUIDE-1): Swedish groups thousands with a
/// space ("2 500"), English and every other language with a comma ("2,500"). Deterministic: no
/// platform locale data, the same separators as ``Money/formatted(in:)``.
public enum LocalizedNumber {
    /// `value` with thousands grouped for `language` (R-GUIDE-1).
    public static func format(_ value: Int, in language: Language) -> String {
        let separator: Character = language == .swedish ? " " : ","
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(separator) }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }
}
