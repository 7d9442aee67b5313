/// A territory of a participating country where CPS is not offered (R-ACC-3), recognised by the
/// postal code's start: Canon's terms say "Spain (mainland only)" and "UK (mainland only)".
///
/// The default (``CPSPolicy/canonEurope``): ES `35`/`38` the Canary Islands, `51` Ceuta, `52` Melilla;
/// GB `BT` Northern Ireland and the Crown dependencies `GY` Guernsey, `JE` Jersey, `IM` the Isle of Man,
/// which are not part of the UK. A refusal names the territory by the catalog text
/// `application.territory.<code>`; a host that adds a territory adds its name to its catalog.
public struct ExcludedTerritory: Hashable, Codable, Sendable {
    /// The territory's stable code, e.g. `canaryIslands` (its name is `application.territory.<code>`).
    public var code: String
    /// The starts of its postal codes, compared without spaces or dashes and in upper case.
    public var postalCodePrefixes: [String]

    /// Creates a territory.
    public init(code: String, postalCodePrefixes: [String]) {
        self.code = code
        self.postalCodePrefixes = postalCodePrefixes
    }

    /// Whether `postalCode` lies in the territory.
    public func contains(postalCode: String) -> Bool {
        let compact = ExcludedTerritory.compact(postalCode)
        return postalCodePrefixes.contains { !$0.isEmpty && compact.hasPrefix(ExcludedTerritory.compact($0)) }
    }

    /// `text` without spaces and dashes, upper-cased.
    package static func compact(_ text: String) -> String {
        String(text.uppercased().filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" })
    }

    /// The territories Canon's terms exclude, by country (R-ACC-3).
    public static let canonEurope: [String: [ExcludedTerritory]] = [
        "ES": [ExcludedTerritory(code: "canaryIslands", postalCodePrefixes: ["35", "38"]),
               ExcludedTerritory(code: "ceuta", postalCodePrefixes: ["51"]),
               ExcludedTerritory(code: "melilla", postalCodePrefixes: ["52"])],
        "GB": [ExcludedTerritory(code: "northernIreland", postalCodePrefixes: ["BT"]),
               ExcludedTerritory(code: "guernsey", postalCodePrefixes: ["GY"]),
               ExcludedTerritory(code: "jersey", postalCodePrefixes: ["JE"]),
               ExcludedTerritory(code: "isleOfMan", postalCodePrefixes: ["IM"])],
    ]
}
