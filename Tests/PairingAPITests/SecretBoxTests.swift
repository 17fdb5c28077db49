import Foundation
import Testing

@testable import PairingAPI

@Suite("Secret box")
struct SecretBoxTests {
    private static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "twpc-secret-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("seal then open gives the secret back; the sealed bytes do not contain it")
    func roundTrip() throws {
        let box = try SecretBox(key: Array(repeating: 7, count: 32))
        let sealed = try box.seal("my-auth-token-123", context: "twpc:CP-1:authToken")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("my-auth-token"))
        #expect(sealed.count == 1 + 12 + 17 + 16)
        #expect(try box.open(sealed, context: "twpc:CP-1:authToken") == "my-auth-token-123")
        // Fresh nonce every time.
        #expect(try box.seal("my-auth-token-123", context: "twpc:CP-1:authToken") != sealed)
    }

    @Test("a wrong key, another context or a flipped bit does not open")
    func tamper() throws {
        let box = try SecretBox(key: Array(repeating: 7, count: 32))
        let sealed = try box.seal("s", context: "twpc:CP-1:authToken")
        #expect(throws: SecretBox.Failure.self) { try box.open(sealed, context: "twpc:CP-2:authToken") }
        #expect(throws: SecretBox.Failure.self) {
            try SecretBox(key: Array(repeating: 8, count: 32)).open(sealed, context: "twpc:CP-1:authToken")
        }
        var flipped = sealed
        flipped[14] ^= 1
        #expect(throws: SecretBox.Failure.self) { try box.open(flipped, context: "twpc:CP-1:authToken") }
        #expect(throws: SecretBox.Failure.self) { try box.open([1, 2, 3], context: "twpc:CP-1:authToken") }
    }

    @Test("key from TWPC_SECRET_KEY as hex or base64; bad values are refused")
    func environmentKey() throws {
        let hex = String(repeating: "ab", count: 32)
        let a = try SecretBox.load(environment: ["TWPC_SECRET_KEY": hex], dataDirectory: "/nonexistent")
        let b = try SecretBox.load(
            environment: ["TWPC_SECRET_KEY": Data(repeating: 0xAB, count: 32).base64EncodedString()],
            dataDirectory: "/nonexistent")
        #expect(try b.open(a.seal("x", context: "c"), context: "c") == "x")
        #expect(throws: SecretBox.Failure.self) {
            try SecretBox.load(environment: ["TWPC_SECRET_KEY": "short"], dataDirectory: "/nonexistent")
        }
    }

    @Test("without the variable a 0600 key file is created once and reused")
    func keyFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try SecretBox.load(environment: [:], dataDirectory: directory)
        let path = directory + "/secret.key"
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try SecretBox.load(environment: [:], dataDirectory: directory)
        #expect(try second.open(first.seal("token", context: "c"), context: "c") == "token")
    }
}
