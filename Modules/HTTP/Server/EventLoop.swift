import Glibc
import Synchronization

/// One thread blocking in epoll_wait, owning a listener and the connections it accepted. It is also a
/// `TaskExecutor`: handler tasks prefer it, so a request is parsed, handled and answered on one thread.
final class EventLoop: TaskExecutor, @unchecked Sendable {
    // Everything below that is not a `let` or the mutex is touched only on the loop thread.
    let context: ServerContext
    private let epoll: Int32
    private let wakeFD: Int32
    private var listener: Int32
    private let inbox = Mutex(LoopQueue())
    private let threadID = Atomic<UInt>(0)
    private var running: [LoopWork] = []
    private var connections: [Connection?] = []
    private(set) var liveConnections = 0
    private var generation: UInt64 = 0
    private(set) var now: Int64 = 0
    private(set) var date = HTTPDate()
    private var nextSweep: Int64 = 0
    private let sweepInterval: Int64
    private(set) var shuttingDown = false
    private var graceDeadline: Int64 = .max
    private var stopped = false
    private var listenerPaused = false
    private let onStop: @Sendable () -> Void

    private static let wakeToken = UInt64.max
    private static let listenerToken = UInt64.max - 1

    init(context: ServerContext, listener: Int32, onStop: @escaping @Sendable () -> Void) throws(HTTPServerError) {
        self.context = context
        self.listener = listener
        self.onStop = onStop
        epoll = Syscalls.epollCreate()
        wakeFD = Syscalls.eventFD()
        guard epoll >= 0, wakeFD >= 0 else { throw HTTPServerError("epoll/eventfd", errno: errno) }
        let config = context.configuration
        // Sweeps run often enough to honour the shortest timeout within a quarter of it.
        let shortest = min(config.headerTimeout.nanoseconds, config.bodyTimeout.nanoseconds, config.idleTimeout.nanoseconds,
                           config.requestTimeout.nanoseconds, config.sendTimeout.nanoseconds)
        sweepInterval = min(max(shortest / 4, 5_000_000), 1_000_000_000)
        running.reserveCapacity(256)
        _ = Syscalls.epollControl(epoll, Syscalls.epollCtlAdd, wakeFD, events: Syscalls.epollIn, data: Self.wakeToken)
        _ = Syscalls.epollControl(epoll, Syscalls.epollCtlAdd, listener, events: Syscalls.epollIn, data: Self.listenerToken)
    }

    /// Whether the caller runs on this loop's thread.
    var inLoop: Bool { threadID.load(ordering: .relaxed) == UInt(pthread_self()) }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if !submit(.job(unowned)) {
            globalConcurrentExecutor.enqueue(ExecutorJob(unowned))
        }
    }

    /// Runs `body` on the loop thread soon; dropped if the loop has stopped.
    func execute(_ body: @escaping @Sendable () -> Void) {
        _ = submit(.closure(body))
    }

    private func submit(_ work: LoopWork) -> Bool {
        let (accepted, wake) = inbox.withLock { queue -> (Bool, Bool) in
            guard !queue.stopped else { return (false, false) }
            queue.work.append(work)
            let wake = queue.sleeping
            queue.sleeping = false
            return (true, wake)
        }
        if wake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
        return accepted
    }

    /// The loop; returns once the loop has stopped after shutdown.
    func run() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        let capacity: Int32 = 256
        let events = UnsafeMutableRawPointer.allocate(byteCount: Syscalls.eventSize * Int(capacity), alignment: 8)
        defer { events.deallocate() }
        tick()
        nextSweep = now &+ sweepInterval
        while !stopped {
            drainInbox()
            if stopped { break }
            let sleep = inbox.withLock { queue -> Bool in
                guard queue.work.isEmpty else { return false }
                queue.sleeping = true
                return true
            }
            let timeout = sleep ? Int32(clamping: max(0, (nextSweep &- now) / 1_000_000 &+ 1)) : 0
            let count = Syscalls.epollWait(epoll, events, capacity: capacity, timeoutMilliseconds: timeout)
            if sleep { inbox.withLock { $0.sleeping = false } }
            tick()
            if count > 0 {
                for index in 0..<Int(count) {
                    let (flags, token) = Syscalls.event(events, index)
                    dispatch(flags: flags, token: token)
                }
            }
            if now >= nextSweep {
                nextSweep = now &+ sweepInterval
                sweep()
            }
        }
        finish()
    }

    private func tick() {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        now = Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec)
        date.update(now: time(nil))
    }

    private func drainInbox() {
        inbox.withLock { swap(&$0.work, &running) }
        guard !running.isEmpty else { return }
        let executor = asUnownedTaskExecutor()
        for work in running {
            switch work {
            case .job(let job): job.runSynchronously(on: executor)
            case .closure(let body): body()
            }
        }
        running.removeAll(keepingCapacity: true)
    }

    private func dispatch(flags: UInt32, token: UInt64) {
        switch token {
        case Self.wakeToken:
            var value: UInt64 = 0
            _ = read(wakeFD, &value, 8)
        case Self.listenerToken:
            acceptConnections()
        default:
            let fd = Int(truncatingIfNeeded: token & 0xFFFF_FFFF)
            guard fd < connections.count, let connection = connections[fd], connection.token == token else { return }
            connection.handle(events: flags)
        }
    }

    private func acceptConnections() {
        for _ in 0..<128 {
            let (fd, peer) = Syscalls.accept(listener)
            guard fd >= 0 else {
                // Out of descriptors, the pending connection stays queued and level-triggered epoll would report
                // it forever: stop watching the listener until the next sweep instead of spinning.
                if errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM {
                    _ = Syscalls.epollControl(epoll, Syscalls.epollCtlDel, listener, events: 0, data: 0)
                    listenerPaused = true
                }
                return
            }
            guard !shuttingDown, context.admitConnection() else {
                close(fd)
                continue
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            generation &+= 1
            let token = (generation << 32) | UInt64(UInt32(fd))
            let connection = Connection(fd: fd, token: token, peer: peer, loop: self)
            let index = Int(fd)
            if index >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: index + 1 - connections.count))
            }
            connections[index] = connection
            liveConnections &+= 1
            guard Syscalls.epollControl(epoll, Syscalls.epollCtlAdd, fd, events: Syscalls.epollIn, data: token) == 0 else {
                connection.close()
                continue
            }
        }
    }

    /// Changes which readiness a connection waits for.
    func watch(_ connection: Connection, events: UInt32) {
        _ = Syscalls.epollControl(epoll, Syscalls.epollCtlMod, connection.fd, events: events, data: connection.token)
    }

    /// Forgets a closed connection.
    func remove(_ connection: Connection) {
        let index = Int(connection.fd)
        if index < connections.count, connections[index] === connection {
            connections[index] = nil
            liveConnections &-= 1
            context.connectionClosed()
        }
        if shuttingDown, liveConnections == 0 { stopped = true }
    }

    private func sweep() {
        if listenerPaused, listener >= 0 {
            listenerPaused = false
            _ = Syscalls.epollControl(epoll, Syscalls.epollCtlAdd, listener, events: Syscalls.epollIn, data: Self.listenerToken)
        }
        for case let connection? in connections { connection.checkTimeouts(now: now) }
        if shuttingDown, now >= graceDeadline {
            for case let connection? in connections { connection.close() }
        }
        if shuttingDown, liveConnections == 0 { stopped = true }
    }

    /// Stops accepting, closes idle connections and lets busy ones finish within the grace period.
    func beginShutdown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        graceDeadline = now &+ context.configuration.shutdownGracePeriod.nanoseconds
        if listener >= 0 {
            close(listener)
            listener = -1
        }
        for case let connection? in connections { connection.shutdownIfIdle() }
        if liveConnections == 0 { stopped = true }
    }

    /// Releases a loop that never ran (start-up failed after it was created), its listener included.
    func discard() {
        if listener >= 0 { close(listener) }
        listener = -1
        close(wakeFD)
        close(epoll)
    }

    private func finish() {
        for case let connection? in connections { connection.close() }
        if listener >= 0 { close(listener) }
        let leftover = inbox.withLock { queue -> [LoopWork] in
            queue.stopped = true
            return queue.work
        }
        // Tasks still in flight after the grace period keep running elsewhere; their connections are gone.
        for case .job(let job) in leftover { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
        close(wakeFD)
        close(epoll)
        onStop()
    }
}
