internal import Foundation
internal import Synchronization

/// One open connection as the pool sees it: its worker thread plus health flags that the pool can read
/// without a round trip to that thread.
final class ConnectionLink: Sendable {
    let id: Int
    private let worker: ConnectionWorker
    private let broken = Atomic<Bool>(false)
    private let inTransaction = Atomic<Bool>(false)

    /// The connection's socket, only ever polled (never read) outside the worker thread.
    private let socket: Int32

    private let canceller: QueryCanceller

    private init(id: Int, worker: ConnectionWorker, opened: ConnectionCore.Opened) {
        self.id = id
        self.worker = worker
        self.socket = opened.socket
        self.canceller = QueryCanceller(handle: opened.cancel)
    }

    deinit { worker.requestStop() }

    /// Opens a connection on a new thread; the thread is stopped again if connecting fails.
    static func open(_ configuration: PostgresConfiguration, id: Int) async -> Result<ConnectionLink, PostgresError> {
        let worker = ConnectionWorker(name: "postgres-\(id)")
        let settings = configuration.connectionSettings
        let connected = await worker.perform { core in core.connect(settings) }
        switch connected {
        case .success(let opened): return .success(ConnectionLink(id: id, worker: worker, opened: opened))
        case .failure(let error):
            await worker.stop()
            return .failure(error)
        }
    }

    /// True once the connection is known to be unusable; such a link is never handed out again.
    var isBroken: Bool { broken.load(ordering: .acquiring) }
    /// True when the last statement left a transaction open (or failed) that nobody has ended.
    var isInTransaction: Bool { inTransaction.load(ordering: .acquiring) }

    /// Checks an idle connection before it is lent: an idle connection has nothing to read unless the server
    /// closed it (or sent a notice). The poll costs one non-blocking syscall on the caller's thread; only when
    /// something arrived does the worker thread read it. A dead connection is found before any statement is
    /// sent, so the caller can safely take another.
    func isAliveWhenIdle() async -> Bool {
        guard !isBroken else { return false }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return true }
        let alive = (try? await run(job: nil) { core in .success(core.absorbIdleInput()) }.get()) ?? false
        if !alive { markBroken() }
        return alive
    }

    func markBroken() { broken.store(true, ordering: .releasing) }

    /// Runs one parameterised statement; cancelling the awaiting task cancels the statement (kind `.cancelled`).
    /// `preceding` statements go ahead of it in the same round trip.
    func query(_ sql: String, _ parameters: [PostgresValue], preceding: [PipelineStep] = []) async -> Result<PostgresRows, PostgresError> {
        await runCancellable { core in core.query(sql, parameters, preceding: preceding) }
    }

    /// Runs `steps` in one round trip, not cancellable (for COMMIT and what must precede it).
    func runUncancellable(_ steps: [PipelineStep]) async -> Result<PostgresRows, PostgresError> {
        await run(job: nil) { core in core.run(steps) }
    }

    /// Runs SQL text; `cancellable: false` for housekeeping (COMMIT, ROLLBACK) that must run even in a cancelled task.
    func execute(_ sql: String, preceding: [PipelineStep] = [], cancellable: Bool = true) async -> Result<PostgresRows, PostgresError> {
        if cancellable { return await runCancellable { core in core.execute(sql, preceding: preceding) } }
        return await run(job: nil) { core in core.execute(sql) }
    }

    /// The number of statements prepared on this connection so far.
    func prepareCount() async -> Int {
        (try? await run(job: nil) { core in .success(core.prepareCount) }.get()) ?? 0
    }

    func close() async {
        broken.store(true, ordering: .releasing)
        await worker.stop()
    }

    private func runCancellable<T: Sendable>(
        _ body: @escaping @Sendable (ConnectionCore) -> Result<T, PostgresError>
    ) async -> Result<T, PostgresError> {
        let job = canceller.newJobID()
        return await withTaskCancellationHandler {
            await run(job: job, body)
        } onCancel: {
            canceller.cancel(job)
        }
    }

    private func run<T: Sendable>(
        job: Int?, _ body: @escaping @Sendable (ConnectionCore) -> Result<T, PostgresError>
    ) async -> Result<T, PostgresError> {
        // The link outlives the job: the caller awaits it while holding `self`.
        let result = await worker.perform { [self] core -> Result<T, PostgresError> in
            if let job, !canceller.begin(job) { return .failure(QueryCanceller.cancelledBeforeStart) }
            var result = body(core)
            if let job, canceller.end(job), case .failure(var error) = result, error.sqlState == "57014" {
                error.kind = .cancelled
                result = .failure(error)
            }
            if core.isBroken { broken.store(true, ordering: .releasing) }
            inTransaction.store(core.inTransaction, ordering: .releasing)
            return result
        }
        if case .failure(let error) = result, error.kind == .connectionLost { markBroken() }
        return result
    }
}
