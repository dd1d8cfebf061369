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
    /// First code given to names outside the table.
    static let firstExtraCode = UInt16(names.count)

    static func name(of code: UInt16) -> String? { Int(code) < names.count ? names[Int(code)] : nil }

    private static func known(_ name: String) -> HTMLTag {
        guard let code = codes[name] else { preconditionFailure("\(name) is not in HTMLTag.names") }
        return HTMLTag(code: code)
    }

    public static let text = known("#text"), document = known("#document"), html = known("html"),
        head = known("head"), body = known("body"), title = known("title"), meta = known("meta"),
        link = known("link"), script = known("script"), style = known("style"), noscript = known("noscript"),
        template = known("template"), svg = known("svg"), math = known("math"), div = known("div"),
        span = known("span"), p = known("p"), a = known("a"), br = known("br"), hr = known("hr"), img = known("img"),
        picture = known("picture"), figure = known("figure"), figcaption = known("figcaption"),
        article = known("article"), main = known("main"), section = known("section"), header = known("header"),
        footer = known("footer"), nav = known("nav"), aside = known("aside"), h1 = known("h1"), h2 = known("h2"),
        h3 = known("h3"), h4 = known("h4"), h5 = known("h5"), h6 = known("h6"), ul = known("ul"), ol = known("ol"),
        li = known("li"), dl = known("dl"), dt = known("dt"), dd = known("dd"), table = known("table"),
        tr = known("tr"), td = known("td"), th = known("th"), caption = known("caption"),
        blockquote = known("blockquote"), pre = known("pre"), code = known("code"), time = known("time"),
        address = known("address"), form = known("form"), input = known("input"), button = known("button"),
        select = known("select"), option = known("option"), textarea = known("textarea"), label = known("label"),
        fieldset = known("fieldset"), iframe = known("iframe"), object = known("object"), embed = known("embed"),
        video = known("video"), audio = known("audio"), canvas = known("canvas"), details = known("details"),
        summary = known("summary"), dialog = known("dialog"), menu = known("menu"), center = known("center"),
        font = known("font"), frame = known("frame"), frameset = known("frameset"), applet = known("applet"),
        hgroup = known("hgroup"), thead = known("thead"), tbody = known("tbody"), tfoot = known("tfoot"),
        cite = known("cite"), q = known("q"), em = known("em"), strong = known("strong"), b = known("b"),
        i = known("i"), small = known("small"), sub = known("sub"), sup = known("sup"), abbr = known("abbr"),
        area = known("area"), map = known("map"), wbr = known("wbr"), source = known("source"),
        track = known("track"), param = known("param"), col = known("col"), colgroup = known("colgroup"),
        legend = known("legend"), output = known("output"), progress = known("progress"), meter = known("meter"),
        marquee = known("marquee"), image = known("image")

    /// Headings h1–h6.
    public var isHeading: Bool { code >= HTMLTag.h1.code && code <= HTMLTag.h6.code }
}
