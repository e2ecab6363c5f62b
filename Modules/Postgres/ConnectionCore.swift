internal import CLibPQ
internal import Foundation

/// The libpq connection and its prepared-statement cache. Only ever touched on its `ConnectionWorker` thread,
/// which is what makes the unchecked `Sendable` (needed to hand it to that thread once) sound.
final class ConnectionCore: @unchecked Sendable {
    struct Statement {
        var name: String
        var parameterCount: Int
    }

    private(set) var connection: OpaquePointer?
    private var statements: [String: Statement] = [:]
    private var nextStatement = 1
    /// How many statements were prepared on this connection (observable in tests: same SQL → one prepare).
    private(set) var prepareCount = 0
    /// Beyond this many distinct statements the cache is dropped: unbounded dynamic SQL must not exhaust memory.
    static let statementCacheLimit = 1000

    var isBroken: Bool { connection.map { PQstatus($0) == CONNECTION_BAD } ?? true }
    var inTransaction: Bool { connection.map { PQtransactionStatus($0) != PQTRANS_IDLE } ?? false }

    /// Reads whatever the server sent to an idle connection; false when that shows the connection is gone
    /// (the server closed it, e.g. after a restart or pg_terminate_backend).
    func absorbIdleInput() -> Bool {
        guard let connection, !isBroken else { return false }
        // A terminated backend sends its FATAL message and then closes: the close is only seen on a later read.
        for _ in 0..<4 {
            guard PQconsumeInput(connection) != 0 else { return false }
            _ = PQisBusy(connection)  // parses what was read, turning a FATAL message into CONNECTION_BAD
            // Only LISTEN sessions expect notifications; anything queued here is dropped.
            while let notification = PQnotifies(connection) { PQfreemem(notification) }
            guard !isBroken else { return false }
            var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { break }
        }
        return !isBroken
    }

    /// What the link needs to know about a fresh connection outside the worker thread.
    struct Opened: Sendable {
        var socket: Int32
        var cancel: CancelHandle?
    }

    func connect(_ settings: [PostgresConfiguration.Setting]) -> Result<Opened, PostgresError> {
        var keywords = settings.map(\.keyword)
        var values = settings.map(\.value)
        // One round trip less than SETs after connecting; the text codecs rely on UTC, ISO and UTF-8.
        let sessionOptions = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres"
        if let index = keywords.firstIndex(of: "options") {
            values[index] += " " + sessionOptions
        } else {
            keywords.append("options")
            values.append(sessionOptions)
        }
        for (keyword, value) in [("client_encoding", "UTF8"), ("application_name", "wharf")]
        where !keywords.contains(keyword) {
            keywords.append(keyword)
            values.append(value)
        }
        let connection = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in PQconnectdbParams(keywordPointers, valuePointers, 0) }
        }
        guard let connection else {
            return .failure(PostgresError(.connectionLost, message: "could not connect: out of memory"))
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines()
            PQfinish(connection)
            return .failure(PostgresError(.connectionLost, message: "could not connect: \(reason)"))
        }
        // libpq prints NOTICEs to stderr by default; they are noise for a server (e.g. ROLLBACK outside a transaction).
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.connection = connection
        return .success(Opened(socket: PQsocket(connection), cancel: CancelHandle(connection: connection)))
    }

    func finish() {
        if let connection { PQfinish(connection) }
        connection = nil
        statements.removeAll()
    }

    /// Runs one parameterised statement, preparing it on first use of this SQL text on this connection.
    /// `preceding` statements (a transaction's pending `BEGIN`, statements whose results nobody awaits) are sent
    /// ahead of it in the same pipeline: one round trip for all. The first failure among them is returned.
    func query(_ sql: String, _ parameters: [PostgresValue], preceding: [PipelineStep] = []) -> Result<PostgresRows, PostgresError> {
        let steps = preceding + [.prepared(sql, parameters)]
        let first = run(steps)
        // A statement prepared before a schema change may be refused ("cached plan must not change result type",
        // or it vanished after DISCARD ALL); outside a transaction it is safe to prepare it again once.
        if case .failure(let error) = first, error.sqlState == "0A000" || error.sqlState == "26000", preceding.isEmpty, !inTransaction {
            statements[sql] = nil
            return run(steps)
        }
        return first
    }

    /// Runs `steps` in order and returns the last one's result, or the first failure (the server skips the rest).
    /// One step goes the plain way; several go in one libpq pipeline with a single sync.
    func run(_ steps: [PipelineStep]) -> Result<PostgresRows, PostgresError> {
        guard let connection, !isBroken else { return .failure(Self.lost) }
        // Statements are prepared before the pipeline starts: preparing is synchronous and not allowed inside one.
        var names: [String?] = []
        for step in steps {
            guard case let .prepared(sql, parameters) = step else {
                names.append(nil)
                continue
            }
            switch prepared(sql, on: connection) {
            case .success(let statement):
                guard statement.parameterCount == parameters.count else {
                    return .failure(PostgresError(
                        .other, message: "statement expects \(statement.parameterCount) parameters, got \(parameters.count)"))
                }
                names.append(statement.name)
            case .failure(let error): return .failure(error)
            }
        }
        if steps.count == 1 { return runAlone(steps[0], name: names[0], on: connection) }
        guard PQenterPipelineMode(connection) != 0 else { return .failure(ResultReader.error(from: nil, connection: connection)) }
        defer { PQexitPipelineMode(connection) }
        for (step, name) in zip(steps, names) {
            if case .failure(let error) = send(step, name: name, on: connection) {
                _ = PQpipelineSync(connection)
                _ = drainToSync(on: connection)
                return .failure(error)
            }
        }
        guard PQpipelineSync(connection) != 0 else { return .failure(ResultReader.error(from: nil, connection: connection)) }
        var outcome: Result<PostgresRows, PostgresError>?
        for _ in steps {
            let result = nextPipelineResult(on: connection)
            if case .failure = outcome {} else { outcome = result }
        }
        let synced = drainToSync(on: connection)
        if case .failure(let error) = synced, case .success? = outcome { return .failure(error) }
        return outcome ?? .failure(Self.lost)
    }

    private func runAlone(_ step: PipelineStep, name: String?, on connection: OpaquePointer) -> Result<PostgresRows, PostgresError> {
        switch step {
        case .text(let sql):
            return ResultReader.read(PQexec(connection, sql), connection: connection)
        case .prepared(_, let parameters):
            return withParameterValues(parameters) { count, values in
                ResultReader.read(PQexecPrepared(connection, name, count, values, nil, nil, 0), connection: connection)
            }
        }
    }

    private func send(_ step: PipelineStep, name: String?, on connection: OpaquePointer) -> Result<Void, PostgresError> {
        let sent: Result<Int32, PostgresError>
        switch step {
        case .text(let sql):
            sent = .success(PQsendQueryParams(connection, sql, 0, nil, nil, nil, nil, 0))
        case .prepared(_, let parameters):
            sent = withParameterValues(parameters) { count, values in
                .success(PQsendQueryPrepared(connection, name, count, values, nil, nil, 0))
            }
        }
        switch sent {
        case .success(let accepted) where accepted != 0: return .success(())
        case .success: return .failure(ResultReader.error(from: nil, connection: connection))
        case .failure(let error): return .failure(error)
        }
    }

    /// Calls `body` with the parameters as NUL-terminated text (NULL pointers for SQL NULL); they live only for the
    /// call, which is enough: libpq copies them into its output buffer when sending.
    private func withParameterValues<T>(
        _ parameters: [PostgresValue], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> Result<T, PostgresError>
    ) -> Result<T, PostgresError> {
        var buffer: [UInt8] = []
        var offsets: [Int] = []
        offsets.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            guard !parameter.isNull else {
                offsets.append(-1)
                continue
            }
            offsets.append(buffer.count)
            guard parameter.appendText(to: &buffer) else {
                return .failure(PostgresError(.other, message: "parameter $\(index + 1) contains a NUL character"))
            }
            buffer.append(0)
        }
        return buffer.withUnsafeBufferPointer { bytes in
            // With no bytes every parameter is NULL: a non-NULL one always has at least its terminator.
            let base = bytes.baseAddress.map(UnsafeRawPointer.init)
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in
                guard offset >= 0, let base else { return nil }
                return (base + offset).assumingMemoryBound(to: CChar.self)
            }
            return pointers.withUnsafeBufferPointer { values in body(Int32(parameters.count), values.baseAddress) }
        }
    }

    /// The next statement's result in pipeline mode, read past the NULL that ends it.
    private func nextPipelineResult(on connection: OpaquePointer) -> Result<PostgresRows, PostgresError> {
        guard let result = PQgetResult(connection) else { return .failure(ResultReader.error(from: nil, connection: connection)) }
        if PQresultStatus(result) == PGRES_PIPELINE_ABORTED {
            PQclear(result)
            while let extra = PQgetResult(connection) { PQclear(extra) }
            return .failure(PostgresError(.other, sqlState: "25P02", message: "statement skipped: an earlier one in its pipeline failed"))
        }
        let read = ResultReader.read(result, connection: connection)
        // Each statement's results end with a NULL.
        while let extra = PQgetResult(connection) { PQclear(extra) }
        return read
    }

    /// Reads up to the pipeline's sync point, so the connection is idle again.
    private func drainToSync(on connection: OpaquePointer) -> Result<Void, PostgresError> {
        var nulls = 0
        while nulls < 2 {
            guard let result = PQgetResult(connection) else {
                if PQstatus(connection) == CONNECTION_BAD { return .failure(Self.lost) }
                nulls += 1
                continue
            }
            nulls = 0
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { return .success(()) }
        }
        return .failure(PostgresError(.connectionLost, message: "pipeline ended without its sync point"))
    }

    private func prepared(_ sql: String, on connection: OpaquePointer) -> Result<Statement, PostgresError> {
        if let statement = statements[sql] { return .success(statement) }
        if statements.count >= Self.statementCacheLimit, !inTransaction {
            PQclear(PQexec(connection, "DEALLOCATE ALL"))
            statements.removeAll()
        }
        let name = "s\(nextStatement)"
        nextStatement += 1
        if case .failure(let error) = ResultReader.read(PQprepare(connection, name, sql, 0, nil), connection: connection) {
            return .failure(error)
        }
        // Knowing the parameter count lets a wrong count fail clearly instead of as a protocol violation.
        let described = PQdescribePrepared(connection, name)
        defer { PQclear(described) }
        guard let described, PQresultStatus(described) == PGRES_COMMAND_OK else {
            return .failure(ResultReader.error(from: described, connection: connection))
        }
        let statement = Statement(name: name, parameterCount: Int(PQnparams(described)))
        statements[sql] = statement
        prepareCount += 1
        return .success(statement)
    }

    /// Runs SQL text with the simple-query protocol: several statements allowed, no parameters, last result kept.
    /// `preceding` statements run first, in one pipeline (a script cannot join one).
    func execute(_ sql: String, preceding: [PipelineStep] = []) -> Result<PostgresRows, PostgresError> {
        guard let connection, !isBroken else { return .failure(Self.lost) }
        if !preceding.isEmpty, case .failure(let error) = run(preceding) { return .failure(error) }
        return ResultReader.read(PQexec(connection, sql), connection: connection)
    }

    static let lost = PostgresError(.connectionLost, message: "connection is closed or broken")
}

/// Calls `body` with a NULL-terminated array of C strings that live for the duration of the call.
private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { buffer in
        // Never empty: it holds at least the terminating nil.
        body(buffer.baseAddress.unsafelyUnwrapped)
    }
}
