/// A server reply: its three-digit code and its text lines (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx.
    var isSuccess: Bool { (200..<300).contains(code) }

    public var description: String { "\(code) \(lines.joined(separator: " / ").prefix(300))" }
}
