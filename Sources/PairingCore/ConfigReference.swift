/// A parsed AnyId naming a pairing config (api.md section 5): its public id,
/// `ext-<externalId>`, or its internal numeric id.
public enum ConfigReference: Sendable, Hashable {
    case publicID(String)
    case externalID(String)
    case numericID(Int64)
    /// A well-formed numeric id too large to name any config.
    case unmatchable

    /// Parses an AnyId; throws a message naming the problem when the text is not one.
    ///
    /// Follows the spec's pattern `^ext-|^[A-Z][A-Z0-9]-[A-Z0-9]+-[A-Z0-9]+|^\d+` exactly: a text that
    /// matches it is well-formed (and names no config when it has no config's shape: `AB-1-2`, `12ab`,
    /// `ext-`, `TP-AAAA-BBBB-CCCC`), anything else is not an id.
    public static func parse(_ text: String) throws(ConfigReferenceError) -> ConfigReference {
        if text.hasPrefix("ext-") {
            let external = String(text.dropFirst(4))
            // Only what the validator lets a config store can name one (never a NUL, which a database
            // driver could cut the id short at).
            guard !external.isEmpty, external.count <= ConfigBodyValidator.maxNameLength,
                !ConfigBodyValidator.containsControlCharacter(external)
            else { return .unmatchable }
            return .externalID(external)
        }
        let bytes = Array(text.utf8)
        if let first = bytes.first, isDigit(first) {
            guard bytes.allSatisfy(isDigit), let number = Int64(text) else { return .unmatchable }
            return .numericID(number)
        }
        if let length = publicIDPrefixLength(bytes) {
            return length == bytes.count ? .publicID(text) : .unmatchable
        }
        throw ConfigReferenceError(
            "'\(shorten(text))' is not a valid id: expected TP-XXXX-XXXX, ext-<externalId> or a numeric id")
    }

    /// True when `config` is the config this reference names.
    public func names(_ config: PairingConfig) -> Bool {
        switch self {
        case .publicID(let id): return config.id == id
        case .externalID(let external): return config.externalID == external
        case .numericID(let number): return config.numericID == number
        case .unmatchable: return false
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The length of the longest prefix matching `[A-Z][A-Z0-9]-[A-Z0-9]+-[A-Z0-9]+`, or nil when none does.
    private static func publicIDPrefixLength(_ bytes: [UInt8]) -> Int? {
        func upper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func upperOrDigit(_ b: UInt8) -> Bool { upper(b) || isDigit(b) }
        guard bytes.count >= 6, upper(bytes[0]), upperOrDigit(bytes[1]), bytes[2] == 0x2D else { return nil }
        var index = 3
        while index < bytes.count, upperOrDigit(bytes[index]) { index += 1 }
        guard index > 3, index < bytes.count, bytes[index] == 0x2D else { return nil }
        index += 1
        let third = index
        while index < bytes.count, upperOrDigit(bytes[index]) { index += 1 }
        return index > third ? index : nil
    }

    static func shorten(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "..." : text
    }
}

/// Why a string is not an AnyId.
public struct ConfigReferenceError: Error, Sendable, Hashable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
