import Foundation

/// Writes bytes to a socket from a thread of its own (blocking), so a test can read at the same time
/// without tying up a cooperative-pool thread.
enum Sender {
    static func start(fd: Int32, bytes: [UInt8]) {
        let thread = Thread {
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return }
                offset += n
            }
        }
        thread.start()
    }
}
