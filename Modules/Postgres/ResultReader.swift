internal import CLibPQ

/// Turns a `PGresult` into `PostgresRows` or a `PostgresError`, always clearing it before returning so libpq
/// memory never outlives the call.
enum ResultReader {
    private static let sqlStateField = Int32(UInt8(ascii: "C"))
    private static let constraintField = Int32(UInt8(ascii: "n"))
    private static let messageField = Int32(UInt8(ascii: "M"))
    private static let detailField = Int32(UInt8(ascii: "D"))

    static func read(_ result: OpaquePointer?, connection: OpaquePointer) -> Result<PostgresRows, PostgresError> {
        guard let result else { return .failure(error(from: nil, connection: connection)) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return .success(rows(from: result))
        default:
            return .failure(error(from: result, connection: connection))
        }
    }

    static func rows(from result: OpaquePointer) -> PostgresRows {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let tag = String(cString: PQcmdStatus(result))
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        guard columnCount > 0 else { return PostgresRows(storage: .empty, affectedRows: affected, commandTag: tag) }
        var columns: [String] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount { columns.append(String(cString: PQfname(result, Int32(column)))) }
        var total = 0
        for row in 0..<rowCount {
            for column in 0..<columnCount { total += Int(PQgetlength(result, Int32(row), Int32(column))) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        var cells: [ResultStorage.Cell] = []
        cells.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                let (r, c) = (Int32(row), Int32(column))
                if PQgetisnull(result, r, c) != 0 {
                    cells.append(ResultStorage.Cell(start: bytes.count, length: -1))
                    continue
                }
                let length = Int(PQgetlength(result, r, c))
                cells.append(ResultStorage.Cell(start: bytes.count, length: length))
                if let value = PQgetvalue(result, r, c) {
                    bytes.append(contentsOf: UnsafeRawBufferPointer(start: value, count: length))
                }
            }
        }
        let storage = ResultStorage(columns: columns, rowCount: rowCount, bytes: bytes, cells: cells)
        return PostgresRows(storage: storage, affectedRows: affected, commandTag: tag)
    }

    /// The error a failed result (or a NULL result) stands for. Connection loss wins over the SQLSTATE because
    /// a dead connection must be discarded whatever the server last said.
    static func error(from result: OpaquePointer?, connection: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let result, let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        let sqlState = field(sqlStateField)
        let message = field(messageField)
            ?? (result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) }).flatMap { $0.isEmpty ? nil : $0 }
            ?? String(cString: PQerrorMessage(connection))
        var kind = PostgresError.classify(sqlState: sqlState)
        if PQstatus(connection) == CONNECTION_BAD || (sqlState == nil && isFatal(result)) {
            kind = .connectionLost
        }
        return PostgresError(
            kind, sqlState: sqlState, constraint: field(constraintField),
            message: message.trimmingTrailingNewlines(), detail: field(detailField))
    }

    private static func isFatal(_ result: OpaquePointer?) -> Bool {
        guard let result else { return true }
        return PQresultStatus(result) == PGRES_FATAL_ERROR
    }
}
