/// What the server took: the recipients it accepted (the message was sent to them, `250` after `DATA`) and
/// those it refused for good (`5xx` to `RCPT TO`), which no retry will change.
public struct SMTPDelivery: Sendable, Equatable {
    /// A recipient the server refused and its reply.
    public struct Refusal: Sendable, Equatable {
        public var recipient: String
        public var reply: SMTPReply
        public init(recipient: String, reply: SMTPReply) {
            self.recipient = recipient
            self.reply = reply
        }
    }

    public var accepted: [String]
    public var refused: [Refusal]

    public init(accepted: [String], refused: [Refusal]) {
        self.accepted = accepted
        self.refused = refused
    }
}
