import CPSKit

/// The account home (R-GUIDE-1): the points and the next steps in the user's words.
enum HomePage {
    static func render(_ page: PageContext, points: Int, steps: [GuidanceStep]) -> HTML {
        let list: HTML = steps.isEmpty
            ? "<p>\(page.text("portal.home.noSteps"))</p>"
            : "<ol class=\"steps\">\(steps.map { step -> HTML in "<li>\(step.text)</li>" })</ol>"
        return Layout.page(page.text("portal.home.heading"), page, """
        <p class="points">\(page.text("portal.home.points", ["points": String(points)]))</p>
        <h2>\(page.text("portal.home.nextSteps"))</h2>
        \(list)
        """)
    }
}
