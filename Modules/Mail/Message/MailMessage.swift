public import Foundation

/// One message as it leaves Wharf: who sends it, to whom, a subject, the same content as plain text and HTML,
/// its `Message-ID` and its date. `rendered()` makes the RFC 5322 text with a MIME `multipart/alternative` body.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    public var text: String
    public var html: String
    /// Without angle brackets: `local@domain`.
    public var messageID: String
    public var date: Date

    public init(from: MailAddress, to: [MailAddress], subject: String, text: String, html: String, messageID: String, date: Date) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }

    /// The message with CRLF line ends and no line longer than 78 characters: headers folded, non-ASCII header text
    /// as RFC 2047 encoded words, both parts UTF-8 in quoted-printable. The MIME boundary is derived from the
    /// Message-ID, so rendering one message twice gives the same bytes.
    public func rendered() -> [UInt8] {
        let boundary = "=_wharf_" + String(messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 16)
        var lines = [
            "Date: " + MailDate.rfc5322(date),
            "From: " + from.headerValue,
            "To: " + to.map(\.headerValue).joined(separator: ",\r\n "),
            "Subject: " + EncodedWord.text(subject),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "",
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--" + boundary,
                "Content-Type: \(type); charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                QuotedPrintable.encode(body),
            ]
        }
        lines.append("--" + boundary + "--")
        return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
