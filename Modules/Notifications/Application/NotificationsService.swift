public import EventBus
public import Kernel
public import Logging
public import NotificationsContracts

/// The Notifications context: it reacts to other contexts' events by writing to people. Each reaction renders one
/// message and hands it to the transport from inside the event's delivery, recording its Message-ID in the same
/// transaction as the inbox row (ADR 19).
public final class NotificationsService: NotificationsFacade {
    let store: any UnitOfWork<NotificationsRepositories>
    let transport: any MailTransport
    let customers: any CustomerDirectory
    let orders: any OrderBook
    let settings: NotificationSettings
    let clock: Clock
    let logger: Logger
    let statistics = MailStatistics()

    public init(store: any UnitOfWork<NotificationsRepositories>, transport: any MailTransport, customers: any CustomerDirectory,
                orders: any OrderBook, settings: NotificationSettings, clock: Clock = .system, logger: Logger) {
        self.store = store
        self.transport = transport
        self.customers = customers
        self.orders = orders
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    public var mailCounts: [MailCountDTO] { statistics.all }
}
