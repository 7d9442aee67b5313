extension CommandLineTool {
    /// Every command of `cps`, in the order `cps --help` lists them. A new command adds one line.
    static let commands: [CommandSpec] = [
        .walkthrough,
        .vat,
        .holidays,
        .workdays,
        .apply,
        .evidence,
        .submit,
        .reviewers,
        .review,
        .password,
        .users,
        .products,
        .migrate,
        .points,
        .nextSteps,
        .levels,
        .purchase,
        .cancel,
        .undoCancel,
        .jobs,
        .bankPayment,
        .void,
        .credit,
        .mails,
    ]
}
