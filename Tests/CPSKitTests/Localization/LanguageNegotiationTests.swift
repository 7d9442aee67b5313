import CPSKit
import Testing

@Suite("Language.negotiate: Accept-Language for hosts (RFC 9110 §12.5.4, RFC 4647; R-MSG-1)")
struct LanguageNegotiationTests {
    static let supported: [Language] = [.english, .swedish]

    @Test("R-MSG-1: the highest weight wins, header order breaks ties, ranges match by basic filtering", arguments: [
        ("sv", "sv"),
        ("SV", "sv"),
        ("en", "en"),
        ("sv-SE, sv;q=0.9, en;q=0.8", "sv"),
        ("en;q=0.8, sv", "sv"),
        ("en, sv", "en"),
        ("sv;q=0.5, en;q=0.5", "sv"),
        ("de-CH, de;q=0.9, sv;q=0.8, en;q=0.5", "sv"),
        ("de, fr", nil),
        ("sv-SE", "sv"),                  // no exact tag: the range's truncation (RFC 4647 §3.4)
        ("en-GB-oxendict", "en"),
        ("*", "en"),                      // any: the first supported
        ("de, *;q=0.1", "en"),
        ("en;q=0, *", "sv"),              // q=0: not acceptable, not even through *
        ("sv;q=0, en;q=0", nil),
        ("sv;q=0.001", "sv"),
        ("sv;q=1.000, en;q=1", "sv"),
        (" sv ; q=0.2 ,\ten ; q=0.1", "sv"),
    ] as [(String, String?)])
    func negotiates(_ header: String, _ expected: String?) {
        #expect(Language.negotiate(acceptLanguage: header, supported: Self.supported)?.code == expected)
    }

    @Test("R-MSG-1: malformed elements are ignored, the rest still count", arguments: [
        ("sv;q=2, en", "en"),             // a weight above 1
        ("sv;q=0.5000, en;q=0.1", "en"),  // more than three decimals
        ("sv;q=1.5, en;q=0.1", "en"),
        ("sv;q=, en;q=0.1", "en"),
        ("sv;level=1, en;q=0.1", "en"),   // only q is a parameter
        ("s v, en;q=0.1", "en"),
        ("123, en;q=0.1", "en"),
        ("toolongtag, en;q=0.1", "en"),
        ("sv-, en;q=0.1", "en"),
        ("sv_SE, en;q=0.1", "en"),
        (",,, ;;, sv", "sv"),
    ] as [(String, String?)])
    func malformed(_ header: String, _ expected: String?) {
        #expect(Language.negotiate(acceptLanguage: header, supported: Self.supported)?.code == expected)
    }

    @Test("R-MSG-1: no header, an empty one, or nothing supported gives nil; a host's language can be negotiated")
    func edges() {
        #expect(Language.negotiate(acceptLanguage: nil, supported: Self.supported) == nil)
        #expect(Language.negotiate(acceptLanguage: "", supported: Self.supported) == nil)
        #expect(Language.negotiate(acceptLanguage: "sv", supported: []) == nil)
        #expect(Language.negotiate(acceptLanguage: "de-AT, sv;q=0.5", supported: Self.supported + [Language("de")]) == Language("de"))
    }

    @Test("R-MSG-1: a hostile header is read only so far: 4,096 characters, 64 elements")
    func bounded() {
        let long = Array(repeating: "de", count: 64).joined(separator: ",") + ",sv"
        #expect(Language.negotiate(acceptLanguage: long, supported: Self.supported) == nil)
        let padded = String(repeating: " ", count: 4_096) + "sv"
        #expect(Language.negotiate(acceptLanguage: padded, supported: Self.supported) == nil)
        #expect(Language.negotiate(acceptLanguage: "xx," + String(repeating: "a", count: 100_000), supported: Self.supported) == nil)
    }
}
