import CPSKit
import Foundation

/// The JSON bodies of the API under `/api/v1` (R-HOST-1), as `/openapi.json` describes them.
/// Amounts are decimal strings with their currency; days are `YYYY-MM-DD`.
enum APIRepresentation {
    struct TokenRequest: Decodable { let email: String; let password: String }
    struct Token: Encodable { let token: String; let tokenType = "Bearer"; let expiresAt: String }
    struct Account: Encodable { let id: String; let companyName: String; let country: String; let points: Int }
    struct Level: Encodable { let level: String; let name: String; let view: String; let yearlyFee: String; let open: Bool; let shortfalls: [String] }
    struct Levels: Encodable { let points: Int; let businessSwitchShown: Bool; let levels: [Level] }
    struct Product: Encodable { let id: String; let model: String; let serialNumber: String?; let complete: Bool; let missingFields: [String]; let points: Int }
    struct ProductRequest: Decodable {
        let model: String
        let serialNumber: String?
        let purchaseDate: String?
        let countryOfPurchase: String?
        let dealer: String?
    }
    struct PurchaseRequest: Decodable { let level: String; let paymentMethod: String; let termsVersion: String? }
    struct Purchase: Encodable { let membershipNumber: String; let level: String; let paymentMethod: String }
    struct Invoice: Encodable { let id: String; let number: String; let total: String; let amountDue: String; let dueDay: String; let status: String; let paymentReference: String }
    struct Step: Encodable { let code: String; let text: String }
    struct Health: Encodable { let status: String }
    /// RFC 9457 problem details with the library's code and the localized message.
    struct Problem: Encodable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let code: String
    }
}
