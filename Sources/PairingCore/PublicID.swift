/// Peach-style public ids: `<prefix>-XXXX-XXXX` in Crockford base32 (api.md section 5).
public enum PublicID {
    /// Crockford base32 digits: `0-9A-Z` without `I L O U`.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// A new random id such as `TP-7KQ2-M9ZD`.
    public static func make<G: RandomNumberGenerator>(prefix: String, using generator: inout G) -> String {
        var text = prefix + "-"
        for index in 0..<8 {
            if index == 4 { text += "-" }
            text.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))])
        }
        return text
    }

    /// A new random id from the system generator.
    public static func make(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return make(prefix: prefix, using: &generator)
    }
}
