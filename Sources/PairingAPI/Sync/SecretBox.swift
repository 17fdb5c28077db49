import COpenSSL
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Seals TaskRouter secrets at rest with AES-256-GCM (libcrypto).
///
/// Sealed form: `0x01 || nonce (12) || ciphertext || tag (16)`. The associated
/// data binds a secret to its company and field, so a sealed value copied to
/// another company or field does not open.
public struct SecretBox: Sendable {
    /// Why a key could not be loaded or a secret not opened. Never contains secret material.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Environment variable with the key: 64 hex characters, or base64 of 32 bytes.
    public static let keyEnvironmentVariable = "TWPC_SECRET_KEY"
    /// Key file name in the data directory, used when the variable is unset.
    public static let keyFileName = "secret.key"

    private let key: [UInt8]

    /// A box with a raw 32-byte key.
    public init(key: [UInt8]) throws(Failure) {
        guard key.count == 32 else { throw Failure("the secret key must be 32 bytes (got \(key.count))") }
        self.key = key
    }

    /// The key from `TWPC_SECRET_KEY`, else from `<dataDirectory>/secret.key`, created
    /// with mode 0600 (32 random bytes, hex) when missing.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, dataDirectory: String
    ) throws(Failure) -> SecretBox {
        if let text = environment[keyEnvironmentVariable], !text.isEmpty {
            guard let key = parseKey(text) else {
                throw Failure("\(keyEnvironmentVariable) must be 64 hex characters or the base64 of 32 bytes")
            }
            return try SecretBox(key: key)
        }
        let path = (dataDirectory as NSString).appendingPathComponent(keyFileName)
        return try SecretBox(key: loadOrCreateKeyFile(path))
    }

    /// Parses 64 hex characters or base64 of 32 bytes.
    public static func parseKey(_ text: String) -> [UInt8]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let bytes = hexBytes(trimmed) { return bytes }
        if let data = Data(base64Encoded: trimmed), data.count == 32 { return Array(data) }
        return nil
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = hexValue(high), let l = hexValue(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func loadOrCreateKeyFile(_ path: String) throws(Failure) -> [UInt8] {
        for _ in 0..<3 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                guard let key = parseKey(text) else { throw Failure("the key file \(path) does not hold a valid key") }
                return key
            }
            let key = try randomBytes(32)
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if fd < 0 {
                if errno == EEXIST { continue }  // another process created it: read theirs
                throw Failure("cannot create the key file \(path): \(String(cString: strerror(errno)))")
            }
            let text = Array((key.map { String(format: "%02x", $0) }.joined() + "\n").utf8)
            let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fsync(fd)
            close(fd)
            guard written == text.count else { throw Failure("cannot write the key file \(path)") }
            return key
        }
        throw Failure("cannot read the key file \(path)")
    }

    static func randomBytes(_ count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw Failure("no random bytes from libcrypto") }
        return bytes
    }

    /// Encrypts `plaintext`, bound to `context` (e.g. `CP-...:authToken`).
    public func seal(_ plaintext: String, context: String) throws(Failure) -> [UInt8] {
        let nonce = try Self.randomBytes(12)
        let input = Array(plaintext.utf8)
        let aad = Array(context.utf8)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw Failure("libcrypto: no cipher context") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var length: Int32 = 0
        var total = 0
        guard EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1,
            aad.isEmpty || EVP_EncryptUpdate(ctx, nil, &length, aad, Int32(aad.count)) == 1
        else { throw Failure("libcrypto: encryption setup failed") }
        if !input.isEmpty {
            guard EVP_EncryptUpdate(ctx, &output, &length, input, Int32(input.count)) == 1 else {
                throw Failure("libcrypto: encryption failed")
            }
            total = Int(length)
        }
        let finalOK = output.withUnsafeMutableBufferPointer { buffer in
            EVP_EncryptFinal_ex(ctx, buffer.baseAddress! + total, &length) == 1
        }
        guard finalOK else { throw Failure("libcrypto: encryption failed") }
        total += Int(length)
        var tag = [UInt8](repeating: 0, count: 16)
        guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, &tag) == 1 else {
            throw Failure("libcrypto: no GCM tag")
        }
        return [1] + nonce + output[0..<total] + tag
    }

    /// Decrypts a sealed value; fails when the key, the context or the bytes differ.
    public func open(_ sealed: [UInt8], context: String) throws(Failure) -> String {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == 1 else { throw Failure("sealed secret has an unknown format") }
        let nonce = Array(sealed[1..<13])
        let ciphertext = Array(sealed[13..<(sealed.count - 16)])
        var tag = Array(sealed[(sealed.count - 16)...])
        let aad = Array(context.utf8)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw Failure("libcrypto: no cipher context") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var output = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var length: Int32 = 0
        var total = 0
        guard EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, key, nonce) == 1,
            aad.isEmpty || EVP_DecryptUpdate(ctx, nil, &length, aad, Int32(aad.count)) == 1
        else { throw Failure("libcrypto: decryption setup failed") }
        if !ciphertext.isEmpty {
            guard EVP_DecryptUpdate(ctx, &output, &length, ciphertext, Int32(ciphertext.count)) == 1 else {
                throw Failure("cannot open sealed secret")
            }
            total = Int(length)
        }
        guard EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, &tag) == 1 else {
            throw Failure("libcrypto: cannot set GCM tag")
        }
        let finalOK = output.withUnsafeMutableBufferPointer { buffer in
            EVP_DecryptFinal_ex(ctx, buffer.baseAddress! + total, &length) == 1
        }
        guard finalOK else { throw Failure("cannot open sealed secret (wrong key or tampered)") }
        total += Int(length)
        return String(decoding: output[0..<total], as: UTF8.self)
    }
}
