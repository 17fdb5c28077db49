import Foundation

/// Request parameters: an `application/x-www-form-urlencoded` body (create,
/// update) or the query string (list), with Twilio's parameter names.
/// Repeated names keep every value in order.
struct FormParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)]

    init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    /// Decodes a form body: `a=1&b=x+y&b=%41`.
    init(formBody bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var pairs: [(name: String, value: String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let (rawName, rawValue): (Substring, Substring)
            if let equals = part.firstIndex(of: "=") {
                rawName = part[..<equals]
                rawValue = part[part.index(after: equals)...]
            } else {
                rawName = part
                rawValue = ""
            }
            pairs.append((FormParameters.decode(rawName), FormParameters.decode(rawValue)))
        }
        self.pairs = pairs
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The last value of `name`, or `nil` when absent.
    func value(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value of `name` in order.
    func values(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// A boolean parameter: `true`/`True`/`1` or `false`/`False`/`0`.
    func bool(_ name: String) throws(EmulatorError) -> Bool? {
        guard let raw = value(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badParameter("Invalid value '\(raw)' for parameter \(name): expected true or false")
        }
    }

    /// An integer parameter within `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(EmulatorError) -> Int? {
        guard let raw = value(name) else { return nil }
        guard let number = Int(raw.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw .badParameter(
                "Invalid value '\(raw)' for parameter \(name): expected an integer from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return number
    }

    /// A required, non-empty string parameter.
    func required(_ name: String) throws(EmulatorError) -> String {
        guard let value = value(name), !value.isEmpty else {
            throw .badParameter("Missing required parameter \(name) in the post body")
        }
        return value
    }

    /// Encodes pairs back into a query string.
    static func encode(_ pairs: [(name: String, value: String)]) -> String {
        let allowed = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return pairs.map { pair in
            let name = pair.name.addingPercentEncoding(withAllowedCharacters: allowed) ?? pair.name
            let value = pair.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? pair.value
            return "\(name)=\(value)"
        }.joined(separator: "&")
    }
}
