import CPSKit

/// "Available CPS levels" (R-TIER-1, R-TIER-2): each level with its fee, open or its shortfalls,
/// and the ON/OFF switch of the business levels when the account may see them.
enum LevelsPage {
    static func render(_ page: PageContext, eligibility: LevelEligibility, business: Bool) -> HTML {
        let view: CPSLevelView = business && eligibility.isBusinessSwitchShown ? .business : .individual
        let levels = eligibility.levels(in: view).map { availability -> HTML in
            let state: HTML = availability.isOpen
                ? "<p class=\"open\">\(page.text("portal.levels.open"))</p>"
                : "<p class=\"closed\">\(page.text("portal.levels.closed"))</p><ul>\(availability.shortfalls.map { shortfall -> HTML in "<li>\(shortfall.text(in: page.language, catalog: page.catalog))</li>" })</ul>"
            return """
            <li><h2>\(availability.level.name(in: page.language, catalog: page.catalog))</h2>
            <p>\(page.text("portal.levels.fee", ["fee": page.catalog.format(.money(availability.yearlyFee), in: page.language)]))</p>
            \(state)</li>
            """
        }
        let toggle: HTML = eligibility.isBusinessSwitchShown
            ? """
              <p class="switch">\(page.text("portal.levels.switch")):
              <a href="/levels?business=\(business ? "off" : "on")" aria-pressed="\(business ? "true" : "false")">\(page.text(business ? "portal.levels.on" : "portal.levels.off"))</a></p>
              """
            : .empty
        return Layout.page(page.text("portal.levels.heading"), page, """
        <p class="points">\(page.text("portal.home.points", ["points": String(eligibility.points)]))</p>
        \(toggle)
        <ul class="levels">\(levels)</ul>
        """)
    }
}
