public import NotificationsDomain

/// What the context is told by configuration.
public struct NotificationSettings: Sendable {
    /// `SHOP_NAME`: how messages name the shop.
    public var shopName: String
    /// The domain Message-IDs end with (the sender address's).
    public var messageIDDomain: String
    /// `STOCK_ALERT_EMAILS`: who is told that a SKU ran out (nobody when empty).
    public var stockAlertRecipients: [Recipient]

    public init(shopName: String, messageIDDomain: String, stockAlertRecipients: [Recipient]) {
        self.shopName = shopName
        self.messageIDDomain = messageIDDomain
        self.stockAlertRecipients = stockAlertRecipients
    }
}
