/// The default ``PreviousMembershipNumbers``: no numbers outside CPSKit's own records (R-MEM-2).
public struct NoPreviousMembershipNumbers: PreviousMembershipNumbers {
    /// Creates the source.
    public init() {}

    /// Always empty (R-MEM-2).
    public func previousNumbers(of accountID: String) async throws -> [String] { [] }
}
