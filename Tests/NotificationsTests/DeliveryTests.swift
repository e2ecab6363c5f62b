import AllocationContracts
import EventBus
import Foundation
import Kernel
import Logging
import NotificationsApplication
import NotificationsContracts
import NotificationsDomain
import TestSupport
import Testing
import UsersContracts

/// The use cases over an in-memory store and a fake transport: once per event, a transient failure thrown for
/// the bus to retry, a permanent refusal counted and not retried.
@Suite("Notifications: delivering a message once")
struct DeliveryTests {
    struct Failing: Error {}

    final class FakeTransport: MailTransport {
        let sent = Locked<[OutgoingMail]>([])
        let answer = Locked<Result<MailReceipt?, Failing>>(.success(nil))
        func send(_ mail: OutgoingMail) async throws -> MailReceipt {
            let answer = self.answer.snapshot
            guard case .success(let receipt) = answer else { throw Failing() }
            sent.with { $0.append(mail) }
            return receipt ?? MailReceipt(accepted: mail.recipients.map(\.email))
        }
    }

    struct Customers: CustomerDirectory {
        func recipient(userId: UUID) async throws -> Recipient? { Recipient(email: "ann@example.com", name: "Ann") }
    }

    struct NoOrders: OrderBook {
        func order(id: UUID, customerId: UUID) async throws -> OrderSummary? { nil }
        func customer(ofOrder id: UUID) async throws -> UUID? { nil }
    }

    struct SentMessages: SentMessageRepository {
        let scope: InMemoryScope<[String: SentMessage]>
        func contains(messageID: String) async throws -> Bool { scope.state.snapshot[messageID] != nil }
        func record(_ message: SentMessage) async throws { scope.state.with { $0[message.messageID] = $0[message.messageID] ?? message } }
        func purge(sentBefore cutoff: Date, batchSize: Int) async throws -> Int {
            scope.state.with { table in
                let old = table.filter { $0.value.at < cutoff }.map(\.key)
                for key in old { table[key] = nil }
                return old.count
            }
        }
    }

    let transport = FakeTransport()
    let store = InMemoryUnitOfWork<[String: SentMessage], NotificationsRepositories>([:]) {
        NotificationsRepositories(sentMessages: SentMessages(scope: $0))
    }

    func service(alerts: [Recipient] = []) -> NotificationsService {
        NotificationsService(store: store, transport: transport, customers: Customers(), orders: NoOrders(),
                             settings: NotificationSettings(shopName: "Shop", messageIDDomain: "shop.example", stockAlertRecipients: alerts),
                             logger: Logger(label: "test", sink: { _ in }))
    }

    func welcome(_ service: NotificationsService, eventId: UUID) async throws {
        try await store.transaction { tx in
            try await service.userRegistered(UserRegistered(userId: UUID(), email: "ann@example.com", roles: ["customer"]), eventId: eventId, in: tx)
        }
    }

    @Test func aMessageIsSentAndRecordedOncePerEvent() async throws {
        let service = service()
        let event = UUID()
        try await welcome(service, eventId: event)
        try await welcome(service, eventId: event)
        let sent = transport.sent.snapshot
        #expect(sent.count == 1 && sent.first?.subject == "Welcome to Shop" && sent.first?.recipients.map(\.email) == ["ann@example.com"])
        #expect(store.state.snapshot.keys.sorted() == [try #require(sent.first?.messageID)])
        #expect(sent.first?.messageID == MessageID.derive(eventId: event, recipients: [Recipient(email: "ann@example.com")], domain: "shop.example"))
        #expect(service.mailCounts.first { $0.kind == "welcome" }.map { ($0.sent, $0.failed, $0.retried) } ?? (0, 0, 0) == (1, 0, 0))
    }

    @Test func aTransientFailureThrowsForTheBusToRetryAndRecordsNothing() async throws {
        let service = service()
        let event = UUID()
        transport.answer.replace(.failure(Failing()))
        await #expect(throws: Failing.self) { try await welcome(service, eventId: event) }
        #expect(store.state.snapshot.isEmpty && transport.sent.snapshot.isEmpty)
        transport.answer.replace(.success(nil))
        try await welcome(service, eventId: event)
        #expect(transport.sent.snapshot.count == 1)
        let counts = try #require(service.mailCounts.first { $0.kind == "welcome" })
        #expect(counts.sent == 1 && counts.retried == 1 && counts.failed == 0)
    }

    @Test func aPermanentRefusalIsCountedAndRecordedNotThrown() async throws {
        let service = service()
        transport.answer.replace(.success(MailReceipt(accepted: [], refused: ["ann@example.com"], refusal: "550 no such user")))
        try await welcome(service, eventId: UUID())
        let counts = try #require(service.mailCounts.first { $0.kind == "welcome" })
        #expect(counts.sent == 0 && counts.failed == 1 && counts.retried == 0)
        #expect(store.state.snapshot.values.map(\.refused) == [["ann@example.com"]])
    }

    @Test func stockAlertsGoAsOneMessageToEveryStockManagerOrNowhere() async throws {
        let event = OutOfStock(sku: "CHAIR", orderId: UUID(), quantity: 2, orderWasAllocated: false)
        let nobody = service()
        try await store.transaction { tx in try await nobody.outOfStock(event, eventId: UUID(), in: tx) }
        #expect(transport.sent.snapshot.isEmpty)
        let managers = service(alerts: [Recipient(email: "a@example.com"), Recipient(email: "b@example.com")])
        try await store.transaction { tx in try await managers.outOfStock(event, eventId: UUID(), in: tx) }
        #expect(transport.sent.snapshot.map { $0.recipients.map(\.email) } == [["a@example.com", "b@example.com"]])
        #expect(transport.sent.snapshot.first?.subject == "Out of stock: CHAIR")
    }

    @Test func oldRecordsArePurged() async throws {
        let service = service()
        try await welcome(service, eventId: UUID())
        #expect(try await service.purgeOldSentMessages() == 0)
        store.state.with { table in for key in table.keys { table[key]?.at = Date(timeIntervalSinceNow: -31 * 24 * 3600) } }
        #expect(try await service.purgeOldSentMessages() == 1)
        #expect(store.state.snapshot.isEmpty)
    }
}
