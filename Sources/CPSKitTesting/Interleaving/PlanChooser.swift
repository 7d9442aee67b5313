/// Follows an ``InterleavingPlan``: its explicit choices, then the lowest-index runner not held.
struct PlanChooser: InterleavingChooser {
    let plan: InterleavingPlan

    func choose(_ decision: InterleavingDecision) -> InterleavingChoice {
        if decision.index < plan.choices.count {
            let runner = plan.choices[decision.index]
            guard decision.waiting.contains(where: { $0.runner == runner }) else {
                return .fail(.invalidSchedule, "choice \(decision.index) of the plan is runner \(runner), which is not "
                    + "waiting; waiting: \(decision.waiting.map(\.description))")
            }
            return .release(runner)
        }
        let live = Set(decision.waiting.map(\.runner))
        guard let next = decision.waiting.first(where: { !plan.isHeld($0, released: decision.released, waiting: live) }) else {
            return .fail(.invalidSchedule, "every waiting runner is held: \(decision.waiting.map(\.description))")
        }
        return .release(next.runner)
    }
}
