import Foundation

/// One complete (or partial) order of an interleaved run: which runner the driver released at each
/// decision, and, when recorded, the step it released there.
///
/// A schedule prints as its labelled steps, separated by arrows, e.g.
///
/// ```text
/// 0:start → 0:fetch counter/c → 1:start → 1:fetch counter/c → 0:commit put counter/c@1 → 1:commit put counter/c@1
/// ```
///
/// and ``replayText`` is just the choices, `0 0 1 1 0 1`. Both parse back with ``init(parsing:)``, so
/// a schedule printed by a failing test can be pasted into
/// ``Interleaving/replay(_:runners:timeout:setUp:run:verify:)``; a schedule parsed from the labelled
/// form also checks that every released step has the printed label.
public struct InterleavingSchedule: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One decision: the runner released and the step it was waiting at.
    public struct Step: Hashable, Sendable, CustomStringConvertible {
        /// The runner released (its index, from 0).
        public let runner: Int
        /// The step's label (`start`, `fetch counter/c`, `commit put counter/c@1`), or `nil` when
        /// the schedule was written as bare runner indices.
        public let label: String?
        /// What the step does, or `nil` when unknown (a schedule parsed from text).
        public let kind: InterleavingStepKind?

        /// A step of `runner`, optionally with its label and kind.
        public init(runner: Int, label: String? = nil, kind: InterleavingStepKind? = nil) {
            self.runner = runner
            self.label = label
            self.kind = kind
        }

        public var description: String { label.map { "\(runner):\($0)" } ?? "\(runner)" }
    }

    /// The decisions, in order.
    public let steps: [Step]

    /// A schedule of `steps`.
    public init(steps: [Step]) { self.steps = steps }

    /// A schedule of bare runner indices: at decision `n`, release runner `choices[n]`.
    public init(_ choices: [Int]) { steps = choices.map { Step(runner: $0) } }

    /// A schedule of bare runner indices, e.g. `[0, 0, 1, 1, 0, 1]`.
    public init(arrayLiteral choices: Int...) { self.init(choices) }

    /// Parses a printed schedule: the labelled form (`0:start → 0:fetch counter/c → …`, as in
    /// ``description``) or bare runner indices separated by spaces or commas, optionally in brackets
    /// (`0 0 1 1`, `[0, 0, 1, 1]`, as in ``replayText``). `nil` when the text is neither.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.contains("→") || trimmed.contains(":") {
            var parsed: [Step] = []
            for entry in trimmed.split(separator: "→") {
                let item = entry.trimmingCharacters(in: .whitespaces)
                guard let colon = item.firstIndex(of: ":"), let runner = Int(item[..<colon]), runner >= 0 else { return nil }
                parsed.append(Step(runner: runner, label: String(item[item.index(after: colon)...])))
            }
            steps = parsed
        } else {
            let separators = Set<Character>(" ,[]\n\t")
            var choices: [Int] = []
            for token in trimmed.split(whereSeparator: { separators.contains($0) }) {
                guard let runner = Int(token), runner >= 0 else { return nil }
                choices.append(runner)
            }
            steps = choices.map { Step(runner: $0) }
        }
    }

    /// The runner released at each decision.
    public var choices: [Int] { steps.map(\.runner) }

    /// The number of decisions.
    public var count: Int { steps.count }

    /// The choices alone, `0 0 1 1 0 1`: the shortest text ``init(parsing:)`` reads back.
    public var replayText: String { choices.map(String.init).joined(separator: " ") }

    /// The labelled steps separated by arrows (see the type's documentation), or ``replayText`` when
    /// the schedule has no labels.
    public var description: String {
        steps.isEmpty ? "(no steps)" : steps.map(\.description).joined(separator: " → ")
    }
}
