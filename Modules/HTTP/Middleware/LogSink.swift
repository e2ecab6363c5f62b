#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Where structured log lines go: one JSON object per line. The built-in stages write access
/// and error lines through it; the App may log through it too. Never give it bodies or secrets.
public struct LogSink: Sendable {
    /// Severity, in increasing order.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        /// The lower-case name written in the `level` field.
        public var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        /// The level named `name` (`LOG_LEVEL`), case-insensitively; `warn` is accepted.
        public init?(name: String) {
            switch name.lowercased() {
            case "debug", "trace": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error": self = .error
            default: return nil
            }
        }

        /// Orders levels by severity.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Lines below this level are dropped before they are built.
    public var minimumLevel: Level
    let write: @Sendable ([UInt8]) -> Void

    /// A sink handing each complete line (with its trailing newline) to `write`.
    public init(minimumLevel: Level = .info, write: @escaping @Sendable (_ line: [UInt8]) -> Void) {
        self.minimumLevel = minimumLevel
        self.write = write
    }

    /// Lines to standard error, one `write(2)` each so concurrent lines never interleave.
    public static func standardError(minimumLevel: Level = .info) -> LogSink {
        LogSink(minimumLevel: minimumLevel) { line in writeAll(2, line) }
    }

    /// Lines to standard output.
    public static func standardOutput(minimumLevel: Level = .info) -> LogSink {
        LogSink(minimumLevel: minimumLevel) { line in writeAll(1, line) }
    }

    /// A sink that drops everything.
    public static let discard = LogSink(minimumLevel: .error) { _ in }

    /// Writes `{"time","level","msg",fields...}`; field values are strings, escaped.
    public func log(_ level: Level, _ message: String, _ fields: [(String, String)] = []) {
        guard level >= minimumLevel else { return }
        var line = LogLine(level: level, message: message)
        for (name, value) in fields { line.string(name, value) }
        write(line.finish())
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
