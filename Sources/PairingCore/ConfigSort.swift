/// A list order requested with `sortBy` (api.md section 6): one or more keys, each
/// ascending or descending. Ties are always broken by `createdAt` then `id`, ascending.
public struct ConfigSort: Sendable, Hashable {
    /// A field configs can be sorted by.
    public enum Key: String, Sendable, Hashable, CaseIterable {
        case id
        case priority
        case createdAt
    }

    /// One sort key with its direction.
    public struct Term: Sendable, Hashable {
        public var key: Key
        public var descending: Bool
        public init(_ key: Key, descending: Bool = false) {
            self.key = key
            self.descending = descending
        }
    }

    public var terms: [Term]

    public init(_ terms: [Term]) { self.terms = terms }

    /// The value to put back into `sortBy=` in `nextUrl`/`previousUrl`: comma-separated,
    /// ascending keys bare, descending keys with `-` (`priority,-createdAt`).
    public var queryValue: String {
        terms.map { ($0.descending ? "-" : "") + $0.key.rawValue }.joined(separator: ",")
    }

    /// Parses every `sortBy` query value, accepting the three spellings of api.md section 6:
    /// repeated parameters, comma-separated, and bracketed (`[priority,-createdAt]`).
    /// A leading `+` or no sign is ascending; a space in place of `+` (a form-encoded `+`) is accepted.
    public static func parse(_ values: [String]) throws(ConfigSortError) -> ConfigSort {
        var terms: [Term] = []
        for value in values {
            var text = Substring(value).trimmingSpaces
            if text.hasPrefix("[") {
                guard text.hasSuffix("]"), text.count >= 2 else {
                    throw ConfigSortError("sortBy '\(value)' opens '[' without a closing ']'")
                }
                text = text.dropFirst().dropLast()
            }
            let items = text.split(separator: ",", omittingEmptySubsequences: false)
            for rawItem in items {
                var item = rawItem.trimmingSpaces
                guard !item.isEmpty else {
                    throw ConfigSortError("sortBy has an empty key; use one of \(allowedList)")
                }
                var descending = false
                if item.first == "-" {
                    descending = true
                    item = item.dropFirst()
                } else if item.first == "+" {
                    item = item.dropFirst()
                }
                guard let key = Key(rawValue: String(item)) else {
                    throw ConfigSortError(
                        "sortBy key '\(rawItem.trimmingSpaces)' is unknown; use one of \(allowedList)")
                }
                guard !terms.contains(where: { $0.key == key }) else {
                    throw ConfigSortError("sortBy names '\(key.rawValue)' more than once")
                }
                terms.append(Term(key, descending: descending))
            }
        }
        return ConfigSort(terms)
    }

    static let allowedList =
        "id, +id, -id, priority, +priority, -priority, createdAt, +createdAt, -createdAt"
}

/// A `sortBy` value that cannot be used; `message` names the problem.
public struct ConfigSortError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
