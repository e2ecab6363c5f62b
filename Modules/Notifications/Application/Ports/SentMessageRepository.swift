public import Foundation
public import NotificationsDomain

/// A message the mail server answered for: sent to `accepted`, refused for good for `refused`.
public struct SentMessage: Sendable, Equatable {
    public var messageID: String
    public var eventId: UUID
    public var kind: MessageKind
    public var accepted: [String]
    public var refused: [String]
    public var at: Date

    public init(messageID: String, eventId: UUID, kind: MessageKind, accepted: [String], refused: [String], at: Date) {
        self.messageID = messageID
        self.eventId = eventId
        self.kind = kind
        self.accepted = accepted
        self.refused = refused
        self.at = at
    }
}

/// The record of messages handed over, written in the event handler's transaction (with its inbox row).
public protocol SentMessageRepository: Sendable {
    /// Whether a message with this id was recorded.
    func contains(messageID: String) async throws -> Bool
    /// Records `message`; a second record of one id changes nothing.
    func record(_ message: SentMessage) async throws
    /// Deletes records sent before `cutoff`, `batchSize` rows per statement; returns how many.
    func purge(sentBefore cutoff: Date, batchSize: Int) async throws -> Int
}
