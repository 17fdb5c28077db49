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
        var text = text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(EVP_MAX_MD_SIZE)) { digest in
                let length = sha256(UnsafeRawBufferPointer(bytes), into: digest)
                return String(unsafeUninitializedCapacity: length * 2) { out in
                    for index in 0..<length {
                        out[2 * index] = hexDigits[Int(digest[index] >> 4)]
                        out[2 * index + 1] = hexDigits[Int(digest[index] & 0xF)]
                    }
                    return length * 2
                }
            }
        }
    }

    /// Writes the SHA-256 of `input` to `digest` (at least `EVP_MAX_MD_SIZE` bytes); returns its length.
    private static func sha256(_ input: UnsafeRawBufferPointer, into digest: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var length: UInt32 = 0
        let ok = EVP_Digest(input.baseAddress, input.count, digest.baseAddress, &length, sha256Digest.md, nil)
        precondition(ok == 1, "EVP_Digest failed")
        return Int(length)
    }

    /// SHA-256 fetched once: `EVP_sha256()` makes OpenSSL 3 look the algorithm up in its provider
    /// store (locks and all) on every digest, which was most of the cost of hashing a key.
    static let sha256Digest: FetchedDigest = {
        guard let md = EVP_MD_fetch(nil, "SHA256", nil) else { preconditionFailure("EVP_MD_fetch(SHA256) failed") }
        return FetchedDigest(md: md)
    }()

    /// A fetched `EVP_MD`: immutable and reference-counted, safe to use from any thread (OpenSSL 3).
    struct FetchedDigest: @unchecked Sendable {
        let md: OpaquePointer
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Compares two byte strings in time independent of where they differ.
    public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, x.count) == 0 }
        }
    }
}
