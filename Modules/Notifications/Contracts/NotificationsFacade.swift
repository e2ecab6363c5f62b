/// What the Notifications context offers the composition root. It has no routes and no other context calls it:
/// it listens to their events and writes to people. What it tells is how many messages it handed over.
public protocol NotificationsFacade: Sendable {
    /// Messages sent, failed for good and retried, per kind (`welcome`, `order_received`, …), for `/metrics`.
    var mailCounts: [MailCountDTO] { get }
}
