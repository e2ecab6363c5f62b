/// A message ready to hand over: its kind, recipients, subject and the same content as text and as HTML.
public struct RenderedMessage: Sendable, Equatable {
    public var kind: MessageKind
    public var recipients: [Recipient]
    public var subject: String
    public var text: String
    public var html: String

    public init(kind: MessageKind, recipients: [Recipient], subject: String, text: String, html: String) {
        self.kind = kind
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.html = html
    }
}
