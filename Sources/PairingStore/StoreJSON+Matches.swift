import PairingCore

extension StoreJSON {
    /// Decodes a stored `workerMatch` with PairingCore's fast parser (JSONDecoder dominated list latency).
    static func workerMatch(_ text: String, column: String) throws(StoreError) -> WorkerMatch {
        do {
            return try StoredMatchDecoding.workerMatch(text)
        } catch {
            throw .database(code: 0, message: "stored \(column) is not valid: \(error.message)", sql: "")
        }
    }

    /// Decodes a stored `taskMatch` with PairingCore's fast parser.
    static func taskMatch(_ text: String, column: String) throws(StoreError) -> TaskMatch {
        do {
            return try StoredMatchDecoding.taskMatch(text)
        } catch {
            throw .database(code: 0, message: "stored \(column) is not valid: \(error.message)", sql: "")
        }
    }
}
