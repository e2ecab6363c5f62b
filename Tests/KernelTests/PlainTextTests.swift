import Kernel
import Testing

struct PlainTextTests {
    /// The ASCII shortcuts must agree with Unicode's own definitions for every scalar there is.
    @Test func theShortcutsAgreeWithUnicodeForEveryScalar() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let isControl = scalar.properties.generalCategory == .control
            if text.containsControlCharacters() != isControl { disagreements.append(value) }
            let isWhitespace = scalar.properties.isWhitespace
            if (("a" + text + "b").trimmingWhitespace() != "a" + text + "b") || ((text + "x").trimmingWhitespace() == "x") != isWhitespace {
                disagreements.append(value)
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { String($0, radix: 16) })")
    }

    @Test func trimmingAndControlCharacters() {
        #expect(" \t\n Red Chair\u{3000}\u{85}".trimmingWhitespace() == "Red Chair")
        #expect("Red Chair".trimmingWhitespace() == "Red Chair")
        #expect(" \n\t ".trimmingWhitespace() == "")
        #expect("a\u{0}b".containsControlCharacters())
        #expect("a\u{9F}b".containsControlCharacters())
        #expect(!"a\u{A0}b\u{2028}".containsControlCharacters())
        #expect("line\none".containsControlCharacters())
        #expect(!"line\r\none\ttab".containsControlCharacters(allowingLineBreaks: true))
        #expect("bell\u{7}".containsControlCharacters(allowingLineBreaks: true))
    }
}
