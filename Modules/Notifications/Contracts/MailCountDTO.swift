/// How one kind of message fared since the process started: handed to the mail server (`sent`), refused for good
/// (`failed`: a `5xx`, logged), or failed for now and left to the event bus to retry (`retried`).
public struct MailCountDTO: Sendable, Equatable {
    public var kind: String
    public var sent: Int
    public var failed: Int
    public var retried: Int

    public init(kind: String, sent: Int, failed: Int, retried: Int) {
        self.kind = kind
        self.sent = sent
        self.failed = failed
        self.retried = retried
    }
}
