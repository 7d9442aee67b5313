import Foundation

/// Checks free-text form fields (R-ACC-1): trimmed, not empty when required, at most a policy length,
/// and free of control and formatting characters (which break mails, logs and matching).
public enum TextFieldRules {
    /// The trimmed text, or an ``InputError`` naming `field`.
    public static func validate(_ text: String, field: FieldName, maxLength: Int) throws(InputError) -> String {
        let trimmed = text.trimmingWhitespace(andNewlines: true)
        guard !trimmed.isEmpty else { throw InputError(.missing, field: field, value: text) }
        guard trimmed.count <= maxLength else {
            throw InputError(.tooLong, field: field, value: trimmed, limit: String(maxLength))
        }
        for scalar in trimmed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
                throw InputError(.invalidCharacters, field: field, value: trimmed)
            default: continue
            }
        }
        return trimmed
    }

    /// Like ``validate(_:field:maxLength:)`` but `nil` or blank text gives `nil`.
    public static func optional(_ text: String?, field: FieldName, maxLength: Int) throws(InputError) -> String? {
        guard let text, !text.trimmingWhitespace(andNewlines: true).isEmpty else { return nil }
        return try validate(text, field: field, maxLength: maxLength)
    }
}
