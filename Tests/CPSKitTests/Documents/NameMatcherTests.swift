@testable import CPSKit
import Testing

@Suite("Company name and address matching (R-DOC-4)")
struct NameMatcherTests {
    static let swedishForms = EvidencePolicy.canonEurope.legalForms(for: "SE")
    static let germanForms = EvidencePolicy.canonEurope.legalForms(for: "DE")

    @Test("Legal forms map to one canonical form per country, as prefix or suffix, never dropped", arguments: [
        ("Foo AB", "Foo Aktiebolag", true),
        ("Foo AB", "FOO aktiebolag", true),
        ("Foo AB", "foo, a.b.", true),
        ("Foo AB", "AB Foo", true),
        ("Foo AB", "Foo GmbH", false),
        ("Foo AB", "Foo", false),
        ("Foo AB", "Foo HB", false),
        ("Ljusbild Foto AB", "Ljusbild  Foto  AB", true),
        ("Åkes Foto AB", "Akes Foto Aktiebolag", true),
    ])
    func swedish(_ a: String, _ b: String, _ same: Bool) {
        #expect(NameMatcher.companyNamesMatch(a, b, legalForms: Self.swedishForms) == same)
    }

    @Test("German: GmbH = Gesellschaft mit beschränkter Haftung; diacritics and ß folded")
    func german() {
        #expect(NameMatcher.companyNamesMatch("Müller Fotografie GmbH", "Mueller Fotografie GmbH", legalForms: Self.germanForms) == false)
        #expect(NameMatcher.companyNamesMatch("Müller Fotografie GmbH", "MÜLLER FOTOGRAFIE Gesellschaft mit beschränkter Haftung",
                                              legalForms: Self.germanForms))
        #expect(NameMatcher.companyNamesMatch("Foto Straße AG", "Foto Strasse Aktiengesellschaft", legalForms: Self.germanForms))
        #expect(!NameMatcher.companyNamesMatch("Foo GmbH", "Foo AG", legalForms: Self.germanForms))
    }

    @Test("A name that is only a legal form keeps it")
    func onlyLegalForm() {
        #expect(NameMatcher.normalizedCompanyName("AB", legalForms: Self.swedishForms) == "ab")
    }

    @Test("Addresses ignore case, punctuation, white space and diacritics; postal codes ignore spaces")
    func addresses() {
        #expect(NameMatcher.addressTextMatches("Storgatan 12", "STORGATAN  12"))
        #expect(NameMatcher.addressTextMatches("Göteborg", "Goteborg"))
        #expect(!NameMatcher.addressTextMatches("Storgatan 12", "Storgatan 21"))
        #expect(NameMatcher.postalCodesMatch("111 22", "11122"))
        #expect(!NameMatcher.postalCodesMatch("111 22", "11123"))
    }
}
