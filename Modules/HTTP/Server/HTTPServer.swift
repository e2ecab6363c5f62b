import Glibc
import Synchronization

/// An HTTP/1.1 server on epoll: `eventLoopCount` threads, each with its own `SO_REUSEPORT` listener,
/// each the `TaskExecutor` its handler tasks run on. Create it, call `run()`, call `shutdown()` to stop.
public final class HTTPServer: Sendable {
    private enum Phase {
        case created
        case listening(port: Int, loops: [EventLoop])
        case failed(HTTPServerError)
        case finished
    }

    private struct State {
        var phase = Phase.created
        var shutdownRequested = false
        var started = false
        var listeners: [CheckedContinuation<Int, any Error>] = []
    }

    private let context: ServerContext
    private let state = Mutex(State())

    /// A server that will answer every request with `responder`. Nothing is bound until `run()`.
    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(), responder: some HTTPResponder) {
        context = ServerContext(configuration: configuration, responder: responder)
    }

    /// The configuration the server was created with.
    public var configuration: HTTPServerConfiguration { context.configuration }

    /// The connections open right now, across all loops (for a gauge).
    public var openConnections: Int { context.openConnections.load(ordering: .relaxed) }

    /// Binds, serves, and returns once a `shutdown()` has completed (in-flight requests answered or the
    /// grace period over). Throws if the address cannot be bound, or if called a second time.
    public func run() async throws {
        let config = context.configuration
        guard Syscalls.available else { throw HTTPServerError("epoll is not available") }
        let first = state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
        guard first else { throw HTTPServerError("run() was already called") }
        var sockets: [Int32] = []
        var loops: [EventLoop] = []
        let port: Int
        let latch = StopLatch(count: max(1, config.eventLoopCount))
        do {
            let first = try Listener.openFirst(host: config.host, port: config.port, backlog: config.backlog)
            sockets.append(first)
            port = Listener.boundPort(first)
            for _ in 1..<max(1, config.eventLoopCount) {
                sockets.append(try Listener.open(host: config.host, port: port, backlog: config.backlog))
            }
            for socket in sockets {
                loops.append(try EventLoop(context: context, listener: socket, onStop: { latch.countDown() }))
            }
        } catch {
            for loop in loops { loop.discard() }
            for socket in sockets.dropFirst(loops.count) { close(socket) }
            finish(.failed(error))
            throw error
        }
        let (waiters, stopAtOnce) = state.withLock { state in
            state.phase = .listening(port: port, loops: loops)
            defer { state.listeners = [] }
            return (state.listeners, state.shutdownRequested)
        }
        for loop in loops { LoopThread.start { loop.run() } }
        for waiter in waiters { waiter.resume(returning: port) }
        if stopAtOnce { for loop in loops { loop.execute { loop.beginShutdown() } } }
        await latch.wait()
        finish(.finished)
    }

    private func finish(_ phase: Phase) {
        let waiters = state.withLock { state in
            state.phase = phase
            defer { state.listeners = [] }
            return state.listeners
        }
        for waiter in waiters {
            if case .failed(let error) = phase { waiter.resume(throwing: error) } else {
                waiter.resume(throwing: HTTPServerError("the server is not running"))
            }
        }
    }

    /// The bound port, once `run()` is listening (the picked one when configured with port 0);
    /// throws if binding failed or the server already stopped.
    public func waitUntilListening() async throws -> Int {
        try await withCheckedThrowingContinuation { waiter in
            let result: Result<Int, HTTPServerError>? = state.withLock { state in
                switch state.phase {
                case .created:
                    state.listeners.append(waiter)
                    return nil
                case .listening(let port, _): return .success(port)
                case .failed(let error): return .failure(error)
                case .finished: return .failure(HTTPServerError("the server is not running"))
                }
            }
            if let result { waiter.resume(with: result) }
        }
    }

    /// Begins a graceful shutdown: stop accepting, close idle connections, let requests in flight be answered
    /// (with `Connection: close`) within the grace period, then let `run()` return. Idempotent; callable from any thread.
    public func shutdown() {
        let loops = state.withLock { state -> [EventLoop] in
            guard !state.shutdownRequested else { return [] }
            state.shutdownRequested = true
            if case .listening(_, let loops) = state.phase { return loops }
            return []
        }
        for loop in loops { loop.execute { loop.beginShutdown() } }
    }
}
