/// How long PostgreSQL and libpq may wait on behalf of one connection, set once when the connection opens.
///
/// Promises: every value that is set reaches each connection the pool (or a LISTEN stream) opens, at no extra round
/// trip: the connection limits as libpq parameters (`connect_timeout`, `keepalives*`, `tcp_user_timeout`; libpq
/// ignores the TCP ones on a unix socket), the session limits as `-c` settings in the startup packet
/// (`statement_timeout`, `lock_timeout`, `idle_in_transaction_session_timeout`). `nil` leaves libpq's or the server's
/// own default; `.zero` for a session limit switches it off. A parameter that `DATABASE_URL` gives itself wins.
public struct PostgresTimeouts: Sendable, Hashable {
    /// How long opening a connection may take (`connect_timeout`, whole seconds, at least 2 as libpq requires).
    public var connect: Duration?
    /// Idle time before the first TCP keepalive probe (`keepalives_idle`); setting it turns keepalives on.
    public var keepalivesIdle: Duration?
    /// Time between unanswered keepalive probes (`keepalives_interval`).
    public var keepalivesInterval: Duration?
    /// Unanswered probes after which the connection is dead (`keepalives_count`).
    public var keepalivesCount: Int?
    /// How long sent data may stay unacknowledged before the kernel drops the connection (`tcp_user_timeout`).
    public var tcpUserTimeout: Duration?
    /// The longest one statement may run (`statement_timeout`); past it the server cancels it (SQLSTATE 57014).
    public var statement: Duration?
    /// The longest one statement may wait for a lock (`lock_timeout`; SQLSTATE 55P03 past it).
    public var lock: Duration?
    /// The longest a session may sit idle inside a transaction before the server ends it
    /// (`idle_in_transaction_session_timeout`), so a stuck client cannot hold row locks forever.
    public var idleInTransaction: Duration?

    /// Timeouts with every value given; nothing is set by default.
    public init(
        connect: Duration? = nil, keepalivesIdle: Duration? = nil, keepalivesInterval: Duration? = nil,
        keepalivesCount: Int? = nil, tcpUserTimeout: Duration? = nil, statement: Duration? = nil,
        lock: Duration? = nil, idleInTransaction: Duration? = nil
    ) {
        self.connect = connect
        self.keepalivesIdle = keepalivesIdle
        self.keepalivesInterval = keepalivesInterval
        self.keepalivesCount = keepalivesCount
        self.tcpUserTimeout = tcpUserTimeout
        self.statement = statement
        self.lock = lock
        self.idleInTransaction = idleInTransaction
    }

    /// The same limits with the statement and lock timeouts off: for work that must not be cut short, such as a
    /// migration (an `ALTER TABLE` rewriting a big table) or waiting for the migrators' advisory lock.
    public var withoutStatementLimits: PostgresTimeouts {
        var copy = self
        copy.statement = .zero
        copy.lock = .zero
        return copy
    }

    /// The libpq connection parameters, as (keyword, value) pairs.
    var connectionParameters: [(String, String)] {
        var parameters: [(String, String)] = []
        // libpq treats 0 as "wait forever" and rounds 1 up to 2; ceil so a sub-second value never means forever.
        if let connect { parameters.append(("connect_timeout", String(max(2, Self.wholeSeconds(connect))))) }
        if keepalivesIdle != nil || keepalivesInterval != nil || keepalivesCount != nil { parameters.append(("keepalives", "1")) }
        if let keepalivesIdle { parameters.append(("keepalives_idle", String(max(1, Self.wholeSeconds(keepalivesIdle))))) }
        if let keepalivesInterval { parameters.append(("keepalives_interval", String(max(1, Self.wholeSeconds(keepalivesInterval))))) }
        if let keepalivesCount { parameters.append(("keepalives_count", String(max(1, keepalivesCount)))) }
        if let tcpUserTimeout { parameters.append(("tcp_user_timeout", String(Self.milliseconds(tcpUserTimeout)))) }
        return parameters
    }

    /// The session settings as `-c name=value` options (milliseconds; 0 means off).
    var sessionOptions: [String] {
        var options: [String] = []
        if let statement { options.append("-c statement_timeout=\(Self.milliseconds(statement))") }
        if let lock { options.append("-c lock_timeout=\(Self.milliseconds(lock))") }
        if let idleInTransaction {
            options.append("-c idle_in_transaction_session_timeout=\(Self.milliseconds(idleInTransaction))")
        }
        return options
    }

    /// Whole milliseconds, rounded up so that a positive duration never becomes 0 ("off").
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        guard !overflow else { return Int64(Int32.max) }
        let millis = scaled + attoseconds / 1_000_000_000_000_000 + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0)
        // PostgreSQL's timeout settings are int4 milliseconds.
        return min(millis, Int64(Int32.max))
    }

    /// Whole seconds, rounded up.
    static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return seconds + (attoseconds > 0 ? 1 : 0)
    }
}
