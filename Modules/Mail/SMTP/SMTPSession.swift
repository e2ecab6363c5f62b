/// One SMTP conversation over one connection (RFC 5321): greeting, `EHLO`, `STARTTLS` or implicit TLS, `AUTH
/// PLAIN`/`LOGIN` when the endpoint has credentials, then any number of messages, each `MAIL FROM`, `RCPT TO` per
/// recipient and `DATA`. Every reply is awaited at most `replyTimeout`. Blocking: run it on a thread of its own.
final class SMTPSession {
    private let channel: MailChannel
    private let settings: SMTPClient.Settings
    private var unread: [UInt8] = []
    private var extensions: [String: String] = [:]
    /// When the last message was handed over (idle connections are closed after `idleTimeout`).
    private(set) var lastUsed = ContinuousClock.now

    /// Connects, greets and secures the session, authenticating when the endpoint has credentials.
    init(settings: SMTPClient.Settings, tls: TLSContext?) throws(SMTPError) {
        self.settings = settings
        let endpoint = settings.endpoint
        channel = try MailChannel(host: endpoint.host, port: endpoint.port, timeout: settings.connectTimeout)
        do throws(SMTPError) {
            if endpoint.security == .implicitTLS, let tls {
                try channel.startTLS(context: tls, host: endpoint.host, deadline: ContinuousClock.now + settings.replyTimeout)
            }
            try expect(readReply("greeting"), 220, step: "greeting")
            try hello()
            // Plain `smtp://` with credentials: upgrade when offered; never send them in clear beyond this machine.
            let opportunistic = endpoint.security == .none && endpoint.username != nil
            if opportunistic, extensions["STARTTLS"] == nil, !endpoint.isLoopback {
                throw SMTPError.tls("the server does not offer STARTTLS: credentials are not sent in clear")
            }
            if endpoint.security == .startTLS || (opportunistic && extensions["STARTTLS"] != nil), let tls {
                guard extensions["STARTTLS"] != nil else { throw SMTPError.tls("the server does not offer STARTTLS") }
                try expect(command("STARTTLS"), 220, step: "STARTTLS")
                guard unread.isEmpty else { throw SMTPError.protocolViolation("data after the STARTTLS reply") }
                try channel.startTLS(context: tls, host: endpoint.host, deadline: ContinuousClock.now + settings.replyTimeout)
                try hello()
            }
            if let username = endpoint.username { try authenticate(username, endpoint.password ?? "") }
        } catch {
            channel.close()
            throw error
        }
    }

    /// Hands `message` over; a `5xx` to one recipient leaves the others' delivery intact (and is reported), a
    /// `4xx` to any recipient or any refusal of the message itself throws before `DATA` is complete, so a retry
    /// never reaches a recipient twice.
    func send(_ message: MailMessage) throws(SMTPError) -> SMTPDelivery {
        let data = try SMTPData.stuffed(message.rendered())
        try expect(command("MAIL FROM:<\(message.from.address)>"), 250, step: "MAIL FROM", message: true)
        var accepted: [String] = []
        var refused: [SMTPDelivery.Refusal] = []
        for recipient in message.to {
            let reply = try command("RCPT TO:<\(recipient.address)>")
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient.address)
            } else if reply.code >= 500 {
                refused.append(.init(recipient: recipient.address, reply: reply))
            } else {
                try? reset()
                throw .rejected(step: "RCPT TO", reply: reply)
            }
        }
        guard !accepted.isEmpty else {
            try reset()
            return SMTPDelivery(accepted: [], refused: refused)
        }
        try expect(command("DATA"), 354, step: "DATA", message: true)
        try channel.write(data, deadline: ContinuousClock.now + settings.replyTimeout)
        try expect(readReply("end of data"), 250, step: "end of data", message: true)
        lastUsed = ContinuousClock.now
        return SMTPDelivery(accepted: accepted, refused: refused)
    }

    /// `RSET`: checks that a reused connection still answers, and clears any half-begun transaction.
    func reset() throws(SMTPError) {
        try expect(command("RSET"), 250, step: "RSET")
    }

    /// `QUIT` (answer awaited briefly, errors ignored), then closes.
    func quit() {
        _ = try? channel.write(Array("QUIT\r\n".utf8), deadline: ContinuousClock.now + .seconds(1))
        channel.close()
    }

    /// Closes without a word (after an error).
    func close() { channel.close() }

    private func hello() throws(SMTPError) {
        let reply = try command("EHLO \(settings.helloName)")
        try expect(reply, 250, step: "EHLO")
        extensions = [:]
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ", maxSplits: 1)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = words.count > 1 ? String(words[1]).uppercased() : ""
        }
    }

    private func authenticate(_ username: String, _ password: String) throws(SMTPError) {
        let mechanisms = Set((extensions["AUTH"] ?? "").split(separator: " ").map(String.init))
        if mechanisms.contains("PLAIN") {
            let token = Base64.encode([0] + Array(username.utf8) + [0] + Array(password.utf8))
            try expect(command("AUTH PLAIN \(token)", redacted: true), 235, step: "AUTH PLAIN")
        } else if mechanisms.contains("LOGIN") {
            try expect(command("AUTH LOGIN"), 334, step: "AUTH LOGIN")
            try expect(command(Base64.encode(Array(username.utf8)), redacted: true), 334, step: "AUTH LOGIN")
            try expect(command(Base64.encode(Array(password.utf8)), redacted: true), 235, step: "AUTH LOGIN")
        } else {
            throw .protocolViolation("the URL has credentials but the server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    private func expect(_ reply: SMTPReply, _ code: Int, step: String, message: Bool = false) throws(SMTPError) {
        guard reply.code == code else {
            throw message ? .rejected(step: step, reply: reply) : .unavailable(step: step, reply: reply)
        }
    }

    /// Sends one command line and reads its reply. `redacted` only documents that the line holds a secret: it is
    /// never logged or put in an error.
    private func command(_ line: String, redacted: Bool = false) throws(SMTPError) -> SMTPReply {
        let step = redacted ? "AUTH" : String(line.prefix { $0 != " " && $0 != ":" })
        try channel.write(Array((line + "\r\n").utf8), deadline: ContinuousClock.now + settings.replyTimeout)
        return try readReply(step)
    }

    /// One reply, possibly of several lines (`250-…` continued, `250 …` final), within `replyTimeout`.
    private func readReply(_ step: String) throws(SMTPError) -> SMTPReply {
        let deadline = ContinuousClock.now + settings.replyTimeout
        var lines: [String] = []
        while true {
            let line = try readLine(step, deadline: deadline)
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, bytes.prefix(3).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let code = Int(String(line.prefix(3))),
                  bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
            else { throw .protocolViolation("not a reply line at \(step): \(line.prefix(80))") }
            lines.append(bytes.count > 4 ? String(line.dropFirst(4)) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return SMTPReply(code: code, lines: lines) }
        }
    }

    private func readLine(_ step: String, deadline: ContinuousClock.Instant) throws(SMTPError) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = unread.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(unread[..<newline])
                unread.removeSubrange(...newline)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard unread.count < 8192 else { throw .protocolViolation("reply line too long at \(step)") }
            let count: Int
            do {
                count = try channel.read(into: &buffer, deadline: deadline)
            } catch .timeout(_) {
                throw .timeout("waiting for the reply to \(step)")
            }
            guard count > 0 else { throw .connectionLost("closed by the server at \(step)") }
            unread += buffer[..<count]
        }
    }
}
