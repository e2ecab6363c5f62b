import Foundation

/// One JSON log line under construction: `time` and `level` first, then the fields.
struct LogLine {
    var text = JSONWriter(capacity: 256)

    init(level: LogSink.Level, message: String) {
        text.raw("{\"time\":\"")
        let now = Date()
        RFC3339.append(now, to: &text.bytes)
        // Milliseconds make lines of one second sortable; written before the `Z`.
        let millis = Int64((now.timeIntervalSince1970 - now.timeIntervalSince1970.rounded(.down)) * 1000)
        text.bytes.removeLast()
        text.bytes.append(UInt8(ascii: "."))
        RFC3339.appendDigits(min(max(millis, 0), 999), 3, &text.bytes)
        text.raw("Z\",\"level\":\"")
        text.raw(level.name)
        text.raw("\",\"msg\":")
        text.string(message)
    }

    mutating func string(_ name: String, _ value: String) {
        text.raw(",")
        text.string(name)
        text.raw(":")
        text.string(value)
    }

    mutating func number(_ name: String, _ value: String) {
        text.raw(",")
        text.string(name)
        text.raw(":")
        text.raw(value)
    }

    mutating func finish() -> [UInt8] {
        text.raw("}\n")
        return text.bytes
    }
}
