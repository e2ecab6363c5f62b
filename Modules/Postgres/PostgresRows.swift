/// The result of one statement: its rows (copied out of libpq, so it outlives the connection) and its command tag.
///
/// Promises: immutable and `Sendable`; `affectedRows` is the count from the command tag (`PQcmdTuples`) for
/// INSERT/UPDATE/DELETE/MERGE/SELECT/COPY/FETCH/MOVE and 0 otherwise.
public struct PostgresRows: RandomAccessCollection, Sendable {
    let storage: ResultStorage
    /// Rows affected (or returned) as reported by the command tag.
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1` or `SELECT 3`.
    public let commandTag: String

    init(storage: ResultStorage, affectedRows: Int, commandTag: String) {
        self.storage = storage
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    /// The result column names in order.
    public var columns: [String] { storage.columns }
    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of rows.
    public var endIndex: Int { storage.rowCount }
    /// The row at `position`.
    public subscript(position: Int) -> PostgresRow { PostgresRow(storage: storage, row: position) }
}

/// The cells of a result in one contiguous buffer: one allocation for all values instead of one String per cell.
final class ResultStorage: Sendable {
    struct Cell: Sendable {
        /// Byte offset of the value in `bytes`.
        var start: Int
        /// Length in bytes, or -1 for NULL.
        var length: Int
    }

    let columns: [String]
    let rowCount: Int
    let bytes: [UInt8]
    /// Row-major: cell (row, column) is at `row * columns.count + column`.
    let cells: [Cell]

    init(columns: [String], rowCount: Int, bytes: [UInt8], cells: [Cell]) {
        self.columns = columns
        self.rowCount = rowCount
        self.bytes = bytes
        self.cells = cells
    }

    static let empty = ResultStorage(columns: [], rowCount: 0, bytes: [], cells: [])
}
