import Dispatch
import Glibc

/// Turns `SIGTERM` and `SIGINT` into `HTTPServer.shutdown()`. The signals' default actions are replaced while it is
/// alive, so the process exits 0 after `run()` returns instead of dying mid-request. Keep it alive for as long as the
/// server runs; `cancel()` restores the default actions.
///
/// A signal that arrives at any moment after `init` returns shuts the server down. The handler is installed
/// synchronously with `signal(2)` and only writes a byte to a non-blocking self-pipe (async-signal-safe); a dispatch
/// source reads the pipe. (A dispatch signal source alone, with the signal ignored meanwhile, registers asynchronously:
/// a signal sent right after start could be discarded, which hung the shutdown test under load.)
public final class ShutdownSignals: @unchecked Sendable {
    // Written once in init, only cancelled afterwards; DispatchSource itself is thread-safe.
    private let signals: [Int32]
    private let reader: (any DispatchSourceRead)?

    /// Installs the handlers and a reader on a dedicated serial queue that calls `server.shutdown()` (idempotent, so a
    /// second signal is harmless). `signals` defaults to `SIGTERM` and `SIGINT`.
    public init(server: HTTPServer, signals: [Int32]? = nil) {
        let signals = (signals ?? [SIGTERM, SIGINT]).filter { $0 > 0 && $0 < SignalPipes.capacity }
        self.signals = signals
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            // Without a pipe the default actions stay: a signal still stops the process, only less gracefully.
            reader = nil
            return
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        for end in ends {
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: DispatchQueue(label: "wharf.http.signals"))
        source.setEventHandler {
            var drained = [UInt8](repeating: 0, count: 64)
            while read(readEnd, &drained, drained.count) > 0 {}
            server.shutdown()
        }
        source.setCancelHandler {
            close(readEnd)
            close(writeEnd)
        }
        source.resume()
        reader = source
        for number in signals {
            SignalPipes.table[Int(number)] = writeEnd
            signal(number, forwardSignalToPipe)
        }
    }

    /// Stops listening for the signals and restores their default actions.
    public func cancel() {
        for number in signals {
            signal(number, SIG_DFL)
            SignalPipes.table[Int(number)] = -1
        }
        reader?.cancel()
    }
}

/// The write end of the self-pipe for each signal number, read by the C signal handler: a plain buffer allocated once,
/// so the handler neither allocates nor locks.
private enum SignalPipes {
    static let capacity: Int32 = 65
    nonisolated(unsafe) static let table: UnsafeMutablePointer<Int32> = {
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: Int(capacity))
        table.initialize(repeating: -1, count: Int(capacity))
        return table
    }()
}

/// The signal handler: async-signal-safe (one `write(2)`, `errno` preserved).
private func forwardSignalToPipe(_ number: Int32) {
    guard number > 0, number < SignalPipes.capacity else { return }
    let descriptor = SignalPipes.table[Int(number)]
    guard descriptor >= 0 else { return }
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(descriptor, &byte, 1)
    errno = savedErrno
}
