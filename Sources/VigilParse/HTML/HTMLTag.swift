/// An HTML element name as a small code, so that the tree stores two bytes per node and matching is an integer
/// compare. Common names have fixed codes; other names get codes per tree.
public struct HTMLTag: Hashable, Sendable {
    public let code: UInt16

    init(code: UInt16) { self.code = code }

    static let names: [String] = [
        "#text", "#document", "html", "head", "body", "title", "meta", "link", "base", "script", "style", "noscript",
        "template", "svg", "math", "div", "span", "p", "a", "br", "hr", "img", "picture", "source", "figure",
        "figcaption", "article", "main", "section", "header", "footer", "nav", "aside", "h1", "h2", "h3", "h4", "h5",
        "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "small", "sub", "sup", "mark", "abbr",
        "cite", "q", "time", "address", "form", "input", "button", "select", "option", "textarea", "label",
        "fieldset", "legend", "iframe", "object", "embed", "video", "audio", "canvas", "map", "area", "details",
        "summary", "dialog", "menu", "center", "font", "ins", "del", "wbr", "var", "kbd", "samp", "bdi", "bdo",
        "frame", "frameset", "applet", "param", "track", "colgroup", "col", "big", "tt", "strike", "nobr",
        "output", "progress", "meter", "data", "ruby", "rt", "rp", "hgroup", "marquee", "blink", "image",
    ]
    static let codes: [String: UInt16] = {
        var codes: [String: UInt16] = [:]
        for (index, name) in names.enumerated() { codes[name] = UInt16(index) }
        return codes
    }()
    /// The same table, looked up by bytes (no `String` per element while parsing).
    static let byteTable = ByteNameTable(names.enumerated().map { ($0.element, UInt16($0.offset)) })
    /// First code given to names outside the table (`names.count`, checked by HTMLTagTests).
    static let firstExtraCode: UInt16 = 124

    static func name(of code: UInt16) -> String? { Int(code) < names.count ? names[Int(code)] : nil }

    // Codes are indexes into `names` (checked by HTMLTagTests); literal so that reading one costs no lazy
    // initialisation check in hot loops.
    public static let text = HTMLTag(code: 0)  // #text
    public static let document = HTMLTag(code: 1)  // #document
    public static let html = HTMLTag(code: 2)  // html
    public static let head = HTMLTag(code: 3)  // head
    public static let body = HTMLTag(code: 4)  // body
    public static let title = HTMLTag(code: 5)  // title
    public static let meta = HTMLTag(code: 6)  // meta
    public static let link = HTMLTag(code: 7)  // link
    public static let script = HTMLTag(code: 9)  // script
    public static let style = HTMLTag(code: 10)  // style
    public static let noscript = HTMLTag(code: 11)  // noscript
    public static let template = HTMLTag(code: 12)  // template
    public static let svg = HTMLTag(code: 13)  // svg
    public static let math = HTMLTag(code: 14)  // math
    public static let div = HTMLTag(code: 15)  // div
    public static let span = HTMLTag(code: 16)  // span
    public static let p = HTMLTag(code: 17)  // p
    public static let a = HTMLTag(code: 18)  // a
    public static let br = HTMLTag(code: 19)  // br
    public static let hr = HTMLTag(code: 20)  // hr
    public static let img = HTMLTag(code: 21)  // img
    public static let picture = HTMLTag(code: 22)  // picture
    public static let figure = HTMLTag(code: 24)  // figure
    public static let figcaption = HTMLTag(code: 25)  // figcaption
    public static let article = HTMLTag(code: 26)  // article
    public static let main = HTMLTag(code: 27)  // main
    public static let section = HTMLTag(code: 28)  // section
    public static let header = HTMLTag(code: 29)  // header
    public static let footer = HTMLTag(code: 30)  // footer
    public static let nav = HTMLTag(code: 31)  // nav
    public static let aside = HTMLTag(code: 32)  // aside
    public static let h1 = HTMLTag(code: 33)  // h1
    public static let h2 = HTMLTag(code: 34)  // h2
    public static let h3 = HTMLTag(code: 35)  // h3
    public static let h4 = HTMLTag(code: 36)  // h4
    public static let h5 = HTMLTag(code: 37)  // h5
    public static let h6 = HTMLTag(code: 38)  // h6
    public static let ul = HTMLTag(code: 39)  // ul
    public static let ol = HTMLTag(code: 40)  // ol
    public static let li = HTMLTag(code: 41)  // li
    public static let dl = HTMLTag(code: 42)  // dl
    public static let dt = HTMLTag(code: 43)  // dt
    public static let dd = HTMLTag(code: 44)  // dd
    public static let table = HTMLTag(code: 45)  // table
    public static let tr = HTMLTag(code: 49)  // tr
    public static let td = HTMLTag(code: 50)  // td
    public static let th = HTMLTag(code: 51)  // th
    public static let caption = HTMLTag(code: 52)  // caption
    public static let blockquote = HTMLTag(code: 53)  // blockquote
    public static let pre = HTMLTag(code: 54)  // pre
    public static let code = HTMLTag(code: 55)  // code
    public static let time = HTMLTag(code: 69)  // time
    public static let address = HTMLTag(code: 70)  // address
    public static let form = HTMLTag(code: 71)  // form
    public static let input = HTMLTag(code: 72)  // input
    public static let button = HTMLTag(code: 73)  // button
    public static let select = HTMLTag(code: 74)  // select
    public static let option = HTMLTag(code: 75)  // option
    public static let textarea = HTMLTag(code: 76)  // textarea
    public static let label = HTMLTag(code: 77)  // label
    public static let fieldset = HTMLTag(code: 78)  // fieldset
    public static let iframe = HTMLTag(code: 80)  // iframe
    public static let object = HTMLTag(code: 81)  // object
    public static let embed = HTMLTag(code: 82)  // embed
    public static let video = HTMLTag(code: 83)  // video
    public static let audio = HTMLTag(code: 84)  // audio
    public static let canvas = HTMLTag(code: 85)  // canvas
    public static let details = HTMLTag(code: 88)  // details
    public static let summary = HTMLTag(code: 89)  // summary
    public static let dialog = HTMLTag(code: 90)  // dialog
    public static let menu = HTMLTag(code: 91)  // menu
    public static let center = HTMLTag(code: 92)  // center
    public static let font = HTMLTag(code: 93)  // font
    public static let frame = HTMLTag(code: 102)  // frame
    public static let frameset = HTMLTag(code: 103)  // frameset
    public static let applet = HTMLTag(code: 104)  // applet
    public static let hgroup = HTMLTag(code: 120)  // hgroup
    public static let thead = HTMLTag(code: 46)  // thead
    public static let tbody = HTMLTag(code: 47)  // tbody
    public static let tfoot = HTMLTag(code: 48)  // tfoot
    public static let cite = HTMLTag(code: 67)  // cite
    public static let q = HTMLTag(code: 68)  // q
    public static let em = HTMLTag(code: 56)  // em
    public static let strong = HTMLTag(code: 57)  // strong
    public static let b = HTMLTag(code: 58)  // b
    public static let i = HTMLTag(code: 59)  // i
    public static let small = HTMLTag(code: 62)  // small
    public static let sub = HTMLTag(code: 63)  // sub
    public static let sup = HTMLTag(code: 64)  // sup
    public static let abbr = HTMLTag(code: 66)  // abbr
    public static let area = HTMLTag(code: 87)  // area
    public static let map = HTMLTag(code: 86)  // map
    public static let wbr = HTMLTag(code: 96)  // wbr
    public static let source = HTMLTag(code: 23)  // source
    public static let track = HTMLTag(code: 106)  // track
    public static let param = HTMLTag(code: 105)  // param
    public static let col = HTMLTag(code: 108)  // col
    public static let colgroup = HTMLTag(code: 107)  // colgroup
    public static let legend = HTMLTag(code: 79)  // legend
    public static let output = HTMLTag(code: 113)  // output
    public static let progress = HTMLTag(code: 114)  // progress
    public static let meter = HTMLTag(code: 115)  // meter
    public static let marquee = HTMLTag(code: 121)  // marquee
    public static let image = HTMLTag(code: 123)  // image

    /// Headings h1–h6.
    public var isHeading: Bool { code >= HTMLTag.h1.code && code <= HTMLTag.h6.code }
}
