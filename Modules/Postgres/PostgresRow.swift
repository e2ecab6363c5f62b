/// One row of a `PostgresRows` result.
///
/// Promises: `decode` returns the value converted from PostgreSQL's text format; decoding NULL into a
/// non-optional type, a value that does not parse as the requested type, or a column that does not exist throws
/// `PostgresError` of kind `.decoding` naming the column. Optional types decode NULL as nil.
public struct PostgresRow: Sendable {
    let storage: ResultStorage
    let row: Int

    /// The result column names in order.
    public var columns: [String] { storage.columns }

    /// Decodes the value in column `index` (0-based).
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at index: Int) throws(PostgresError) -> T {
        guard index >= 0, index < storage.columns.count else {
            throw PostgresError(
                .decoding, message: "column index \(index) out of range (\(storage.columns.count) columns)",
                column: "#\(index)")
        }
        let cell = storage.cells[row * storage.columns.count + index]
        do {
            if cell.length < 0 { return try T.decode(postgresText: nil) }
            return try storage.bytes.withUnsafeBufferPointer { buffer throws(PostgresDecodingFailure) -> T in
                let slice = UnsafeBufferPointer(rebasing: buffer[cell.start..<cell.start + cell.length])
                return try T.decode(postgresText: slice)
            }
        } catch {
            let name = storage.columns[index]
            throw PostgresError(
                .decoding, message: "cannot decode column \"\(name)\" as \(T.self): \(error.reason)", column: name)
        }
    }

    /// Decodes the value in the first column named `name`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column name: String) throws(PostgresError) -> T {
        guard let index = storage.columns.firstIndex(of: name) else {
            throw PostgresError(.decoding, message: "no column named \"\(name)\"", column: name)
        }
        return try decode(type, at: index)
    }

    /// True when the value in column `index` is NULL (false for an out-of-range index).
    public func isNull(at index: Int) -> Bool {
        guard index >= 0, index < storage.columns.count else { return false }
        return storage.cells[row * storage.columns.count + index].length < 0
    }
}
