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

    /// Traits of a tag code; codes outside the fixed table (custom elements) have none. A `switch` over
    /// constants (generated from `computedTable`, checked by TagTraitsTests) compiles to read-only data, so a
    /// lookup costs no lazy-initialisation check in hot loops.
    @inline(__always) static func of(_ code: UInt16) -> TagTraits {
        switch code {
        case 2: return TagTraits(rawValue: 0x1)  // html
        case 3: return TagTraits(rawValue: 0x40)  // head
        case 4: return TagTraits(rawValue: 0x1)  // body
        case 5: return TagTraits(rawValue: 0x40)  // title
        case 6: return TagTraits(rawValue: 0x40)  // meta
        case 7: return TagTraits(rawValue: 0x40)  // link
        case 8: return TagTraits(rawValue: 0x40)  // base
        case 9: return TagTraits(rawValue: 0x48)  // script
        case 10: return TagTraits(rawValue: 0x40)  // style
        case 11: return TagTraits(rawValue: 0x48)  // noscript
        case 12: return TagTraits(rawValue: 0x40)  // template
        case 13: return TagTraits(rawValue: 0x40)  // svg
        case 14: return TagTraits(rawValue: 0x48)  // math
        case 15: return TagTraits(rawValue: 0x2205)  // div
        case 16: return TagTraits(rawValue: 0x208)  // span
        case 17: return TagTraits(rawValue: 0x225)  // p
        case 18: return TagTraits(rawValue: 0x10)  // a
        case 19: return TagTraits(rawValue: 0x8)  // br
        case 20: return TagTraits(rawValue: 0x1)  // hr
        case 21: return TagTraits(rawValue: 0x824c)  // img
        case 22: return TagTraits(rawValue: 0x8040)  // picture
        case 23: return TagTraits(rawValue: 0x40)  // source
        case 24: return TagTraits(rawValue: 0x1)  // figure
        case 25: return TagTraits(rawValue: 0x1)  // figcaption
        case 26: return TagTraits(rawValue: 0x1)  // article
        case 27: return TagTraits(rawValue: 0x1)  // main
        case 28: return TagTraits(rawValue: 0x21)  // section
        case 29: return TagTraits(rawValue: 0x1)  // header
        case 30: return TagTraits(rawValue: 0x801)  // footer
        case 31: return TagTraits(rawValue: 0x801)  // nav
        case 32: return TagTraits(rawValue: 0x801)  // aside
        case 33: return TagTraits(rawValue: 0x101)  // h1
        case 34: return TagTraits(rawValue: 0x121)  // h2
        case 35: return TagTraits(rawValue: 0x121)  // h3
        case 36: return TagTraits(rawValue: 0x121)  // h4
        case 37: return TagTraits(rawValue: 0x121)  // h5
        case 38: return TagTraits(rawValue: 0x121)  // h6
        case 39: return TagTraits(rawValue: 0x605)  // ul
        case 40: return TagTraits(rawValue: 0x605)  // ol
        case 41: return TagTraits(rawValue: 0x201)  // li
        case 42: return TagTraits(rawValue: 0x205)  // dl
        case 43: return TagTraits(rawValue: 0x1)  // dt
        case 44: return TagTraits(rawValue: 0x1)  // dd
        case 45: return TagTraits(rawValue: 0x205)  // table
        case 46: return TagTraits(rawValue: 0x4001)  // thead
        case 47: return TagTraits(rawValue: 0x1)  // tbody
        case 48: return TagTraits(rawValue: 0x4001)  // tfoot
        case 49: return TagTraits(rawValue: 0x1)  // tr
        case 50: return TagTraits(rawValue: 0x222)  // td
        case 51: return TagTraits(rawValue: 0x4002)  // th
        case 52: return TagTraits(rawValue: 0x1)  // caption
        case 53: return TagTraits(rawValue: 0x205)  // blockquote
        case 54: return TagTraits(rawValue: 0x1225)  // pre
        case 55: return TagTraits(rawValue: 0x8)  // code
        case 56: return TagTraits(rawValue: 0x8)  // em
        case 57: return TagTraits(rawValue: 0x8)  // strong
        case 58: return TagTraits(rawValue: 0x8)  // b
        case 59: return TagTraits(rawValue: 0x8)  // i
        case 62: return TagTraits(rawValue: 0x8)  // small
        case 63: return TagTraits(rawValue: 0x8)  // sub
        case 64: return TagTraits(rawValue: 0x8)  // sup
        case 65: return TagTraits(rawValue: 0x8)  // mark
        case 66: return TagTraits(rawValue: 0x8)  // abbr
        case 67: return TagTraits(rawValue: 0x8)  // cite
        case 68: return TagTraits(rawValue: 0x8)  // q
        case 69: return TagTraits(rawValue: 0x8)  // time
        case 70: return TagTraits(rawValue: 0x1)  // address
        case 71: return TagTraits(rawValue: 0x1)  // form
        case 72: return TagTraits(rawValue: 0x8048)  // input
        case 73: return TagTraits(rawValue: 0x48)  // button
        case 74: return TagTraits(rawValue: 0x48)  // select
        case 75: return TagTraits(rawValue: 0x40)  // option
        case 76: return TagTraits(rawValue: 0x48)  // textarea
        case 77: return TagTraits(rawValue: 0x8)  // label
        case 78: return TagTraits(rawValue: 0x1)  // fieldset
        case 79: return TagTraits(rawValue: 0x1)  // legend
        case 80: return TagTraits(rawValue: 0x80c0)  // iframe
        case 81: return TagTraits(rawValue: 0x80c8)  // object
        case 82: return TagTraits(rawValue: 0x80c8)  // embed
        case 83: return TagTraits(rawValue: 0x8040)  // video
        case 84: return TagTraits(rawValue: 0x8048)  // audio
        case 85: return TagTraits(rawValue: 0x8040)  // canvas
        case 86: return TagTraits(rawValue: 0x40)  // map
        case 87: return TagTraits(rawValue: 0x40)  // area
        case 88: return TagTraits(rawValue: 0x1)  // details
        case 89: return TagTraits(rawValue: 0x1)  // summary
        case 90: return TagTraits(rawValue: 0x1)  // dialog
        case 91: return TagTraits(rawValue: 0x1)  // menu
        case 92: return TagTraits(rawValue: 0x1)  // center
        case 93: return TagTraits(rawValue: 0x8)  // font
        case 94: return TagTraits(rawValue: 0x10)  // ins
        case 95: return TagTraits(rawValue: 0x10)  // del
        case 96: return TagTraits(rawValue: 0x8)  // wbr
        case 97: return TagTraits(rawValue: 0x8)  // var
        case 98: return TagTraits(rawValue: 0x8)  // kbd
        case 99: return TagTraits(rawValue: 0x8)  // samp
        case 101: return TagTraits(rawValue: 0x8)  // bdo
        case 102: return TagTraits(rawValue: 0x40)  // frame
        case 103: return TagTraits(rawValue: 0x40)  // frameset
        case 104: return TagTraits(rawValue: 0x40)  // applet
        case 105: return TagTraits(rawValue: 0x40)  // param
        case 106: return TagTraits(rawValue: 0x40)  // track
        case 107: return TagTraits(rawValue: 0x4000)  // colgroup
        case 108: return TagTraits(rawValue: 0x4000)  // col
        case 113: return TagTraits(rawValue: 0x8)  // output
        case 114: return TagTraits(rawValue: 0x48)  // progress
        case 115: return TagTraits(rawValue: 0x48)  // meter
        case 116: return TagTraits(rawValue: 0x8)  // data
        case 117: return TagTraits(rawValue: 0x8)  // ruby
        case 120: return TagTraits(rawValue: 0x1)  // hgroup
        default: return []
        }
    }

    /// The traits table built from the lists below: the source of truth for `of`.
    static let computedTable: [TagTraits] = {
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
