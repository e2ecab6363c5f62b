/// A piece of a message's content, which `MessageLayout` turns into both the plain-text and the HTML part. Templates
/// say what to tell in blocks; they never write markup, so the two parts cannot disagree and every value is escaped
/// in one place.
public enum MessageBlock: Sendable, Equatable {
    /// "Hello Ann," (or "Hello," without a name).
    case greeting(String?)
    /// A paragraph of text.
    case paragraph(String)
    /// Label and value pairs: "Order: 0190…", "Total: 12.50 EUR".
    case facts([Fact])
    /// An order's lines.
    case items([Item])

    /// One label and its value.
    public struct Fact: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// One line of an order: the SKU, how many, the unit price, and when it is expected to ship if known.
    public struct Item: Sendable, Equatable {
        /// When a line is expected to ship, as a message tells it.
        public enum Shipping: Sendable, Equatable {
            /// On `YYYY-MM-DD`.
            case on(String)
            /// Said to be not known yet ("to be confirmed"), where the message promises to tell every line's date.
            case toBeConfirmed
        }

        public var sku: String
        public var quantity: Int
        public var unitPrice: String?
        /// When it ships; nil tells nothing about it.
        public var shipping: Shipping?
        public init(sku: String, quantity: Int, unitPrice: String? = nil, expectedShipDate: String? = nil) {
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.shipping = expectedShipDate.map(Shipping.on)
        }

        /// `YYYY-MM-DD`, when known.
        public var expectedShipDate: String? {
            if case .on(let date) = shipping { date } else { nil }
        }

        /// This line with an unknown date told as "to be confirmed".
        public var withShippingToBeConfirmed: Item {
            var item = self
            if item.shipping == nil { item.shipping = .toBeConfirmed }
            return item
        }
    }
}
