import CPSKit

extension CommandSpec {
    /// `cps vat NUMBER…`: checks VAT numbers (R-VAT-1), one verdict line per input.
    static let vat = CommandSpec(
        name: "vat",
        summary: "check VAT numbers: valid <compact> or invalid <reason>",
        help: """
        Usage: cps vat [NUMBER…] [--json] [--lang sv|en]

        Checks each VAT number (R-VAT-1) and prints one line per input, in order:
          valid <compact form>     or     invalid <reason>: <message>
        where <reason> is one of empty, unknownCountry, wrongLength, badPattern, badCheckDigit and
        <message> explains it in the chosen language.
        With no NUMBER, reads one number per line from standard input.
        With --json, prints one array of {input, valid, compact?, reason?, message?} instead.
        A verdict is output, not an error: the command exits 0 when it ran.

        Examples:
          cps vat SE556677889901 "el 094 012 834"
          printf 'GB002425728\\nNO917313008MVA\\n' | cps vat --json
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"])
        var inputs = invocation.arguments.all
        if inputs.isEmpty {
            while let line = try invocation.readLine() { inputs.append(line) }
        }
        var reports: [VATVerdictReport] = []
        if invocation.json { reports.reserveCapacity(inputs.count) }
        for input in inputs {
            let report: VATVerdictReport
            do throws(VATNumberError) {
                let number = try VATNumber(input)
                report = VATVerdictReport(input: input, valid: true, compact: number.compact)
            } catch {
                report = VATVerdictReport(input: input, valid: false, reason: error.reason.description,
                                          message: error.message(in: invocation.language))
            }
            if invocation.json {
                reports.append(report)
            } else if let compact = report.compact {
                invocation.print("valid \(compact)")
            } else {
                invocation.print("invalid \(report.reason ?? ""): \(report.message ?? "")")
            }
        }
        if invocation.json { try invocation.printJSON(reports) }
        return .success
    }
}

/// One element of `cps vat --json` (R-VAT-1): the input, the verdict and either the compact form or
/// the reason code with its message.
struct VATVerdictReport: Encodable, Equatable {
    let input: String
    let valid: Bool
    var compact: String?
    var reason: String?
    var message: String?
}
