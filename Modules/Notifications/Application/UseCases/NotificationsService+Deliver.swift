import EventBus
import Foundation
import Kernel
import Logging
import NotificationsDomain

extension NotificationsService {
    /// Renders `template` for `recipients` and hands it over, once per event: the Message-ID is derived from the
    /// event and the recipients and recorded in `tx` (which commits with the inbox row) when the server has answered
    /// for it. A transient failure throws (the bus retries with backoff); a permanent refusal is logged, counted and
    /// recorded, and not retried.
    func deliver<T: MessageTemplate>(_ template: T, to recipients: [Recipient], for eventId: UUID,
                                     in tx: NotificationsTransaction) async throws {
        guard !recipients.isEmpty else {
            logger.info("no recipient for message", ["kind": T.kind.rawValue, "event_id": eventId.uuidString.lowercased()])
            return
        }
        let message = MessageLayout.render(template, to: recipients, shop: settings.shopName)
        let messageID = MessageID.derive(eventId: eventId, recipients: recipients, domain: settings.messageIDDomain)
        // The inbox already runs this once per event; the record also keeps a re-run by any other path from sending.
        guard try await !tx.sentMessages.contains(messageID: messageID) else {
            logger.info("message already sent", ["kind": T.kind.rawValue, "message_id": messageID])
            return
        }
        let receipt: MailReceipt
        do {
            receipt = try await transport.send(OutgoingMail(
                messageID: messageID, kind: T.kind, recipients: recipients, subject: message.subject,
                text: message.text, html: message.html, date: clock.now()))
        } catch {
            statistics.record(.retried, T.kind)
            logger.warning("message not sent, will retry", ["kind": T.kind.rawValue, "message_id": messageID, "error": "\(error)"])
            throw error
        }
        try await tx.sentMessages.record(SentMessage(messageID: messageID, eventId: eventId, kind: T.kind,
                                                     accepted: receipt.accepted, refused: receipt.refused, at: clock.now()))
        if !receipt.accepted.isEmpty { statistics.record(.sent, T.kind) }
        if !receipt.refused.isEmpty {
            statistics.record(.failed, T.kind)
            logger.error("message refused for good", ["kind": T.kind.rawValue, "message_id": messageID,
                                                      "refused": receipt.refused.joined(separator: ", "),
                                                      "reason": receipt.refusal ?? ""])
        }
    }

    /// The customer's address and name, or nil (logged) for a user Users does not know.
    func customer(_ userId: UUID, for kind: MessageKind) async throws -> Recipient? {
        guard let recipient = try await customers.recipient(userId: userId) else {
            logger.warning("no such customer, message skipped", ["kind": kind.rawValue, "user_id": userId.uuidString.lowercased()])
            return nil
        }
        return recipient
    }

    /// The customer who placed the order, or nil (logged) when Orders does not know it.
    func customer(ofOrder orderId: UUID, for kind: MessageKind) async throws -> UUID? {
        guard let customerId = try await orders.customer(ofOrder: orderId) else {
            logger.warning("no such order, message skipped", ["kind": kind.rawValue, "order_id": orderId.uuidString.lowercased()])
            return nil
        }
        return customerId
    }

    /// The order as its customer sees it, or nil (logged) when Orders does not know it.
    func order(_ orderId: UUID, of customerId: UUID, for kind: MessageKind) async throws -> OrderSummary? {
        guard let order = try await orders.order(id: orderId, customerId: customerId) else {
            logger.warning("no such order, message skipped", ["kind": kind.rawValue, "order_id": orderId.uuidString.lowercased()])
            return nil
        }
        return order
    }
}
