import Foundation
import Testing

@testable import VigilParse

/// `HTMLInput`: the bytes handed to libxml2 after stripping.
@Suite struct HTMLInputTests {
    static func stripped(_ html: String) -> String {
        String(decoding: HTMLInput(Data(html.utf8), contentType: "text/html; charset=utf-8").bytes, as: UTF8.self)
    }

    @Test func dropsAttributesTheTreeDoesNotKeep() {
        #expect(
            Self.stripped(#"<div class="a" data-x="1" onclick="go()" id=b>t</div>"#) == #"<div class="a" id=b>t</div>"#)
        #expect(Self.stripped(#"<img SRC="a.jpg" srcset="a 1x, b 2x" ALT='x' class=c/>"#) == #"<img class=c/>"#)
        #expect(Self.stripped(#"<p data-a="1"data-b="2"class="c">t</p>"#) == #"<p class="c">t</p>"#)
        #expect(Self.stripped(#"<input disabled hidden>"#) == #"<input hidden>"#)
        #expect(
            Self.stripped(#"<meta property="og:title" content="A > B">"#)
                == #"<meta property="og:title" content="A > B">"#)
    }

    @Test func keepsOnlyTheValuesSomethingReads() {
        #expect(
            Self.stripped(#"<iframe src="https://v.example/1"></iframe>"#)
                == #"<iframe src="https://v.example/1"></iframe>"#)
        #expect(Self.stripped(#"<a href="https://x.example/news/1" class=k>t</a>"#) == #"<a class=k>t</a>"#)
        #expect(Self.stripped(##"<a href="#top">t</a>"##) == ##"<a href="#top">t</a>"##)
        #expect(Self.stripped(#"<a href="/author/jane-doe">J</a>"#) == #"<a href="/author/jane-doe">J</a>"#)
        #expect(
            Self.stripped(#"<link rel=canonical href="https://x.example/a">"#)
                == #"<link rel=canonical href="https://x.example/a">"#)
        #expect(Self.stripped(#"<div style="color: red">t</div>"#) == #"<div>t</div>"#)
        #expect(Self.stripped(#"<div style="DISPLAY: None">t</div>"#) == #"<div style="DISPLAY: None">t</div>"#)
        #expect(Self.stripped(#"<span title="t" type="x" data-testid="y">t</span>"#) == "<span>t</span>")
    }

    @Test func aSelfClosedSVGCutsNothing() {
        #expect(
            Self.stripped(#"<svg class=i/><p>kept</p><svg viewBox="0 0 1 1"><path d="M0"/></svg>"#)
                == "<svg class=i/><p>kept</p><svg></svg>")
    }

    @Test func aLinkKeepsItsHrefOnlyWhenCanonical() {
        #expect(Self.stripped(#"<link href="/a.css" rel=stylesheet>"#) == "<link rel=stylesheet>")
        #expect(
            Self.stripped(#"<link href="https://x.example/a" rel="Canonical">"#)
                == #"<link href="https://x.example/a" rel="Canonical">"#)
    }

    @Test func dropsWhiteSpaceBetweenBlocks() {
        #expect(
            Self.stripped("<ul>\n  <li><a>x</a> <b>y</b></li>\n  <li>z</li>\n</ul>\n<P>t</P> <span>u</span>")
                == "<ul><li><a>x</a> <b>y</b></li><li>z</li></ul><P>t</P> <span>u</span>")
        #expect(
            Self.stripped("<h2>a</h2>\n<script>x()</script>\n<div>b</div>") == "<h2>a</h2><script></script><div>b</div>"
        )
    }

    @Test func collapsesWhiteSpaceBetweenTagsOutsidePre() {
        #expect(Self.stripped("<b>\n    <i>a  b</i>   \n  </b>  <i>x</i>") == "<b>\n<i>a  b</i>\n</b> <i>x</i>")
        let pre = "<pre>\n  <b>x</b>\n    <b>y</b>\n</pre>"
        #expect(Self.stripped(pre + "  <i>z</i>") == pre + " <i>z</i>")
        #expect(Self.stripped(pre + "  <p>z</p>") == pre + "<p>z</p>")
    }

    @Test func leavesAloneWhatDoesNotParsePlainly() {
        let unterminated = #"<div data-x="1 class=a>text"#
        #expect(Self.stripped(unterminated) == unterminated)
        let broken = #"<div data-x="1" <p class="k">t</p>"#
        #expect(Self.stripped(broken).contains(#"<p class="k">t</p>"#))
        #expect(Self.stripped("a < b and c<d") == "a < b and c<d")
    }

    @Test func aLessThanInsideAValueIsNotATag() {
        let html = #"<div data-html="<script>alert(1)</script>" class="c">kept text</div>"#
        #expect(Self.stripped(html) == #"<div class="c">kept text</div>"#)
    }

    @Test func aCutUTF8CharacterIsDropped() {
        let bytes: [UInt8] = Array("abc é".utf8) + [0xE2, 0x82]
        bytes.withUnsafeBufferPointer { buffer in
            #expect(Array(HTMLInput.withoutIncompleteUTF8Tail(buffer)) == Array("abc é".utf8))
            let whole = UnsafeBufferPointer(rebasing: buffer[..<6])
            #expect(Array(HTMLInput.withoutIncompleteUTF8Tail(whole)) == Array("abc é".utf8))
        }
        var markup = Array("aé".utf8)
        HTMLInput.cut(&markup, at: 2)
        #expect(markup == Array("a".utf8))
    }

    @Test func scriptsAndCommentsAreCutJSONLDKept() {
        let html = #"<p>a</p><!-- note --><script type="application/ld+json">{"x": 1}</script><script>var a;</script>"#
        let input = HTMLInput(Data(html.utf8), contentType: nil)
        #expect(
            String(decoding: input.bytes, as: UTF8.self)
                == #"<p>a</p><script></script><script></script>"#)
        #expect(input.jsonLD == [#"{"x": 1}"#])
    }
}
