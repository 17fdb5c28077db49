/// A parsed AnyId naming a pairing config (api.md section 5): its public id,
/// `ext-<externalId>`, or its internal numeric id.
public enum ConfigReference: Sendable, Hashable {
    case publicID(String)
    case externalID(String)
    case numericID(Int64)
    /// A well-formed numeric id too large to name any config.
    case unmatchable

    /// Parses an AnyId; throws a message naming the problem when the text is not one.
    public static func parse(_ text: String) throws(ConfigReferenceError) -> ConfigReference {
        if text.hasPrefix("ext-") {
            let external = String(text.dropFirst(4))
            guard !external.isEmpty else {
                throw ConfigReferenceError("'\(text)' is not a valid id: 'ext-' must be followed by an externalId")
            }
            guard external.count <= 255 else {
                throw ConfigReferenceError("'ext-' id is too long: an externalId has at most 255 characters")
            }
            return .externalID(external)
        }
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard let number = Int64(text) else { return .unmatchable }
            return .numericID(number)
        }
        if isPublicIDForm(bytes) { return .publicID(text) }
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

    /// `[A-Z][A-Z0-9]-[A-Z0-9]+-[A-Z0-9]+`, matched in full.
    private static func isPublicIDForm(_ bytes: [UInt8]) -> Bool {
        func upper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func upperOrDigit(_ b: UInt8) -> Bool { upper(b) || (b >= 0x30 && b <= 0x39) }
        guard bytes.count >= 7, upper(bytes[0]), upperOrDigit(bytes[1]), bytes[2] == 0x2D else { return false }
        let rest = bytes[3...].split(separator: 0x2D, omittingEmptySubsequences: false)
        guard rest.count == 2 else { return false }
        return rest.allSatisfy { !$0.isEmpty && $0.allSatisfy(upperOrDigit) }
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
