/// Writes the text of chosen subtrees as plain text: every block element ends a paragraph (paragraphs are separated
/// by a blank line), `<br>` ends a line, table cells are separated by spaces, whitespace is collapsed outside
/// `<pre>`, soft hyphens are dropped, and every other character is kept as the page has it. Paragraphs whose hash
/// is in `knownBoilerplate` are left out.
struct ParagraphWriter {
    /// UTF-8 text written so far.
    private(set) var output: [UInt8] = []
    /// Paragraphs written (after boilerplate was dropped).
    private(set) var paragraphCount = 0
    private let knownBoilerplate: Set<UInt64>
    /// 0: nothing pending, 1: a line break, 2: a paragraph break.
    private var pendingBreak = 2
    private var pendingSpace = false
    /// Where the current paragraph's text starts in `output`, or -1 when no paragraph is open.
    private var paragraphStart = -1
    private var preformatted = 0

    /// A writer that leaves out paragraphs whose hash is in `knownBoilerplate`.
    init(knownBoilerplate: Set<UInt64> = []) {
        self.knownBoilerplate = knownBoilerplate
    }

    /// The text, trimmed.
    mutating func finish() -> String {
        endParagraph()
        return String(decoding: output, as: UTF8.self)
    }

    /// Writes the subtree of `root`, skipping nodes for which `removed` is true (and their subtrees).
    mutating func write(_ tree: HTMLTree, root: HTMLTree.NodeID, removed: [Bool]) {
        let nodes = tree.nodes
        let textCode = HTMLTag.text.code
        tree.text.withUnsafeBufferPointer { text in
            var node = root
            outer: while true {
                var descend = false
                let current = nodes[Int(node)]
                if !removed[Int(node)] {
                    if current.tag == textCode {
                        writeText(text, from: Int(current.start), count: Int(current.count))
                    } else {
                        open(current.tag)
                        if current.firstChild >= 0 {
                            descend = true
                        } else {
                            close(current.tag)
                        }
                    }
                }
                if descend {
                    node = current.firstChild
                    continue
                }
                while true {
                    if node == root { break outer }
                    let sibling = nodes[Int(node)].nextSibling
                    if sibling >= 0 {
                        node = sibling
                        break
                    }
                    node = nodes[Int(node)].parent
                    close(nodes[Int(node)].tag)
                }
            }
        }
    }

    /// Writes plain text as one paragraph per blank-line-separated block (used for JSON-LD `articleBody`).
    mutating func writePlain(_ string: String) {
        let bytes = Array(string.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var first = true
            var blankSeen = false
            for line in buffer.split(separator: 0x0A, omittingEmptySubsequences: false) {
                let lineBuffer = UnsafeBufferPointer(rebasing: line)
                if Self.isBlank(lineBuffer) {
                    blankSeen = true
                    continue
                }
                if !first {
                    if blankSeen { paragraphBreak() } else { lineBreak() }
                }
                writeText(lineBuffer, from: 0, count: lineBuffer.count)
                first = false
                blankSeen = false
            }
        }
    }

    /// Whether a line is only ASCII whitespace.
    private static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { PageFacts.isSpace($0) }
    }

    /// Breaks before a block, a `br` or a cell.
    private mutating func open(_ tag: UInt16) {
        let traits = TagTraits.of(tag)
        if traits.contains(.block) {
            paragraphBreak()
            if traits.contains(.preformatted) { preformatted += 1 }
        } else if tag == HTMLTag.br.code {
            lineBreak()
        } else if traits.contains(.cell) {
            pendingSpace = true
        }
    }

    /// Breaks after a block or a cell.
    private mutating func close(_ tag: UInt16) {
        let traits = TagTraits.of(tag)
        if traits.contains(.block) {
            paragraphBreak()
            if traits.contains(.preformatted), preformatted > 0 { preformatted -= 1 }
        } else if traits.contains(.cell) {
            pendingSpace = true
        }
    }

    /// Ends the paragraph.
    private mutating func paragraphBreak() {
        endParagraph()
        pendingBreak = 2
        pendingSpace = false
    }

    /// Ends the line.
    private mutating func lineBreak() {
        if pendingBreak < 1 { pendingBreak = 1 }
        pendingSpace = false
    }

    /// Closes the open paragraph, dropping it when it is known boilerplate.
    private mutating func endParagraph() {
        guard paragraphStart >= 0 else { return }
        if !knownBoilerplate.isEmpty,
            knownBoilerplate.contains(Self.hash(output[paragraphStart...]))
        {
            output.removeSubrange(max(0, paragraphStart - 2)...)
        } else {
            paragraphCount += 1
        }
        paragraphStart = -1
    }

    /// Emits what is pending before visible text.
    @inline(__always) private mutating func flushPending() {
        if paragraphStart < 0 {
            if !output.isEmpty { output.append(contentsOf: [0x0A, 0x0A]) }
            paragraphStart = output.count
        } else if pendingBreak >= 1 {
            output.append(0x0A)
        } else if pendingSpace {
            output.append(0x20)
        }
        pendingBreak = 0
        pendingSpace = false
    }

    /// Writes a text node: whitespace collapsed (kept in `pre`), soft hyphens dropped.
    private mutating func writeText(_ text: UnsafeBufferPointer<UInt8>, from start: Int, count: Int) {
        var i = start
        let end = start + count
        if preformatted > 0 {
            while i < end {
                let byte = text[i]
                if byte == 0x0A {
                    lineBreak()
                } else if byte == 0x0D {
                    // dropped: the line break is the \n
                } else if byte == 0xC2, i + 1 < end, text[i + 1] == 0xAD {
                    i += 1
                } else {
                    if paragraphStart < 0 || pendingBreak > 0 || pendingSpace { flushPending() }
                    output.append(byte)
                }
                i += 1
            }
            return
        }
        while i < end {
            let byte = text[i]
            if PageFacts.isSpace(byte) {
                pendingSpace = true
                i += 1
                continue
            }
            if byte == 0xC2, i + 1 < end {
                let next = text[i + 1]
                if next == 0xA0 {
                    pendingSpace = true
                    i += 2
                    continue
                }
                if next == 0xAD {
                    i += 2
                    continue
                }
            }
            // A run of visible bytes up to the next white space or special sequence; a single space between
            // visible bytes is copied with them (it is what collapsing would write).
            var j = i + 1
            while j < end {
                let b = text[j]
                if b == 0x20, j + 1 < end {
                    let c = text[j + 1]
                    if !PageFacts.isSpace(c), c != 0xC2 {
                        j += 2
                        continue
                    }
                }
                if PageFacts.isSpace(b) || b == 0xC2 { break }
                j += 1
            }
            if paragraphStart < 0 || pendingBreak > 0 || pendingSpace { flushPending() }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<j]))
            i = j
        }
    }

    /// Paragraph hash: whitespace collapsed and trimmed, ASCII letters lower-cased, FNV-1a.
    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var pendingSpace = false
        var started = false
        for byte in bytes {
            if PageFacts.isSpace(byte) {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                h ^= 0x20
                h = h &* 0x100_0000_01b3
                pendingSpace = false
            }
            started = true
            h ^= UInt64(HintMatcher.lower(byte))
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
