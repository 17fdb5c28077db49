import Foundation
import TaskRouterExpressions
import Testing

@testable import PairingCore

@Suite struct MatchCompilerTests {
    struct CompileVector: Decodable, CustomStringConvertible {
        var kind: String
        var match: JSONValue
        var expect: String
        var description: String { "\(kind) → \(expect)" }
    }

    /// `Tests/TaskRouterExpressionsTests/Fixtures/compile.jsonl` (a copy of ../shared/vectors).
    static func loadVectors() throws -> [CompileVector] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TaskRouterExpressionsTests/Fixtures/compile.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.isEmpty }.map {
            try JSONDecoder().decode(CompileVector.self, from: Data($0.utf8))
        }
    }

    static let vectors = (try? loadVectors()) ?? []

    @Test func vectorsAreLoaded() throws {
        #expect(try Self.loadVectors().count >= 27)
    }

    @Test(arguments: vectors)
    func compilesThroughValidation(_ vector: CompileVector) throws {
        let compiled: String
        switch vector.kind {
        case "workerMatch":
            let validation = MatchValidator.workerMatch(vector.match)
            #expect(validation.errors.isEmpty, "\(validation.errors)")
            compiled = MatchCompiler.compile(try #require(validation.value))
        default:
            let validation = MatchValidator.taskMatch(vector.match)
            #expect(validation.errors.isEmpty, "\(validation.errors)")
            compiled = MatchCompiler.compile(try #require(validation.value))
        }
        #expect(compiled == vector.expect)
        // Whatever the compiler writes, the parser reads.
        _ = try ExpressionParser.parse(compiled)
    }

    @Test(arguments: vectors)
    func compilesDecodedStructs(_ vector: CompileVector) throws {
        let data = try JSONEncoder().encode(vector.match)
        let compiled =
            vector.kind == "workerMatch"
            ? MatchCompiler.compile(try JSONDecoder().decode(WorkerMatch.self, from: data))
            : MatchCompiler.compile(try JSONDecoder().decode(TaskMatch.self, from: data))
        #expect(compiled == vector.expect)
    }
}
