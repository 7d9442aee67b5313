import CPSKit

extension CommandSpec {
    /// `cps vat NUMBER…`: checks VAT numbers (R-VAT-1), one verdict line per input.
    static let vat = CommandSpec(
        name: "vat",
        summary: "check VAT numbers: valid <compact> or invalid <reason>",
        help: """
        Usage: cps vat [NUMBER…] [--json] [--lang sv|en]

        Checks each VAT number (R-VAT-1) and prints one line per input, in order:
          valid <compact form>     or     invalid <reason>
        With no NUMBER, reads one number per line from standard input.
        A verdict is output, not an error: the command exits 0 when it ran.
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"])
        var inputs = invocation.arguments.all
        if inputs.isEmpty {
            while let line = invocation.readLine() { inputs.append(line) }
        }
        for input in inputs {
            do throws(VATNumberError) {
                let number = try VATNumber(input)
                invocation.print("valid \(number.compact)")
            } catch {
                invocation.print("invalid \(error.message(in: invocation.language))")
            }
        }
        return .success
    }
}
