public import EventBus

/// What the Notifications context stores: the repositories its `UnitOfWork` binds to a transaction.
public struct NotificationsRepositories: Sendable {
    /// Messages handed to the mail server.
    public let sentMessages: any SentMessageRepository

    public init(sentMessages: any SentMessageRepository) {
        self.sentMessages = sentMessages
    }
}

/// The Notifications repositories bound to one transaction: the one the bus opened for an event handler.
public typealias NotificationsTransaction = Transaction<NotificationsRepositories>
