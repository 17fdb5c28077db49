/// Makes Twilio-style SIDs: a two-letter prefix and 32 lowercase hex digits.
enum SIDGenerator {
    static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return prefix + hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Whether `text` looks like a SID with this prefix.
    static func isValid(_ text: String, prefix: String) -> Bool {
        guard text.count == 34, text.hasPrefix(prefix) else { return false }
        return text.dropFirst(2).allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
