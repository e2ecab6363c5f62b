import Glibc

/// A real `pipe(2)`: what a process's stderr is when a supervisor collects it, and what it becomes when nobody
/// reads it any more. Tests give `writeEnd` to a log writer and read (or, mostly, never read) `readEnd`.
public final class UnreadPipe: Sendable {
    /// The end nobody reads unless the test says so.
    public let readEnd: Int32
    /// The end to write log lines to.
    public let writeEnd: Int32

    public init() throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestDatabaseError("pipe(2) failed: errno \(errno)") }
        (readEnd, writeEnd) = (ends[0], ends[1])
    }

    /// Everything readable now, without waiting.
    public func readAvailable() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            var descriptor = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { return bytes }
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            guard count > 0 else { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// Writes to the pipe until it holds all it can, so the next blocking write waits (for a reader that never comes).
    public func fill() {
        let flags = fcntl(writeEnd, F_GETFL)
        _ = fcntl(writeEnd, F_SETFL, flags | O_NONBLOCK)
        let chunk = [UInt8](repeating: UInt8(ascii: "."), count: 4096)
        while chunk.withUnsafeBytes({ write(writeEnd, $0.baseAddress, $0.count) }) > 0 {}
        // Another page's worth may still fit in pieces smaller than `chunk`.
        while write(writeEnd, chunk, 1) > 0 {}
        _ = fcntl(writeEnd, F_SETFL, flags)
    }

    /// Closes the read end: a write blocked on the full pipe then fails (EPIPE) instead of waiting forever.
    public func closeReadEnd() { close(readEnd) }

    /// Closes the write end; only once nothing can write to it any more (the descriptor number may be reused).
    public func closeWriteEnd() { close(writeEnd) }
}
