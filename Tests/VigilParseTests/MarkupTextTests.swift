import Testing
import VigilParse

@Suite struct MarkupTextTests {
    @Test func plainStringIsOnlyTrimmed() {
        #expect(MarkupText.plainText(fromMarkup: "  Flood   warning \n") == "Flood   warning")
    }

    @Test func decodesEntities() {
        #expect(
            MarkupText.plainText(fromMarkup: "AT&amp;T &lt;b&gt; caf&eacute; &#8217; &#x2014;")
                == "AT&T <b> café ’ —")
    }

    @Test func dropsScriptStyleAndNoscript() {
        let markup =
            "<p>Before<script>alert('x')</script><style>p{color:red}</style><noscript>no js</noscript> after</p>"
        #expect(MarkupText.plainText(fromMarkup: markup) == "Before after")
    }

    @Test func separatesParagraphsWithBlankLines() {
        let markup = "<h1>Title</h1><p>First   paragraph\n spans\tlines.</p><div>Second</div>"
        #expect(MarkupText.plainText(fromMarkup: markup) == "Title\n\nFirst paragraph spans lines.\n\nSecond")
    }

    @Test func turnsBreaksAndListItemsIntoLines() {
        let markup = "line one<br>line two<br/>line three<ul><li>alpha</li><li>beta</li></ul>tail"
        #expect(MarkupText.plainText(fromMarkup: markup) == "line one\nline two\nline three\n\nalpha\nbeta\n\ntail")
    }

    @Test func keepsLeadingTextAndInlineElements() {
        #expect(
            MarkupText.plainText(fromMarkup: "Explosion in <b>Beirut</b> port, <a href=\"/x\">details</a>")
                == "Explosion in Beirut port, details")
    }

    @Test func recoversFromBrokenMarkup() {
        #expect(
            MarkupText.plainText(fromMarkup: "<p>unclosed <b>bold <i>italic</p> rest") == "unclosed bold italic\n\nrest"
        )
        #expect(MarkupText.plainText(fromMarkup: "1 < 2 & 3 > 2") == "1 < 2 & 3 > 2")
    }

    @Test func emptyMarkupGivesEmptyText() {
        #expect(MarkupText.plainText(fromMarkup: "<img src=\"a.png\"><script>x</script>") == "")
    }
}
