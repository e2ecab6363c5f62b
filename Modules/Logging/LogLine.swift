import JSON

/// One JSON log line under construction, built as bytes: `time`, `level`, `logger`, `message`, then fields.
/// Obtain one from `Logger.line(_:_:)` (nil when the level is disabled, so disabled lines cost nothing).
public struct LogLine: Sendable {
    var bytes: [UInt8] = []

    init(time: String, level: Logger.Level, logger: String, message: String) {
        bytes.reserveCapacity(256)
        bytes.append(contentsOf: #"{"time":""#.utf8)
        bytes.append(contentsOf: time.utf8)
        bytes.append(contentsOf: #"","level":""#.utf8)
        bytes.append(contentsOf: level.name.utf8)
        bytes.append(contentsOf: #"","logger":"#.utf8)
        appendQuoted(logger)
        bytes.append(contentsOf: #","message":"#.utf8)
        appendQuoted(message)
    }

    /// Adds `"name":"value"`.
    public mutating func string(_ name: String, _ value: String) {
        bytes.append(UInt8(ascii: ","))
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        appendQuoted(value)
    }

    /// Adds `"name":value` for a value that is already a JSON number (the caller formats it).
    public mutating func number(_ name: String, _ value: String) {
        bytes.append(UInt8(ascii: ","))
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: value.utf8)
    }

    /// The finished line, without the trailing newline.
    var text: String { String(decoding: bytes + [UInt8(ascii: "}")], as: UTF8.self) }

    private mutating func appendQuoted(_ text: String) { JSONString.append(text, to: &bytes) }
}
