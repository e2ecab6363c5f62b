/// A failure reported by the PostgreSQL access layer.
///
/// Promises: `sqlState` and `constraint` are copied verbatim from the server's diagnostics when it sent them;
/// `kind` classifies the failure so callers can branch without string matching; `description` never contains
/// the connection password.
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad classes callers branch on.
    public enum Kind: Sendable, Hashable {
        /// SQLSTATE 23505.
        case uniqueViolation
        /// SQLSTATE 23503.
        case foreignKeyViolation
        /// SQLSTATE 23514.
        case checkViolation
        /// SQLSTATE 40001: the transaction may succeed if run again.
        case serializationFailure
        /// SQLSTATE 40P01: the transaction may succeed if run again.
        case deadlock
        /// The connection is unusable (could not connect, was lost, or SQLSTATE class 08 / 57P0x); it is discarded.
        case connectionLost
        /// No pooled connection became free within the acquire timeout (answer 503).
        case poolTimeout
        /// SQLSTATE 55P03: the statement waited for a lock longer than `lock_timeout` (or asked for one with `NOWAIT`
        /// that was taken). Another session holds the row; trying again later may succeed (answer 503).
        case lockTimeout
        /// SQLSTATE 57014 that this process did not ask for: the server's `statement_timeout` (or an operator's
        /// `pg_cancel_backend`) cut the statement short; trying again later may succeed (answer 503).
        case statementTimeout
        /// The awaiting task was cancelled: while waiting for a pooled connection, before its statement was sent,
        /// or while it ran (the server cancelled it, SQLSTATE 57014).
        case cancelled
        /// The pool was closed before or while waiting for a connection.
        case poolClosed
        /// The connection string or a setting is invalid.
        case invalidConfiguration
        /// A result value could not be decoded into the requested Swift type.
        case decoding
        /// A connection or transaction handle was used after the closure that lent it returned.
        case invalidUse
        /// Any other server or client failure; see `sqlState`.
        case other
    }

    /// The classification of this failure.
    public var kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    /// The violated constraint's name (PG_DIAG_CONSTRAINT_NAME), when the server sent one.
    public var constraint: String?
    /// The primary human-readable message (never contains the password).
    public var message: String
    /// The server's DETAIL line, when present.
    public var detail: String?
    /// For `.decoding`: the column that failed to decode.
    public var column: String?

    /// Creates an error; `kind` defaults to the classification of `sqlState`.
    public init(
        _ kind: Kind? = nil, sqlState: String? = nil, constraint: String? = nil, message: String,
        detail: String? = nil, column: String? = nil
    ) {
        self.kind = kind ?? Self.classify(sqlState: sqlState)
        self.sqlState = sqlState
        self.constraint = constraint
        self.message = message
        self.detail = detail
        self.column = column
    }

    /// True for failures that a fresh run of the whole transaction may fix (40001, 40P01).
    public var isRetryableTransactionFailure: Bool {
        kind == .serializationFailure || kind == .deadlock
    }

    /// Maps an SQLSTATE to a kind: class 08 and the 57P0x shutdown codes mean the connection is gone; 55P03 and
    /// 57014 are the lock and statement timeouts.
    public static func classify(sqlState: String?) -> Kind {
        guard let sqlState else { return .other }
        switch sqlState {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case "23514": return .checkViolation
        case "40001": return .serializationFailure
        case "40P01": return .deadlock
        case "55P03": return .lockTimeout
        // Our own cancel of a cancelled task is re-classified as `.cancelled` where it is known (ConnectionLink).
        case "57014": return .statementTimeout
        case "57P01", "57P02", "57P03": return .connectionLost
        // 08P01 (protocol violation) leaves the connection usable; the rest of class 08 does not.
        case "08P01": return .other
        default: return sqlState.hasPrefix("08") ? .connectionLost : .other
        }
    }

    /// "PostgresError.kind [SQLSTATE] message (constraint: …, column: …)".
    public var description: String {
        var text = "PostgresError.\(kind)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let constraint { text += " (constraint: \(constraint))" }
        if let column { text += " (column: \(column))" }
        if let detail { text += " DETAIL: \(detail)" }
        return text
    }
}
