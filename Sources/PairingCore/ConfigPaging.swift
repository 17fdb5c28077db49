/// Cursor pagination over an ordered list of configs (api.md section 6).
public enum ConfigPaging {
    /// Where a page starts.
    public enum Cursor: Sendable, Hashable {
        /// The page after the config with this public id.
        case startingAfter(String)
        /// The page before the config with this public id.
        case endingBefore(String)
    }

    /// A link to a neighbouring page: a cursor, or `nil` for the first page (no cursor).
    public struct Link: Sendable, Hashable {
        public var cursor: Cursor?
        public init(cursor: Cursor?) { self.cursor = cursor }
    }

    /// One page and the links to the pages around it.
    public struct Page: Sendable {
        public var items: [PairingConfig]
        /// `nil` when nothing follows this page.
        public var next: Link?
        /// `nil` when nothing precedes this page.
        public var previous: Link?
    }

    /// A page of summaries and the links around it (`page(_:limit:cursor:)` over summaries).
    public struct SummaryPage: Sendable {
        public var items: [ConfigSummary]
        /// `nil` when nothing follows this page.
        public var next: Link?
        /// `nil` when nothing precedes this page.
        public var previous: Link?
    }

    /// The page of `ordered` selected by `cursor` (whose config must be in `ordered`;
    /// a cursor not found yields `nil`). `limit` is at least 1.
    public static func page(_ ordered: [PairingConfig], limit: Int, cursor: Cursor?) -> Page? {
        guard let (range, next, previous) = window(ordered, limit: limit, cursor: cursor) else { return nil }
        return Page(items: Array(ordered[range]), next: next, previous: previous)
    }

    /// The same page over summaries in the same order.
    public static func page(_ ordered: [ConfigSummary], limit: Int, cursor: Cursor?) -> SummaryPage? {
        guard let (range, next, previous) = window(ordered, limit: limit, cursor: cursor) else { return nil }
        return SummaryPage(items: Array(ordered[range]), next: next, previous: previous)
    }

    /// The index range of the page and its links.
    private static func window<C: ConfigSortKeys>(_ ordered: [C], limit: Int, cursor: Cursor?)
        -> (Range<Int>, Link?, Link?)?
    {
        let count = ordered.count
        var start: Int
        var end: Int
        switch cursor {
        case nil:
            start = 0
            end = min(limit, count)
        case .startingAfter(let id):
            guard let index = ordered.firstIndex(where: { $0.id == id }) else { return nil }
            start = index + 1
            end = min(start + limit, count)
        case .endingBefore(let id):
            guard let index = ordered.firstIndex(where: { $0.id == id }) else { return nil }
            end = index
            start = max(0, end - limit)
        }
        var next: Link?
        if end < count {
            // The next page starts at `end`: after the item before it, or from the top.
            next = Link(cursor: end > 0 ? .startingAfter(ordered[end - 1].id) : nil)
        }
        var previous: Link?
        if start > 0 {
            // The previous page ends at `start - 1`: before the item at `start`, or, when this page is
            // empty and `start == count`, the last `limit` items.
            if start < count {
                previous = Link(cursor: .endingBefore(ordered[start].id))
            } else {
                let from = start - limit
                previous = Link(cursor: from > 0 ? .startingAfter(ordered[from - 1].id) : nil)
            }
        }
        return (start..<end, next, previous)
    }
}
