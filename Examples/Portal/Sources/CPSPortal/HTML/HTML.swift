import Foundation

/// A piece of HTML whose every interpolated value is escaped (R-HOST-2): the portal builds its pages
/// from `HTML` values only, so a company named `<script>` renders as text. A `String` interpolated
/// into an `HTML` literal is escaped; another `HTML` value is inserted as it is. Nothing else makes
/// markup from text: there is no "raw" initialiser, and `PortalTemplateScanTests` fails on one.
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup.
    public private(set) var markup: String

    /// Markup written in the portal's source (a literal without interpolations).
    public init(stringLiteral literal: String) { markup = literal }

    /// Markup with escaped interpolations.
    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// No markup.
    public static let empty: HTML = ""

    /// The markup.
    public var description: String { markup }

    /// The pieces one after another.
    public static func joined(_ pieces: [HTML], separator: HTML = .empty) -> HTML {
        var result = HTML.empty
        for (index, piece) in pieces.enumerated() {
            if index > 0 { result.markup += separator.markup }
            result.markup += piece.markup
        }
        return result
    }

    /// `text`, escaped for element content and attribute values (`&`, `<`, `>`, `"`, `'`).
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// The builder of an interpolated literal: literal segments are markup, values are escaped.
    public struct Interpolation: StringInterpolationProtocol, Sendable {
        var markup = ""

        /// Reserves room.
        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }
        /// A literal segment: markup.
        public mutating func appendLiteral(_ literal: String) { markup += literal }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        /// A number or any other value shown by its description: escaped.
        public mutating func appendInterpolation<T: CustomStringConvertible>(_ value: T) { markup += HTML.escape(value.description) }
        /// Markup built the same way: inserted as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        /// Several pieces of markup, one after another.
        public mutating func appendInterpolation(_ pieces: [HTML]) { markup += HTML.joined(pieces).markup }
    }
}
