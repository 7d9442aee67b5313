import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Issue 15 item 3: the VAT number's country, an empty VAT number, the common slips (R-VAT-1), and
/// the excluded territories (R-ACC-3). Every refusal stores nothing.
@Suite("Input rules: VAT country, empty VAT number, slips, excluded territories (R-ACC-3, R-VAT-1)")
struct InputRulesTests {
    static let anna = Principal.applicant(try! EmailAddress("anna@ljusbild.example"))

    static func form(country: String, postalCode: String, vat: String?) -> ApplicationForm {
        var form = Fixtures.swedishForm
        form.country = country
        form.postalCode = postalCode
        form.vatNumber = vat
        return form
    }

    static func refusal(_ form: ApplicationForm) async throws -> (any Error)? {
        let env = TestEnvironment()
        do {
            _ = try await env.onboarding.createApplication(form, as: anna)
        } catch {
            #expect(try await env.store.fetchAll(BusinessAccountApplication.self).isEmpty, "nothing stored")
            return error
        }
        return nil
    }

    @Test("R-ACC-3: a Swedish company with a valid German VAT number is refused, naming both countries")
    func vatCountryMismatch() async throws {
        let error = try await Self.refusal(Self.form(country: "SE", postalCode: "111 22", vat: "DE136695976"))
        let mismatch = try #require(error as? ApplicationError)
        #expect(mismatch.reason == .vatCountryMismatch)
        #expect(mismatch.category == .refusal)
        #expect(mismatch.message(in: .swedish) == "Momsregistreringsnumret DE136695976 hör till Tyskland, men företaget finns i Sverige. Ange företagets momsregistreringsnummer från Sverige.")
        #expect(mismatch.message(in: .english).contains("belongs to Germany, but the company is in Sweden"))
    }

    @Test("R-ACC-3: the same country passes; Greece's GR and EL alike; CHE is Swiss", arguments: [
        ("SE", "111 22", "SE556677889901"), ("GR", "105 57", "EL094012834"), ("GR", "105 57", "GR094012834"),
        ("CH", "8001", "CHE-100.155.212 MWST"), ("GB", "SW1A 1AA", "GB002425728"),
    ])
    func sameCountryPasses(country: String, postalCode: String, vat: String) async throws {
        var form = Self.form(country: country, postalCode: postalCode, vat: vat)
        form.contactEmail = "anna@ljusbild.example"
        var policy = CPSPolicy.canonEurope
        policy.participatingCountries.append("GR")
        let application = try await TestEnvironment(policy: policy).onboarding.createApplication(form, as: Self.anna)
        #expect(application.address.country.code == country)
    }

    @Test("R-ACC-3: XI (Northern Ireland) is not a number of a mainland GB company")
    func northernIrelandNumberOnTheMainland() async throws {
        let error = try await Self.refusal(Self.form(country: "GB", postalCode: "SW1A 1AA", vat: "XI980780684"))
        #expect((error as? ApplicationError)?.reason == .vatCountryMismatch)
    }

    @Test("R-ACC-3: an empty VAT number is an input error, never a silent not-registered; nil is not registered",
          arguments: ["", "   ", " - . "])
    func emptyVATNumber(_ text: String) async throws {
        let error = try await Self.refusal(Self.form(country: "SE", postalCode: "111 22", vat: text))
        #expect((error as? VATNumberError)?.reason == .empty)
        let application = try await TestEnvironment().onboarding.createApplication(
            Self.form(country: "SE", postalCode: "111 22", vat: nil), as: Self.anna)
        #expect(application.vatStatus == .notRegistered)
    }

    @Test("R-VAT-1: the common slips get their own messages", arguments: [
        ("SE5566778899", "swedishWithout01", "SE556677889901"),
        ("SE 556677-8899", "swedishWithout01", "SE556677889901"),
        ("556677889901", "missingCountryPrefix", "SE for Sweden"),
        ("NO917313008", "norwegianWithoutMVA", "NO917313008MVA"),
        ("CHE-100.155.212", "swissWithoutSuffix", "MWST, TVA or IVA"),
        ("NL004495445", "dutchWithoutB01", "NL004495445B01"),
        ("AT13585627", "austrianWithoutU", "ATU13585627"),
        ("BE403019262", "belgianNineDigits", "has 9 digits"),
    ])
    func slips(_ input: String, _ reason: String, _ hint: String) throws {
        let error = #expect(throws: VATNumberError.self) { try VATNumber(input) }
        #expect(error?.reason.description == reason)
        #expect(error?.message(in: .english).contains(hint) == true, "\(error?.message(in: .english) ?? "")")
        #expect(error?.message(in: .swedish).contains(input) == true)
    }

    @Test("R-VAT-1: the boundaries of each slip stay what they were", arguments: [
        ("SE556677889901", nil), ("SE55667788990", "badPattern"), ("SE556677889", nil), ("SE55667788990101", nil),
        ("NO917313008MVA", nil), ("NO91731300", nil), ("CHE100155212MWST", nil), ("CHE10015521", nil),
        ("NL004495445B01", nil), ("NL00449544", nil), ("ATU13585627", nil), ("AT1358562", nil),
        ("BE0403019261", nil), ("BE403019261", nil), ("BE40301926", nil), ("5566778", nil),
    ] as [(String, String?)])
    func slipBoundaries(_ input: String, _ unused: String?) {
        // A valid number stays valid; a refused one near a slip gets a general reason, not the slip's.
        let slipReasons: Set<String> = ["swedishWithout01", "norwegianWithoutMVA", "swissWithoutSuffix", "dutchWithoutB01",
                                        "austrianWithoutU", "belgianNineDigits", "missingCountryPrefix"]
        do {
            _ = try VATNumber(input)
            #expect(["SE556677889901", "NO917313008MVA", "CHE100155212MWST", "NL004495445B01", "ATU13585627",
                     "BE0403019261", "BE403019261"].contains(input), "\(input) accepted")
        } catch {
            #expect(!slipReasons.contains(error.reason.description), "\(input): \(error.reason)")
        }
    }

    @Test("R-ACC-3: excluded territories are refused with the territory named", arguments: [
        ("ES", "35001", "the Canary Islands", "Kanarieöarna"), ("ES", "38 001", "the Canary Islands", "Kanarieöarna"),
        ("ES", "51001", "Ceuta", "Ceuta"), ("ES", "52001", "Melilla", "Melilla"),
        ("GB", "BT1 1AA", "Northern Ireland", "Nordirland"), ("GB", "bt7 1nn", "Northern Ireland", "Nordirland"),
        ("GB", "GY1 1AA", "Guernsey", "Guernsey"), ("GB", "JE2 3AB", "Jersey", "Jersey"),
        ("GB", "IM1 1AA", "the Isle of Man", "Isle of Man"),
    ])
    func excludedTerritory(country: String, postalCode: String, english: String, swedish: String) async throws {
        let error = try await Self.refusal(Self.form(country: country, postalCode: postalCode, vat: nil))
        let refusal = try #require(error as? ApplicationError)
        #expect(refusal.reason == .excludedTerritory)
        #expect(refusal.message(in: .english).hasPrefix("Companies in \(english) cannot apply"))
        #expect(refusal.message(in: .swedish).hasPrefix("Företag på \(swedish) kan inte ansöka"))
    }

    @Test("R-ACC-3: the mainland next to each excluded range is accepted", arguments: [
        ("ES", "28001"), ("ES", "34001"), ("ES", "36001"), ("ES", "37001"), ("ES", "39001"), ("ES", "50001"),
        ("ES", "53001"), ("GB", "B1 1AA"), ("GB", "SW1A 1AA"), ("GB", "G1 1AA"), ("GB", "IP1 1AA"),
    ])
    func mainlandAccepted(country: String, postalCode: String) async throws {
        let application = try await TestEnvironment().onboarding.createApplication(
            Self.form(country: country, postalCode: postalCode, vat: nil), as: Self.anna)
        #expect(application.address.postalCode == postalCode)
    }

    @Test("R-ACC-3: the excluded territories are policy data; a host may admit them")
    func policyData() throws {
        var policy = CPSPolicy.canonEurope
        let address = try PostalAddress(street: "Calle 1", postalCode: "35001", city: "Las Palmas", country: "ES")
        #expect(policy.excludedTerritory(of: address)?.code == "canaryIslands")
        policy.excludedTerritories["ES"] = []
        #expect(policy.excludedTerritory(of: address) == nil)
        let loaded = try CPSPolicy.load(json: Data(#"{"excludedTerritories": {"ES": []}}"#.utf8))
        #expect(loaded.excludedTerritory(of: address) == nil)
        #expect(CPSPolicy.canonEurope.excludedTerritories["GB"]?.map(\.code) == ["northernIreland", "guernsey", "jersey", "isleOfMan"])
    }
}
