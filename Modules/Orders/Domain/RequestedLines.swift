public import Kernel

/// The lines a customer asked for, checked before anything is priced: 1…50 lines, each quantity 1…1000, no SKU
/// twice. SKUs are normalised as the catalog does (trimmed, ASCII upper-cased), so `a-1` and ` A-1` are one SKU.
public struct RequestedLines: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let sku: String
        public let quantity: Int
    }

    public static let lineCount = 1...50
    public static let quantity = 1...1000

    public let lines: [Line]

    /// `raw` as (SKU, quantity) pairs in the request's order.
    public init(_ raw: [(sku: String, quantity: Int)]) throws(DomainError) {
        guard Self.lineCount.contains(raw.count) else {
            throw .validation(field: "lines", message: "must have 1 to 50 lines")
        }
        var issues: [DomainError.FieldIssue] = []
        var seen: Set<String> = []
        var duplicate: [DomainError.FieldIssue] = []
        var lines: [Line] = []
        for (index, line) in raw.enumerated() {
            let sku = SKU.normalize(line.sku)
            if !Self.quantity.contains(line.quantity) {
                issues.append(.init(field: "lines[\(index)].quantity", message: "must be between 1 and 1000"))
            }
            if !seen.insert(sku).inserted {
                duplicate.append(.init(field: "lines[\(index)].sku", message: "\(Self.shown(sku)) appears on an earlier line"))
            }
            lines.append(Line(sku: sku, quantity: line.quantity))
        }
        if !issues.isEmpty {
            throw DomainError(.validation, code: "validation_failed", message: "some lines are invalid", fields: issues)
        }
        if !duplicate.isEmpty {
            throw DomainError(.validation, code: "duplicate_line", message: "each SKU may appear on one line only",
                              fields: duplicate)
        }
        self.lines = lines
    }

    public var skus: [String] { lines.map(\.sku) }

    /// Prices every line from `catalog` (normalised SKU → unit price of an active product); `422 unknown_sku`
    /// naming each line whose SKU is not there.
    public func priced(by catalog: [String: Money]) throws(DomainError) -> [OrderLine] {
        var unknown: [DomainError.FieldIssue] = []
        var priced: [OrderLine] = []
        for (index, line) in lines.enumerated() {
            guard let price = catalog[line.sku] else {
                unknown.append(.init(field: "lines[\(index)].sku", message: "\(Self.shown(line.sku)) is not an active product"))
                continue
            }
            priced.append(OrderLine(sku: line.sku, quantity: line.quantity, unitPrice: price))
        }
        guard unknown.isEmpty else {
            throw DomainError(.validation, code: "unknown_sku", message: "some SKUs are not active products", fields: unknown)
        }
        return priced
    }

    /// A SKU as quoted back in an error: at most 64 characters, so a huge bogus SKU is not echoed whole.
    static func shown(_ sku: String) -> String { sku.count > 64 ? String(sku.prefix(64)) + "…" : sku }
}
