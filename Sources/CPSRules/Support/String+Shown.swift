extension String {
    /// The text as a message may quote it (SPEC §12): at most `limit` Unicode scalars (then "…"),
    /// with control, formatting, separator and unassigned scalars shown as U+FFFD, so a hostile value
    /// (a CR-LF header fragment, a right-to-left override, 128 KB) cannot break a message, a mail or a log.
    package func shownSafely(limit: Int = 40) -> String {
        var shown = String.UnicodeScalarView()
        for scalar in unicodeScalars.prefix(limit) {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
                shown.append("\u{FFFD}")
            default:
                shown.append(scalar)
            }
        }
        return String(shown) + (unicodeScalars.count > limit ? "…" : "")
    }
}
