/// Why a message could not be handed to the mail server. `isPermanent` separates what trying again cannot fix
/// (a `5xx` for the message, a message that breaks SMTP's line limit) from what it may (a server that is down,
/// slow, answers `4xx` or drops the connection).
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No TCP connection (refused, unreachable, name unknown).
    case connectionFailed(String)
    /// No answer within the timeout (`what` names the step).
    case timeout(String)
    /// The connection closed or failed mid-conversation.
    case connectionLost(String)
    /// TLS could not be set up: handshake, certificate or host name verification, or no `STARTTLS` offered.
    case tls(String)
    /// The server refused the message (`MAIL FROM`, `RCPT TO`, `DATA` or its end): `4xx` temporary, `5xx` permanent.
    case rejected(step: String, reply: SMTPReply)
    /// The server refused the session (greeting, `EHLO`, `STARTTLS`, `AUTH`): temporary whatever the code, since
    /// it is the server or our settings that must change, not the message.
    case unavailable(step: String, reply: SMTPReply)
    /// The server spoke something that is not SMTP.
    case protocolViolation(String)
    /// A line of the message is longer than SMTP's 998 octets (RFC 5321 §4.5.3.1.6): it would be cut by a relay.
    case lineTooLong(Int)

    /// Whether a retry cannot succeed.
    public var isPermanent: Bool {
        switch self {
        case .rejected(_, let reply): reply.code >= 500
        case .lineTooLong: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .connectionFailed(let why): "smtp connect failed: \(why)"
        case .timeout(let step): "smtp timeout: \(step)"
        case .connectionLost(let why): "smtp connection lost: \(why)"
        case .tls(let why): "smtp tls: \(why)"
        case .rejected(let step, let reply): "smtp \(step) rejected: \(reply)"
        case .unavailable(let step, let reply): "smtp \(step) refused: \(reply)"
        case .protocolViolation(let why): "smtp protocol violation: \(why)"
        case .lineTooLong(let length): "message line of \(length) octets exceeds 998"
        }
    }
}
