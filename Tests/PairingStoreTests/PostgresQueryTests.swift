import Testing

@testable import PairingStore

@Suite("PostgresQuery")
struct PostgresQueryTests {
    @Test func interpolationsBecomeNumberedBindsNeverSQLText() {
        let name = "x'); DROP TABLE companies; --"
        let limit: Int64 = 7
        let missing: String? = nil
        let bytes: [UInt8]? = [1, 2]
        let query: PostgresQuery = """
            SELECT \(literal: "id, name") FROM companies WHERE name = \(name) AND n < \(limit) \
            AND x = \(missing) AND b = \(bytes) AND flag = \(true)
            """
        #expect(
            query.sql == "SELECT id, name FROM companies WHERE name = $1 AND n < $2 AND x = $3 AND b = $4 AND flag = $5"
        )
        #expect(query.binds == [.text(name), .text("7"), .null, .bytes([1, 2]), .text("true")])
        #expect(!query.sql.contains("DROP"))
    }

    @Test func aPlainLiteralHasNoBinds() {
        let query: PostgresQuery = "SELECT 1"
        #expect(query.sql == "SELECT 1" && query.binds.isEmpty)
    }
}
