import Foundation
import Synchronization

/// Structured logging: one JSON object per line (`time`, `level`, `logger`, `message`, then the fields).
/// Never pass bodies, tokens or passwords as fields.
public struct Logger: Sendable {
    /// Severity, lowest first.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error

        /// The name used in `LOG_LEVEL` and in log lines.
        public var name: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .warning: "warning"
            case .error: "error"
            }
        }

        /// Parses `LOG_LEVEL` (`debug`, `info`, `warning`/`warn`, `error`), case-insensitively.
        public init?(name: String) {
            switch name.lowercased() {
            case "debug", "trace": self = .debug
            case "info": self = .info
            case "warning", "warn": self = .warning
            case "error", "critical": self = .error
            default: return nil
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    /// Where finished lines go (without the trailing newline).
    public typealias Sink = @Sendable (String) -> Void

    /// The component name written as `logger`.
    public let label: String
    /// Lines below this level are dropped before they are built.
    public let minimumLevel: Level
    private let sink: Sink

    public init(label: String, minimumLevel: Level = .info, sink: @escaping Sink = Logger.standardError) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    /// The same sink and level under another label.
    public func named(_ label: String) -> Logger { Logger(label: label, minimumLevel: minimumLevel, sink: sink) }

    /// Writes one line if `level` is enabled.
    public func log(_ level: Level, _ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard var line = line(level, message()) else { return }
        for (key, value) in fields { line.string(key, value) }
        write(line)
    }

    /// A line to fill with fields and then `write`, or nil when `level` is disabled.
    public func line(_ level: Level, _ message: @autoclosure () -> String) -> LogLine? {
        guard level >= minimumLevel else { return nil }
        return LogLine(time: Self.timestamp(), level: level, logger: label, message: message())
    }

    /// Writes a finished line to the sink.
    public func write(_ line: LogLine) { sink(line.text) }

    public func debug(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message(), fields) }
    public func info(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message(), fields) }
    public func warning(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, message(), fields) }
    public func error(_ message: @autoclosure () -> String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message(), fields) }

    /// Queues each line for standard error (`LogWriter.standardError`): the caller never waits for the write, lines
    /// never interleave, and when stderr is not being read lines are dropped (and counted) rather than stalling it.
    public static let standardError: Sink = LogWriter.standardError.sink

    /// A sink that keeps lines in memory, for tests.
    public final class Capture: Sendable {
        private let storage = Mutex<[String]>([])
        public init() {}
        /// The captured lines so far.
        public var lines: [String] { storage.withLock { $0 } }
        /// The sink to pass to a `Logger`.
        public var sink: Sink { { line in self.storage.withLock { $0.append(line) } } }
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        let millis = now.tv_nsec / 1_000_000
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }
}

extension Logger {
    /// A logger that drops everything (tests that do not look at logs).
    public static let discard = Logger(label: "discard", minimumLevel: .error) { _ in }
}
