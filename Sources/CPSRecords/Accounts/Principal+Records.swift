import Foundation

/// Typed constructors for principals (R-ID-4): a host holds `AccountUser.ID` and `Reviewer.ID`
/// values, and writes `.accountUser(signedIn.user.id)` or `.reviewer(reviewer.id)` without
/// converting to a string.
extension Principal {
    /// The account user with this ID.
    public static func accountUser(_ id: AccountUser.ID) -> Principal { .accountUser(id.rawValue) }

    /// The reviewer with this ID.
    public static func reviewer(_ id: Reviewer.ID) -> Principal { .reviewer(id.rawValue) }
}
