/// Why a superuser cancels a membership at the end of its term: the fixed list of R-LIFE-3 (a free
/// text goes beside it).
public enum CancellationReason: String, Codable, Sendable, CaseIterable {
    /// The fee is too high for what the member uses.
    case tooExpensive
    /// The member does not use the services enough.
    case notUsed
    /// The member moves to another service or brand.
    case switchingProvider
    /// The business closes or stops its photography or video work.
    case businessClosed
    /// Another reason, said in the free text.
    case other
}

/// Named in the reader's language (R-MSG-1, R-LIFE-3).
extension CancellationReason: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.cancellationReason.\(rawValue)") }
}
