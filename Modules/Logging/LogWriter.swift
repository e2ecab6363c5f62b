import Dispatch
import Foundation
import Synchronization

/// Log lines on their way to one file descriptor: a bounded queue that any thread appends to without blocking,
/// drained by one writer thread of its own.
///
/// Promises: `enqueue` never blocks on I/O (it takes a short lock); when `capacity` lines are already waiting, the
/// line is dropped and counted in `droppedLines` instead; lines reach the descriptor whole and in the order they
/// were accepted, several per `write(2)`; a descriptor nobody reads (a full pipe) stalls only the writer thread, and
/// a closed one (`EPIPE`) drops lines instead of killing the process with `SIGPIPE`; `flush(within:)` waits at most
/// as long as it is told. Why: access lines used to be written with a blocking `write(2)` on the event-loop
/// threads, so a stderr pipe nobody read froze the whole server, shutdown included.
public final class LogWriter: Sendable {
    private struct Queue: ~Copyable {
        var lines: [[UInt8]] = []
        /// A batch is being written (or about to be): the queue being empty does not yet mean "written".
        var writing = false
        var sleeping = false
        var started = false
        var stopped = false
    }

    /// The most lines that may wait to be written; more are dropped.
    public let capacity: Int
    private let fileDescriptor: Int32
    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)
    private let dropped = Atomic<Int>(0)

    /// The process's standard error (descriptor 2), which `Logger.standardError` writes to.
    public static let standardError = LogWriter(fileDescriptor: 2)

    /// A writer to `fileDescriptor` (not closed by the writer) holding at most `capacity` waiting lines. The writer
    /// thread starts with the first line.
    public init(fileDescriptor: Int32, capacity: Int = 10_000) {
        self.fileDescriptor = fileDescriptor
        self.capacity = max(1, capacity)
    }

    /// The sink to give a `Logger`.
    public var sink: Logger.Sink { { [self] line in enqueue(line: line) } }

    /// Lines dropped so far because the queue was full, the descriptor failed, or the writer was stopped.
    public var droppedLines: Int { dropped.load(ordering: .relaxed) }

    /// Queues `line` (a newline is added) or, when the queue is full, drops it.
    public func enqueue(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        let (accepted, wake, start) = queue.withLock { queue -> (Bool, Bool, Bool) in
            guard !queue.stopped, queue.lines.count < capacity else { return (false, false, false) }
            queue.lines.append(bytes)
            let wake = queue.sleeping
            queue.sleeping = false
            let start = !queue.started
            queue.started = true
            return (true, wake, start)
        }
        guard accepted else {
            dropped.add(1, ordering: .relaxed)
            return
        }
        if start { startThread() }
        if wake { wakeUp.signal() }
    }

    /// Waits until every accepted line has been written, or until `timeout` has passed; true when all were written.
    /// For the end of the process: a descriptor nobody reads must not keep it from exiting.
    @discardableResult
    public func flush(within timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if queue.withLock({ $0.lines.isEmpty && !$0.writing }) { return true }
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Stops accepting lines; the writer thread ends once it has written what it holds (or its write fails).
    public func stop() {
        let wake = queue.withLock { queue -> Bool in
            queue.stopped = true
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        if wake { wakeUp.signal() }
    }

    private func startThread() {
        let thread = Thread { [self] in run() }
        thread.name = "log-writer"
        thread.stackSize = 256 * 1024
        thread.start()
    }

    private func run() {
        // A write to a pipe whose reader is gone raises SIGPIPE on the writing thread: blocked here, the write fails
        // with EPIPE instead and the lines are counted as dropped.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        var batch: [[UInt8]] = []
        var buffer: [UInt8] = []
        while true {
            let next = queue.withLock { queue -> Bool? in
                if queue.lines.isEmpty {
                    queue.writing = false
                    if queue.stopped { return nil }
                    queue.sleeping = true
                    return false
                }
                queue.writing = true
                swap(&queue.lines, &batch)
                return true
            }
            switch next {
            case nil: return
            case false?: wakeUp.wait()
            case true?:
                buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
                for line in batch { buffer.append(contentsOf: line) }
                let unwritten = write(buffer)
                if unwritten > 0 { dropped.add(Self.linesIn(batch, after: buffer.count - unwritten), ordering: .relaxed) }
                batch.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Writes all of `bytes` (a full pipe blocks here, on this thread only); returns how many could not be written.
    private func write(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(fileDescriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        return bytes.count - offset
    }

    /// How many of `lines` end after byte `offset` of their concatenation (not written whole).
    private static func linesIn(_ lines: [[UInt8]], after offset: Int) -> Int {
        var end = 0
        var count = 0
        for line in lines {
            end += line.count
            if end > offset { count += 1 }
        }
        return count
    }
}
