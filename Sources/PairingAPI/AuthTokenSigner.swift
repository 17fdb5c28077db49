import COpenSSL
import Foundation

/// Issues and checks the signed, expiring bearer tokens of `POST /auth/token` (api.md section 10,
/// Extension): `twpct.<payload>.<signature>`, both base64url, the signature an HMAC-SHA256 of the payload.
///
/// The payload names the API key by its stored SHA-256 hash (never the key) and the expiry, so a
/// token is accepted only while the key exists unrevoked: revoking the key ends its tokens at once.
/// The HMAC key is derived from the service's secret key (`TWPC_SECRET_KEY` or `<data-dir>/secret.key`,
/// the key ``SecretBox`` uses), so every process sharing that key accepts each other's tokens.
public struct AuthTokenSigner: Sendable {
    /// Token text starts with this; API keys never contain a dot.
    public static let prefix = "twpct."
    /// How long a token is valid: one hour.
    public static let lifetimeSeconds: Int64 = 3600

    private let key: [UInt8]

    /// A signer whose HMAC key is derived from a 32-byte secret key.
    public init(secretKey: [UInt8]) {
        key = Self.hmac(key: secretKey, Array("twpc auth token v1".utf8))
    }

    /// A signer with a random key: its tokens are accepted only by this process.
    public static func random() -> AuthTokenSigner {
        var bytes = [UInt8](repeating: 0, count: 32)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        precondition(ok == 1, "RAND_bytes failed")
        return AuthTokenSigner(secretKey: bytes)
    }

    /// The signer of the service's secret key: `TWPC_SECRET_KEY`, else `<dataDirectory>/secret.key`
    /// (created when missing, as ``SecretBox/load(environment:dataDirectory:)`` does).
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, dataDirectory: String
    ) throws(SecretBox.Failure) -> AuthTokenSigner {
        _ = try SecretBox.load(environment: environment, dataDirectory: dataDirectory)
        let text: String
        if let variable = environment[SecretBox.keyEnvironmentVariable], !variable.isEmpty {
            text = variable
        } else {
            let path = (dataDirectory as NSString).appendingPathComponent(SecretBox.keyFileName)
            guard let file = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw SecretBox.Failure("cannot read the key file \(path)")
            }
            text = file
        }
        guard let secret = SecretBox.parseKey(text) else { throw SecretBox.Failure("the secret key is not valid") }
        return AuthTokenSigner(secretKey: secret)
    }

    /// A token for the API key of SHA-256 hex `keyHash`, valid until `expiresAt` (seconds since the epoch).
    public func issue(keyHash: String, expiresAt: Int64) -> String {
        let payload = Array("v1:\(keyHash):\(expiresAt)".utf8)
        return Self.prefix + Self.base64URL(payload) + "." + Self.base64URL(Self.hmac(key: key, payload))
    }

    /// Why a token is refused.
    public enum Refusal: Error, Sendable, Equatable {
        case malformed
        case badSignature
        case expired
    }

    /// The key hash and expiry of a token signed by this signer and not expired at `now` (seconds).
    public func verify(_ token: String, now: Int64) throws(Refusal) -> (keyHash: String, expiresAt: Int64) {
        guard token.hasPrefix(Self.prefix) else { throw .malformed }
        let parts = token.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.decodeBase64URL(parts[0]),
            let signature = Self.decodeBase64URL(parts[1])
        else { throw .malformed }
        guard APIKeyCrypto.constantTimeEqual(signature, Self.hmac(key: key, payload)) else { throw .badSignature }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "v1", fields[1].count == 64, let expiresAt = Int64(fields[2]) else {
            throw .malformed
        }
        guard now < expiresAt else { throw .expired }
        return (String(fields[1]), expiresAt)
    }

    static func hmac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let result = key.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                HMAC(
                    APIKeyCrypto.sha256Digest.md, keyBuffer.baseAddress, Int32(keyBuffer.count),
                    messageBuffer.baseAddress,
                    messageBuffer.count, &output, &length)
            }
        }
        precondition(result != nil, "HMAC failed")
        return Array(output.prefix(Int(length)))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> [UInt8]? {
        guard !text.isEmpty, text.count <= 512,
            text.utf8.allSatisfy({ byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            })
        else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }
}
