/// Renders coding paths the way the API reports fields: `lines[0].sku`.
enum CodingPathText {
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key as? IndexKey {
                text += "[\(index.index)]"
            } else {
                text = appending(key: key.stringValue, to: text)
            }
        }
        return text
    }

    static func appending(key: String, to path: String) -> String {
        path.isEmpty ? key : path + "." + key
    }
}
