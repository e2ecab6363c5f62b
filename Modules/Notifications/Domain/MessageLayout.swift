/// Turns a template into a message: the subject, a plain-text part and an HTML part written from the same blocks,
/// each ending with the shop's signature. Every value reaches the HTML through `HTMLText.escape`.
public enum MessageLayout {
    public static func render<T: MessageTemplate>(_ template: T, to recipients: [Recipient], shop: String) -> RenderedMessage {
        let blocks = template.blocks(shop: shop)
        return RenderedMessage(kind: T.kind, recipients: recipients, subject: template.subject(shop: shop),
                               text: text(blocks, shop: shop), html: html(blocks, subject: template.subject(shop: shop), shop: shop))
    }

    static func text(_ blocks: [MessageBlock], shop: String) -> String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .greeting(let name): parts.append(name.map { "Hello \($0)," } ?? "Hello,")
            case .paragraph(let text): parts.append(text)
            case .facts(let facts): parts.append(facts.map { "\($0.label): \($0.value)" }.joined(separator: "\n"))
            case .items(let items): parts.append(items.map(itemLine).joined(separator: "\n"))
            }
        }
        parts.append("-- \n\(shop)")
        return parts.joined(separator: "\n\n") + "\n"
    }

    static func html(_ blocks: [MessageBlock], subject: String, shop: String) -> String {
        var body: [String] = []
        for block in blocks {
            switch block {
            case .greeting(let name): body.append("<p>" + HTMLText.escape(name.map { "Hello \($0)," } ?? "Hello,") + "</p>")
            case .paragraph(let text): body.append("<p>" + HTMLText.escape(text) + "</p>")
            case .facts(let facts):
                body.append("<table>" + facts.map {
                    "<tr><th align=\"left\">\(HTMLText.escape($0.label))</th><td>\(HTMLText.escape($0.value))</td></tr>"
                }.joined() + "</table>")
            case .items(let items):
                let header = "<tr><th align=\"left\">SKU</th><th align=\"right\">Quantity</th><th align=\"right\">Unit price</th>"
                    + "<th align=\"left\">Expected to ship</th></tr>"
                body.append("<table>" + header + items.map { item in
                    "<tr><td>\(HTMLText.escape(item.sku))</td><td align=\"right\">\(item.quantity)</td>"
                        + "<td align=\"right\">\(HTMLText.escape(item.unitPrice ?? ""))</td>"
                        + "<td>\(HTMLText.escape(shipping(item) ?? ""))</td></tr>"
                }.joined() + "</table>")
            }
        }
        body.append("<p>&mdash;<br>" + HTMLText.escape(shop) + "</p>")
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + HTMLText.escape(subject) + "</title></head>\n<body>\n"
            + body.joined(separator: "\n") + "\n</body></html>\n"
    }

    private static func itemLine(_ item: MessageBlock.Item) -> String {
        var line = "- \(item.quantity) x \(item.sku)"
        if let price = item.unitPrice { line += " at \(price)" }
        switch item.shipping {
        case .on(let date): line += ", expected to ship \(date)"
        case .toBeConfirmed: line += ", ship date to be confirmed"
        case nil: break
        }
        return line
    }

    /// The "Expected to ship" column: the date, "to be confirmed", or empty.
    private static func shipping(_ item: MessageBlock.Item) -> String? {
        switch item.shipping {
        case .on(let date): date
        case .toBeConfirmed: "to be confirmed"
        case nil: nil
        }
    }
}
