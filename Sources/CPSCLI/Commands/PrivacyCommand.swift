import CPSKit
import Foundation

extension CommandSpec {
    /// `cps privacy hold|lift|holds` (R-GDPR-2): legal holds, as a reviewer.
    static let privacy = CommandSpec(
        name: "privacy",
        summary: "place, lift or list legal holds that keep an application's evidence",
        help: """
        Usage: cps privacy hold APPLICATION REASON --reviewer EMAIL
               cps privacy lift APPLICATION --reviewer EMAIL
               cps privacy holds --reviewer EMAIL

        hold   places a legal hold on the application (REASON: a case reference or the authority's
               request): `cps jobs retention` keeps its evidence files past their period (R-GDPR-2)
        lift   lifts the hold: the next retention run deletes evidence whose period is over
        holds  every hold
        Each hold and lift is audited on the application. --reviewer names a reviewer added with
        `cps reviewers add`, never a party to the application.
        """,
        valuedOptions: ["--reviewer"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--reviewer"], maxPositionals: 3)
        let action = try invocation.action(["hold", "lift", "holds"])
        return try await CLIContext.with(invocation) { cli in
            let reviewer = try await invocation.reviewerPrincipal(in: cli)
            let privacy = cli.services.privacy
            switch action {
            case "hold":
                let id = BusinessAccountApplication.ID(try invocation.arguments.positional(1, "APPLICATION"))
                let hold = try await privacy.placeLegalHold(on: id, reason: try invocation.arguments.positional(2, "REASON"), as: reviewer)
                try invocation.emit(hold) { ["held \(hold.id): \(hold.reason)"] }
            case "lift":
                let id = BusinessAccountApplication.ID(try invocation.arguments.positional(1, "APPLICATION"))
                try await privacy.liftLegalHold(on: id, as: reviewer)
                try invocation.emit(["lifted": id.rawValue]) { ["lifted \(id)"] }
            default:
                let holds = try await privacy.legalHolds(as: reviewer)
                try invocation.emit(holds) { holds.map { "\($0.id) since \($0.placedAt.ISO8601Format()) by \($0.placedBy): \($0.reason)" } }
            }
            return .success
        }
    }
}
