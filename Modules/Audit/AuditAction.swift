/// The actions the audit log records (the contract's "Who did it"), one constant each so that writers and the
/// `action` filter never drift apart.
public enum AuditAction {
    public static let userCreated = "user.created"
    public static let userUpdated = "user.updated"
    public static let productCreated = "product.created"
    public static let productUpdated = "product.updated"
    public static let productDiscontinued = "product.discontinued"
    public static let batchCreated = "batch.created"
    public static let batchUpdated = "batch.updated"
    public static let orderStatusChanged = "order.status_changed"
    public static let orderCancelled = "order.cancelled"
    public static let shipmentCreated = "shipment.created"
    public static let refundCreated = "refund.created"

    /// Every action, for validating the `action` filter.
    public static let all: Set<String> = [userCreated, userUpdated, productCreated, productUpdated, productDiscontinued,
                                          batchCreated, batchUpdated, orderStatusChanged, orderCancelled, shipmentCreated,
                                          refundCreated]
}
