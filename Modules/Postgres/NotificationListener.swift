internal import CLibPQ
internal import Foundation
internal import Synchronization

/// The thread behind `PostgresPool.listen`: one dedicated connection that waits on its socket with `poll` and
/// reconnects (re-issuing LISTEN) when the connection drops, until the stream's consumer goes away.
final class NotificationListener: Sendable {
    private let stopped = Atomic<Bool>(false)
    /// How often the thread checks whether the consumer went away while no notification arrives.
    private static let pollMilliseconds: Int32 = 100

    func stop() { stopped.store(true, ordering: .releasing) }

    private var isStopped: Bool { stopped.load(ordering: .acquiring) }

    /// Starts the thread; `ready` is called once: with nil after the first LISTEN succeeded, or with the error that
    /// prevented it (the thread then ends).
    func start(
        settings: [PostgresConfiguration.Setting], channel: String,
        output: AsyncStream<String>.Continuation, ready: @escaping @Sendable (PostgresError?) -> Void
    ) {
        let thread = Thread { [self] in
            run(settings: settings, channel: channel, output: output, ready: ready)
        }
        thread.name = "postgres-listen"
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func run(
        settings: [PostgresConfiguration.Setting], channel: String,
        output: AsyncStream<String>.Continuation, ready: @escaping @Sendable (PostgresError?) -> Void
    ) {
        var announced = false
        let listen = "LISTEN \"" + channel.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        while !isStopped {
            let core = ConnectionCore()
            var outcome = core.connect(settings).flatMap { _ in core.execute(listen).map { _ in () } }
            if case .failure(let error) = outcome, !announced {
                ready(error)
                output.finish()
                return
            }
            if !announced, case .success = outcome {
                announced = true
                ready(nil)
            }
            if case .success = outcome, let connection = core.connection {
                outcome = receive(on: connection, output: output)
            }
            core.finish()
            // Back off before reconnecting so a database outage does not become a busy loop.
            for _ in 0..<10 where !isStopped { usleep(100_000) }
        }
        output.finish()
    }

    private func receive(
        on connection: OpaquePointer, output: AsyncStream<String>.Continuation
    ) -> Result<Void, PostgresError> {
        while !isStopped {
            var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Self.pollMilliseconds)
            if ready < 0 && errno != EINTR { return .failure(ConnectionCore.lost) }
            guard ready > 0 else { continue }
            guard PQconsumeInput(connection) != 0 else { return .failure(ConnectionCore.lost) }
            while let notification = PQnotifies(connection) {
                let payload = String(cString: notification.pointee.extra)
                PQfreemem(notification)
                output.yield(payload)
            }
            if PQstatus(connection) == CONNECTION_BAD { return .failure(ConnectionCore.lost) }
        }
        return .success(())
    }
}

extension PostgresPool {
    /// Subscribes to `LISTEN channel` on a dedicated connection (not one of the pool's) and returns once the
    /// subscription is active; each NOTIFY payload is yielded as it arrives. When the connection drops it is
    /// re-opened and LISTEN re-issued, so notifications sent meanwhile are lost: treat them as wake-up hints, not
    /// as a delivery guarantee. Ending the iteration (or dropping the stream) closes the connection.
    public func listen(channel: String) async throws(PostgresError) -> AsyncStream<String> {
        let (stream, output) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(10_000))
        let listener = NotificationListener()
        output.onTermination = { _ in listener.stop() }
        let settings = configuration.connectionSettings
        let failure = await withUnsafeContinuation { (continuation: UnsafeContinuation<PostgresError?, Never>) in
            listener.start(settings: settings, channel: channel, output: output) { continuation.resume(returning: $0) }
        }
        if let failure { throw failure }
        return stream
    }
}

extension PostgresQueryable {
    /// Sends `payload` to every session listening on `channel` (`pg_notify`); inside a transaction it is delivered
    /// only on COMMIT.
    public func notify(channel: String, payload: String) async throws(PostgresError) {
        _ = try await query("SELECT pg_notify($1, $2)", [.text(channel), .text(payload)])
    }
}
