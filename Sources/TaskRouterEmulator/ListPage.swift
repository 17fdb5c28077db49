import TaskRouterExpressions

/// Twilio-style paging of a list: `PageSize` (1..1000, default 50; larger is capped at
/// 1000), `Page` and `PageToken`, answered with a `meta` object whose URLs are absolute
/// on the emulator's host and keep the request's other query parameters.
enum ListPage {
    static func make(_ items: [JSONValue], key: String, request: EmulatorRequest) throws(EmulatorError) -> JSONValue {
        let query = request.query
        var pageSize = 50
        if let raw = query.value("PageSize") {
            guard let number = Int(raw), number >= 1 else {
                throw .badParameter("Invalid value '\(raw)' for parameter PageSize: expected an integer from 1 to 1000")
            }
            pageSize = min(number, 1000)
        }
        var page = 0
        if let raw = query.value("Page") {
            guard let number = Int(raw), number >= 0 else {
                throw .badParameter("Invalid value '\(raw)' for parameter Page: expected a non-negative integer")
            }
            page = number
        }
        var offset = page * pageSize
        if let token = query.value("PageToken"), !token.isEmpty {
            guard token.hasPrefix("PT"), let number = Int(token.dropFirst(2)), number >= 0 else {
                throw .badParameter("Invalid value '\(token)' for parameter PageToken")
            }
            offset = number
        }
        let others = query.pairs.filter { !["PageSize", "Page", "PageToken"].contains($0.name) }
        func url(page: Int, offset: Int?) -> String {
            var pairs = others + [("PageSize", String(pageSize)), ("Page", String(page))]
            if let offset, offset > 0 { pairs.append(("PageToken", "PT\(offset)")) }
            return request.base + request.path + "?" + FormParameters.encode(pairs)
        }
        let slice = offset < items.count ? Array(items[offset..<min(items.count, offset + pageSize)]) : []
        let hasNext = offset + pageSize < items.count
        let meta: JSONValue = .object([
            "page": .number(Double(page)),
            "page_size": .number(Double(pageSize)),
            "first_page_url": .string(url(page: 0, offset: nil)),
            "previous_page_url": page > 0 || offset > 0
                ? .string(url(page: max(0, page - 1), offset: max(0, offset - pageSize))) : .null,
            "url": .string(url(page: page, offset: offset)),
            "next_page_url": hasNext ? .string(url(page: page + 1, offset: offset + pageSize)) : .null,
            "key": .string(key),
        ])
        return .object([key: .array(slice), "meta": meta])
    }
}
