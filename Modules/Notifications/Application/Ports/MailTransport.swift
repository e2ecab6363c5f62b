public import Foundation
public import NotificationsDomain

/// A message as it is handed to the transport: rendered, addressed and identified.
public struct OutgoingMail: Sendable, Equatable {
    /// Without angle brackets; the same for every attempt at one event's message.
    public var messageID: String
    public var kind: MessageKind
    public var recipients: [Recipient]
    public var subject: String
    public var text: String
    public var html: String
    public var date: Date

    public init(messageID: String, kind: MessageKind, recipients: [Recipient], subject: String, text: String, html: String, date: Date) {
        self.messageID = messageID
        self.kind = kind
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
    }
}

/// What the mail server did with a message it answered for good: the addresses it took and those it refused
/// permanently (`5xx`), with its reason.
public struct MailReceipt: Sendable, Equatable {
    public var accepted: [String]
    public var refused: [String]
    public var refusal: String?

    public init(accepted: [String], refused: [String] = [], refusal: String? = nil) {
        self.accepted = accepted
        self.refused = refused
        self.refusal = refusal
    }
}

/// Where messages go: an SMTP server, or the log when none is configured. `send` returns once the server has taken
/// the message (or refused it for good, in the receipt); it throws when trying again later may succeed (server
/// down, `4xx`, connection lost), and the event bus then retries the delivery with backoff.
public protocol MailTransport: Sendable {
    func send(_ mail: OutgoingMail) async throws -> MailReceipt
}
