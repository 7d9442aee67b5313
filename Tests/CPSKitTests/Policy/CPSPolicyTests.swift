import CPSKit
import Foundation
import Testing

@Suite("Policy as data (SPEC §1)")
struct CPSPolicyTests {
    @Test("The default is Canon Europe as of the seed and passes its own checks")
    func defaults() throws {
        let policy = CPSPolicy.canonEurope
        try policy.validate()
        #expect(policy.mail.sender.address == "donotreply@canon-europe.com")
        #expect(policy.validation.slaWorkingDays == 2)
        #expect(policy.validation.slaCountry == nil)
        #expect(policy.passwords.tokenLifetimeHours == 72)
        #expect(policy.evidence.maximumFileBytes == 10 * 1_048_576)
        #expect(policy.participatingCountries.count == 20)
        #expect(policy.isParticipating("CH") && policy.isParticipating("SE") && !policy.isParticipating("US"))
        #expect(policy.evidence.edition(for: "FR").name == "FR")
        #expect(policy.evidence.edition(for: "DE").name == "SE")
    }

    @Test("A policy round-trips through JSON")
    func roundTrip() throws {
        let data = try JSONEncoder().encode(CPSPolicy.canonEurope)
        #expect(try CPSPolicy.load(json: data) == .canonEurope)
    }

    @Test("A host's partial policy keeps the defaults of the sections it leaves out")
    func partial() throws {
        let json = #"{"name": "Canon Nordic", "validation": {"slaWorkingDays": 3, "slaCountry": "SE", "cutoffHour": 15}}"#
        let policy = try CPSPolicy.load(json: Data(json.utf8))
        #expect(policy.name == "Canon Nordic")
        #expect(policy.validation == ValidationPolicy(slaWorkingDays: 3, slaCountry: "SE", cutoffHour: 15))
        #expect(policy.mail == CPSPolicy.canonEurope.mail)
    }

    @Test("Bad policy JSON gets an error naming the field", arguments: [
        (#"{"validation": {"slaWorkingDays": "two"}}"#, "validation.slaWorkingDays"),
        (#"{"validation": {"slaCountry": "SE"}}"#, "validation.slaWorkingDays"),
        (#"{"participatingCountries": ["SE", "Sweden"]}"#, "participatingCountries[1]"),
        (#"{"timeZoneIdentifier": "Mars/Olympus"}"#, "timeZoneIdentifier"),
        (#"{"validation": {"slaWorkingDays": -1}}"#, "validation.slaWorkingDays"),
        (#"{"mail": {"sender": "not-an-address", "senderName": "C", "passwordLinkTemplate": "x{token}"}}"#, "mail.sender"),
        (#"{"mail": {"sender": "a@b.se", "senderName": "C", "passwordLinkTemplate": "https://x"}}"#, "mail.passwordLinkTemplate"),
        (#"{"passwords": {"tokenLifetimeHours": 72, "tokenBytes": 8, "minimumLength": 10, "maximumLength": 128, "forbidEmail": true, "requireLetterAndDigit": true}}"#, "passwords.tokenBytes"),
        (#"{"validation": "#, "(document)"),
    ])
    func badJSON(_ json: String, _ field: String) {
        let error = #expect(throws: PolicyError.self) { try CPSPolicy.load(json: Data(json.utf8)) }
        // The whole document is not JSON: the message says so without a field.
        #expect(error?.field == (field == "(document)" ? "" : field))
        #expect(error?.message(in: .swedish).contains(field == "(document)" ? "JSON" : field) == true)
        #expect(error?.category == .configuration)
    }
}
