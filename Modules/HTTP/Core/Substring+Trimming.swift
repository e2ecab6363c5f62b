/// Trimming of optional whitespace (spaces and tabs) around header parameters and list items.
extension Substring {
    func trimmedOfSpacesAndTabs() -> Substring {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}
