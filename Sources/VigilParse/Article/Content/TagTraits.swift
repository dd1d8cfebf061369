/// What the main-text extractor needs to know about an element name, looked up by tag code in one table so that
/// every per-node test is an array read and a bit test.
struct TagTraits: OptionSet, Sendable {
    let rawValue: UInt32

    /// Ends a paragraph in the output (the block elements of the reference `html_to_text`).
    static let block = TagTraits(rawValue: 1 << 0)
    /// A table cell: its text is set apart by spaces.
    static let cell = TagTraits(rawValue: 1 << 1)
    /// A `div` holding one of these is a container, not a paragraph (Readability's `DIV_TO_P_ELEMS`).
    static let divToP = TagTraits(rawValue: 1 << 2)
    /// Phrasing content: runs of it inside a container form a paragraph.
    static let phrasing = TagTraits(rawValue: 1 << 3)
    /// Phrasing when everything inside is phrasing (`a`, `del`, `ins`).
    static let phrasingIfContent = TagTraits(rawValue: 1 << 4)
    /// Scored as a paragraph (`p`, `td`, `pre`, `section`, `h2`–`h6`).
    static let scored = TagTraits(rawValue: 1 << 5)
    /// Never holds text a reader sees (head, media, form controls, embedded documents).
    static let dropped = TagTraits(rawValue: 1 << 6)
    /// Embedded content (`object`, `embed`, `iframe`).
    static let embed = TagTraits(rawValue: 1 << 7)
    /// `h1`–`h6`.
    static let heading = TagTraits(rawValue: 1 << 8)
    /// Counts as "text-ish" in the text density of a block (span, li, td and the `divToP` set).
    static let textish = TagTraits(rawValue: 1 << 9)
    /// `ul`, `ol`.
    static let list = TagTraits(rawValue: 1 << 10)
    /// Page chrome removed wherever it is: `nav`, `aside`, `footer`.
    static let chrome = TagTraits(rawValue: 1 << 11)
    /// Whitespace is kept (`pre`).
    static let preformatted = TagTraits(rawValue: 1 << 12)
    /// Containers that may turn into paragraphs or hold runs of phrasing content (`div`).
    static let divLike = TagTraits(rawValue: 1 << 13)
    /// Tags from table structure that mark a data table (`col`, `colgroup`, `tfoot`, `thead`, `th`).
    static let dataTableMark = TagTraits(rawValue: 1 << 14)
    /// Media and controls counted by the cleaning rules (images, embeds, inputs) though they hold no text.
    static let media = TagTraits(rawValue: 1 << 15)

    /// Traits of a tag code; codes outside the fixed table (custom elements) have none.
    @inline(__always) static func of(_ code: UInt16) -> TagTraits {
        Int(code) < table.count ? table[Int(code)] : []
    }

    private static let table: [TagTraits] = {
        var table = [TagTraits](repeating: [], count: Int(HTMLTag.firstExtraCode))
        func add(_ names: [String], _ traits: TagTraits) {
            for name in names {
                guard let code = HTMLTag.codes[name] else { preconditionFailure("\(name) is not in HTMLTag.names") }
                table[Int(code)].insert(traits)
            }
        }
        add(
            [
                "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl",
                "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
                "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section",
                "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "center", "menu",
            ], .block)
        add(["td", "th"], .cell)
        add(["blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"], .divToP)
        add(
            [
                "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "em", "embed", "i", "img",
                "input", "kbd", "label", "mark", "math", "meter", "noscript", "object", "output", "progress", "q",
                "ruby", "samp", "script", "select", "small", "span", "strong", "sub", "sup", "textarea", "time",
                "var", "wbr", "font",
            ], .phrasing)
        add(["a", "del", "ins"], .phrasingIfContent)
        add(["section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre"], .scored)
        add(
            [
                "head", "title", "meta", "link", "base", "script", "style", "noscript", "template", "svg", "math",
                "iframe", "object", "embed", "video", "audio", "canvas", "map", "area", "select", "option",
                "textarea", "input", "button", "applet", "frame", "frameset", "param", "source", "track", "img",
                "picture", "progress", "meter",
            ], .dropped)
        add(["object", "embed", "iframe"], .embed)
        add(["h1", "h2", "h3", "h4", "h5", "h6"], .heading)
        add(["span", "li", "td", "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul"], .textish)
        add(["ul", "ol"], .list)
        add(["nav", "aside", "footer"], .chrome)
        add(["pre"], .preformatted)
        add(["div"], .divLike)
        add(["col", "colgroup", "tfoot", "thead", "th"], .dataTableMark)
        add(["img", "picture", "video", "audio", "iframe", "object", "embed", "input", "canvas"], .media)
        return table
    }()
}
