import Foundation

/// What a document shows, as captured by a reviewer or an extraction adapter (R-DOC-4). A field left
/// `nil` is not visible on the document.
public struct VisibleFields: Hashable, Codable, Sendable {
    /// The company name as printed.
    public var companyName: String?
    /// The VAT number as printed.
    public var vatNumber: String?
    /// The street as printed.
    public var street: String?
    /// The postal code as printed.
    public var postalCode: String?
    /// The city as printed.
    public var city: String?
    /// The document's issue date.
    public var issueDate: CalendarDay?

    /// Creates a capture.
    public init(companyName: String? = nil, vatNumber: String? = nil, street: String? = nil,
                postalCode: String? = nil, city: String? = nil, issueDate: CalendarDay? = nil) {
        self.companyName = companyName
        self.vatNumber = vatNumber
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.issueDate = issueDate
    }

    /// Whether the whole address (street, postal code and city) is visible.
    public var hasAddress: Bool { street != nil && postalCode != nil && city != nil }
}
