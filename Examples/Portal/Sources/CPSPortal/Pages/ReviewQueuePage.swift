import CPSKit

/// The reviewer's queue (R-VAL-2): applications by decision day, the overdue ones marked, 25 a page.
enum ReviewQueuePage {
    static let pageSize = 25

    static func render(_ page: PageContext, items: [ReviewQueueItem], pageNumber: Int) -> HTML {
        let start = pageNumber * pageSize
        let shown = items.dropFirst(start).prefix(pageSize)
        let rows = shown.map { item -> HTML in
            let overdue: HTML = item.isOverdue ? " <strong class=\"overdue\">(\(page.text("portal.review.overdue")))</strong>" : .empty
            return """
            <tr><td>\(item.application.companyName)</td>
            <td>\(page.catalog.countryName(item.application.address.country, in: page.language))</td>
            <td>\(page.catalog.format(.day(item.dueDay), in: page.language))\(overdue)</td>
            <td><a href="/review/applications/\(item.application.id.rawValue)">\(page.text("portal.review.open"))</a></td></tr>
            """
        }
        let table: HTML = items.isEmpty
            ? "<p>\(page.text("portal.review.empty"))</p>"
            : """
              <table><thead><tr><th scope="col">\(page.text("portal.review.company"))</th><th scope="col">\(page.text("portal.review.country"))</th>
              <th scope="col">\(page.text("portal.review.due"))</th><th scope="col"></th></tr></thead>
              <tbody>\(rows)</tbody></table>
              """
        var pager: [HTML] = []
        if pageNumber > 0 { pager.append("<a href=\"/review?page=\(pageNumber - 1)\">\(page.text("portal.review.previous"))</a>") }
        if start + pageSize < items.count { pager.append("<a href=\"/review?page=\(pageNumber + 1)\">\(page.text("portal.review.next"))</a>") }
        return Layout.page(page.text("portal.review.queue"), page, """
        \(table)
        <nav class="pager">\(HTML.joined(pager, separator: " "))</nav>
        """)
    }
}
