/// Every message Wharf sends, named as on `/metrics` and in `notifications.sent_messages`. A new message is a new
/// case here and one template file.
public enum MessageKind: String, Sendable, Hashable, CaseIterable {
    case welcome
    case orderReceived = "order_received"
    case paymentReceived = "payment_received"
    case orderDelayed = "order_delayed"
    case newDeliveryDate = "new_delivery_date"
    case orderCancelled = "order_cancelled"
    case refund
    case outOfStock = "out_of_stock"
}
