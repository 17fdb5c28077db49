import Foundation

/// JSON text of the values the SQL adapters keep in TEXT columns (`workerMatch`, `taskMatch`,
/// the queue mapping): sorted keys, so equal values are equal text.
enum StoreJSON {
    static func encode<T: Encodable>(_ value: T) throws(StoreError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .database(code: 0, message: "cannot encode \(T.self): \(error)", sql: "")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .database(code: 0, message: "stored \(column) is not valid JSON: \(error)", sql: "")
        }
    }
}
