import CPSKit
import Foundation

extension CommandSpec {
    /// `cps audit verify [SUBJECT]` (R-GDPR-3): checks the tamper-evident audit trail.
    static let audit = CommandSpec(
        name: "audit",
        summary: "verify the tamper-evident audit trail",
        help: """
        Usage: cps audit verify [SUBJECT] [--json]

        verify  checks every audit chain (or SUBJECT's, e.g. application-1): each entry's place, its
                link to the entry before it, its reason and facts against their salted commitment, and
                the chain's head, keyed with the host key (a deleted tail is caught). Prints each broken
                chain with its first broken link and exits 66 when one is broken, 0 when all verify.
                --json prints the reports (subject, entries, firstBreak {reason, entryID, position}).
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 2)
        _ = try invocation.action(["verify"])
        let subject = invocation.arguments.positionals.count > 1 ? try invocation.arguments.positional(1, "SUBJECT") : nil
        let host = Principal.system("cps-audit")
        return try await CLIContext.with(invocation) { cli in
            let chains: [AuditChainReport]
            if let subject {
                chains = [try await cli.services.audit.verify(subject, as: host)]
            } else {
                chains = try await cli.services.audit.verifyAll(as: host).chains
            }
            let broken = chains.filter { !$0.isIntact }
            try invocation.emit(chains) {
                broken.map { report in
                    let found = report.firstBreak
                    return "broken \(report.subject) at entry \(found?.position ?? 0) (\(found?.entryID ?? "-")): "
                        + "\(found?.reason.rawValue ?? "-") — \(found?.reason.explanation ?? "")"
                } + ["\(chains.count - broken.count) of \(chains.count) chains intact, \(chains.reduce(0) { $0 + $1.entries }) entries"]
            }
            return broken.isEmpty ? .success : .verificationFailed
        }
    }
}
