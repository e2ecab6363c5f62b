import AllocationContracts

public import Kernel
public import Logging
public import Mail
import NotificationsApplication
public import NotificationsContracts
import NotificationsDomain
public import Outbox
public import Postgres
public import OrdersContracts
import PaymentsContracts
public import UsersContracts

/// Builds the Notifications context for the composition root: its handlers of the other contexts' events, the
/// transport (SMTP, or the log) and its record of sent messages in PostgreSQL.
public enum NotificationsModule {
    /// Where messages go.
    public enum Transport: Sendable {
        /// One JSON line per message on logger `mail` (no `SMTP_URL`).
        case log
        /// An SMTP server.
        case smtp(SMTPClient.Settings)
    }

    /// The settings from configuration.
    public struct Settings: Sendable {
        public var transport: Transport
        /// `MAIL_FROM`.
        public var from: MailAddress
        /// `SHOP_NAME`.
        public var shopName: String
        /// `STOCK_ALERT_EMAILS`.
        public var stockAlertRecipients: [MailAddress]

        public init(transport: Transport, from: MailAddress, shopName: String, stockAlertRecipients: [MailAddress]) {
            self.transport = transport
            self.from = from
            self.shopName = shopName
            self.stockAlertRecipients = stockAlertRecipients
        }
    }

    /// The facade (mail counts) and the purge of old sent-message records. Subscribes its handlers on `bus` (as `notifications.<message>`), so call it once
    /// per bus, before events flow. Reads names and addresses through `users`, order lines through `orders`.
    public static func make(pool: PostgresPool, bus: DurableEventBus, users: any UsersFacade, orders: any OrdersFacade,
                            settings: Settings, clock: Clock = .system, logger: Logger) throws -> BoundedContext<any NotificationsFacade> {
        let transport: any MailTransport
        switch settings.transport {
        case .log: transport = LogMailTransport(logger: logger.named("mail"))
        case .smtp(let smtp): transport = SMTPMailTransport(client: try SMTPClient(settings: smtp), from: settings.from)
        }
        let store = PostgresUnitOfWork(pool: pool, bus: bus, repositories: NotificationsRepositories.init(on:))
        let service = NotificationsService(
            store: store, transport: transport, customers: UsersDirectory(users: users), orders: OrdersBook(orders: orders),
            settings: NotificationSettings(
                shopName: settings.shopName, messageIDDomain: settings.from.domain,
                stockAlertRecipients: settings.stockAlertRecipients.map { Recipient(email: $0.address, name: $0.displayName) }),
            clock: clock, logger: logger.named("notifications"))
        try bus.subscribe(UserRegistered.self, as: "notifications.welcome", in: store) { event, id, tx in
            try await service.userRegistered(event, eventId: id, in: tx)
        }
        try bus.subscribe(OrderAwaitingPayment.self, as: "notifications.order_received", in: store) { event, id, tx in
            try await service.orderAwaitingPayment(event, eventId: id, in: tx)
        }
        try bus.subscribe(OrderPaid.self, as: "notifications.payment_received", in: store) { event, id, tx in
            try await service.orderPaid(event, eventId: id, in: tx)
        }
        try bus.subscribe(OrderShipDateChanged.self, as: "notifications.new_delivery_date", in: store) { event, id, tx in
            try await service.orderShipDateChanged(event, eventId: id, in: tx)
        }
        try bus.subscribe(OrderBackordered.self, as: "notifications.order_delayed", in: store) { event, id, tx in
            try await service.orderBackordered(event, eventId: id, in: tx)
        }
        try bus.subscribe(OrderCancelled.self, as: "notifications.order_cancelled", in: store) { event, id, tx in
            try await service.orderCancelled(event, eventId: id, in: tx)
        }
        try bus.subscribe(PaymentRefunded.self, as: "notifications.refund", in: store) { event, id, tx in
            try await service.paymentRefunded(event, eventId: id, in: tx)
        }
        try bus.subscribe(OutOfStock.self, as: "notifications.out_of_stock", in: store) { event, id, tx in
            try await service.outOfStock(event, eventId: id, in: tx)
        }
        // A record matters only while its event could still be delivered again.
        let purge = BackgroundJob(name: "notifications.sent_message_purge", every: .seconds(600)) {
            try await service.purgeOldSentMessages()
        }
        return BoundedContext(facade: service, jobs: [purge])
    }
}
