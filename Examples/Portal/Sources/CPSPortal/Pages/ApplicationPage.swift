import CPSKit

/// The applicant's view of the application (R-VAL-2, R-GUIDE-1): its status, the expected decision
/// day and the next steps.
enum ApplicationPage {
    static func render(_ page: PageContext, application: BusinessAccountApplication, steps: [GuidanceStep]) -> HTML {
        let status: String
        if let due = application.decisionDueDay, application.status == .submitted {
            status = page.text("portal.application.status.submitted", ["day": page.catalog.format(.day(due), in: page.language)])
        } else {
            status = page.text("portal.application.status.other", ["status": page.catalog.render(TextKey("application.status.\(application.status.rawValue)"), in: page.language)])
        }
        return Layout.page(page.text("portal.application.heading"), page, """
        <p class="company">\(application.companyName)</p>
        <p class="status">\(status)</p>
        <h2>\(page.text("portal.home.nextSteps"))</h2>
        <ol class="steps">\(steps.map { step -> HTML in "<li>\(step.text)</li>" })</ol>
        """)
    }
}
