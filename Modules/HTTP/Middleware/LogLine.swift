import Foundation

/// One JSON log line under construction: `time` and `level` first, then the fields.
struct LogLine {
    var text = JSONText(capacity: 256)

    init(level: LogSink.Level, message: String) {
        text.raw("{\"time\":\"")
        var time: [UInt8] = []
        let now = Date()
        RFC3339.append(now, to: &time)
        // Milliseconds make lines of one second sortable; inserted before the `Z`.
        let millis = Int((now.timeIntervalSince1970 - now.timeIntervalSince1970.rounded(.down)) * 1000)
        time.removeLast()
        time.append(contentsOf: Array(".\(String(1000 + millis).dropFirst())Z".utf8))
        text.raw(String(decoding: time, as: UTF8.self))
        text.raw("\",\"level\":\"")
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
