/// Follows a recorded ``InterleavingSchedule`` exactly: each choice must find its runner waiting
/// (at the recorded label, when the schedule has labels), and the run must end with the schedule.
struct ReplayChooser: InterleavingChooser {
    let schedule: InterleavingSchedule

    func choose(_ decision: InterleavingDecision) -> InterleavingChoice {
        guard decision.index < schedule.steps.count else {
            return .fail(.scheduleDiverged, "the schedule ends after \(schedule.steps.count) steps, but runners still "
                + "wait: \(decision.waiting.map(\.description))")
        }
        let expected = schedule.steps[decision.index]
        guard let found = decision.waiting.first(where: { $0.runner == expected.runner }) else {
            return .fail(.scheduleDiverged, "step \(decision.index) is '\(expected)', but runner \(expected.runner) is "
                + "not waiting; waiting: \(decision.waiting.map(\.description))")
        }
        if let label = expected.label, label != found.label {
            return .fail(.scheduleDiverged, "step \(decision.index) is '\(expected)', but runner \(expected.runner) "
                + "waits at '\(found)'")
        }
        return .release(expected.runner)
    }

    func endRun(steps: Int) -> (InterleavingFailure.Reason, String)? {
        guard steps != schedule.steps.count else { return nil }
        return (.scheduleDiverged, "every runner finished after \(steps) steps, but the schedule has \(schedule.steps.count)")
    }
}
