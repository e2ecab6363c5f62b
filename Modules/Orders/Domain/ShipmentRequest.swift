import Kernel

/// What staff asked to ship, as sent: (SKU, quantity) pairs, a carrier and a tracking number. It is checked against
/// the order by `Order.ship`, after the order's status (the contract's order of checks).
public struct ShipmentRequest: Sendable, Equatable {
    public let lines: [Shipment.Line]
    public let carrier: String?
    public let trackingNumber: String?

    public static let carrierLength = 1...64
    public static let trackingNumberLength = 1...128

    public init(lines: [(sku: String, quantity: Int)], carrier: String?, trackingNumber: String?) {
        self.lines = lines.map { Shipment.Line(sku: $0.sku, quantity: $0.quantity) }
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }

    /// Everything of `order` that is still to ship, as one shipment without carrier (`PATCH …/status` `shipped`).
    public static func remaining(of order: Order) -> ShipmentRequest {
        ShipmentRequest(lines: order.lines.filter { $0.unshippedQuantity > 0 }.map { ($0.sku, $0.unshippedQuantity) },
                        carrier: nil, trackingNumber: nil)
    }

    /// The lines with normalised SKUs and the trimmed carrier and tracking number, checked against `order`: 1…50
    /// lines, each a SKU of the order, once, quantity 1…(ordered − shipped); `422 validation_failed` naming each
    /// offending member.
    func checked(against order: Order) throws(DomainError) -> (lines: [Shipment.Line], carrier: String?, trackingNumber: String?) {
        var issues: [DomainError.FieldIssue] = []
        if !RequestedLines.lineCount.contains(lines.count) {
            issues.append(.init(field: "lines", message: "must have 1 to 50 lines"))
        }
        var seen: Set<String> = []
        var checked: [Shipment.Line] = []
        for (index, line) in lines.enumerated() {
            let sku = SKU.normalize(line.sku)
            guard let ordered = order.lines.first(where: { $0.sku == sku }) else {
                issues.append(.init(field: "lines[\(index)].sku", message: "\(RequestedLines.shown(sku)) is not a line of the order"))
                continue
            }
            if !seen.insert(sku).inserted {
                issues.append(.init(field: "lines[\(index)].sku", message: "\(sku) appears on an earlier line"))
            }
            if !(1...max(1, ordered.unshippedQuantity)).contains(line.quantity) || ordered.unshippedQuantity == 0 {
                issues.append(.init(field: "lines[\(index)].quantity",
                                    message: "must be between 1 and \(ordered.unshippedQuantity) (ordered \(ordered.quantity), shipped \(ordered.shippedQuantity))"))
            }
            checked.append(Shipment.Line(sku: sku, quantity: line.quantity))
        }
        let carrier = Self.optionalText(carrier, "carrier", Self.carrierLength, &issues)
        let trackingNumber = Self.optionalText(trackingNumber, "trackingNumber", Self.trackingNumberLength, &issues)
        guard issues.isEmpty else {
            throw DomainError(.validation, code: "validation_failed", message: "the shipment is invalid", fields: issues)
        }
        return (checked, carrier, trackingNumber)
    }

    static func optionalText(_ raw: String?, _ field: String, _ length: ClosedRange<Int>,
                             _ issues: inout [DomainError.FieldIssue]) -> String? {
        guard let raw else { return nil }
        let trimmed = raw.trimmingWhitespace()
        if !length.contains(trimmed.unicodeScalars.count) || trimmed.containsControlCharacters() {
            issues.append(.init(field: field, message: "must be \(length.lowerBound) to \(length.upperBound) characters"))
        }
        return trimmed
    }
}
