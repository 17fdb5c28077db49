import COpenSSL

/// API key material: generation, hashing and constant-time comparison (libcrypto).
/// Keys are shown once; only their SHA-256 hash is stored (api.md section 10).
public enum APIKeyCrypto {
    /// Every key starts with this prefix, so leaked keys are recognisable.
    public static let prefix = "twpc_"
    private static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new random key: `twpc_` + 32 base62 characters (about 190 bits) from `RAND_bytes`.
    public static func generateKey() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(32)
        while output.count < 32 {
            var buffer = [UInt8](repeating: 0, count: 48)
            let ok = buffer.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
            precondition(ok == 1, "RAND_bytes failed")
            // Rejection sampling keeps the distribution uniform: 248 = 4 * 62.
            for byte in buffer where byte < 248 && output.count < 32 {
                output.append(base62[Int(byte % 62)])
            }
        }
        return prefix + String(decoding: output, as: UTF8.self)
    }

    /// Lower-case hex SHA-256 of `text`'s UTF-8 bytes.
    public static func sha256Hex(_ text: String) -> String {
        hex(sha256(Array(text.utf8)))
    }

    /// SHA-256 of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        precondition(ok == 1, "EVP_Digest failed")
        return Array(digest.prefix(Int(length)))
    }

    /// Compares two byte strings in time independent of where they differ.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, x.count) == 0 }
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
