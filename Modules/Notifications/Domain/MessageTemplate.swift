/// One kind of message: its data, a subject and its content as blocks. A template is a plain value and a pure
/// function of it and the shop's name; adding a message is one file conforming to this.
public protocol MessageTemplate: Sendable {
    /// Which message this is.
    static var kind: MessageKind { get }
    /// The subject line (plain text; encoded for the header by the transport).
    func subject(shop: String) -> String
    /// The content, in order.
    func blocks(shop: String) -> [MessageBlock]
}
