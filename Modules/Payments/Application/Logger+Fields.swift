import Logging

extension Logger {
    /// Writes one line whose fields were gathered along the way (in order).
    func log(_ level: Level, _ message: String, fields: [(String, String)]) {
        guard var line = line(level, message) else { return }
        for (key, value) in fields { line.string(key, value) }
        write(line)
    }
}
