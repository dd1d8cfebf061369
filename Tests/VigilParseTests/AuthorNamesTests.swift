import Testing

@testable import VigilParse

@Suite struct AuthorNamesTests {
    @Test(
        arguments: [
            ("By Jane Doe", nil, ["Jane Doe"]),
            ("BY JANE DOE AND JOHN ROE", nil, ["JANE DOE", "JOHN ROE"]),
            ("Written by: Sam Lee", nil, ["Sam Lee"]),
            ("Von Max Muster und Erika Beispiel", "de", ["Max Muster", "Erika Beispiel"]),
            ("Par Sébastien Farcis", "fr", ["Sébastien Farcis"]),
            ("Por Ana García y Luis Pérez", "es", ["Ana García", "Luis Pérez"]),
            ("di Giulia Rossi e Marco Bianchi", "it", ["Giulia Rossi", "Marco Bianchi"]),
            ("Luana Patriolino, Raphael Felice", "pt", ["Luana Patriolino", "Raphael Felice"]),
            ("By Nathan Willis March 25, 2015", "en", ["Nathan Willis"]),
            ("Jacobo Betancur Peláez | Publicado hace 3 horas", "es", ["Jacobo Betancur Peláez"]),
            ("erstellt von Dominique — veröffentlicht 28.01.2022", "de", ["Dominique"]),
            ("Camila Méndez en Territorio", "es", ["Camila Méndez en Territorio"]),
            ("Mac & i", "de", ["Mac & i"]),
            ("Staff and wire reports", "en", ["Staff and wire reports"]),
            ("red, wien.ORF.at/Agenturen", "de", ["red, wien.ORF.at/Agenturen"]),
            ("Jose de la Cruz", "en", ["Jose de la Cruz"]),
            ("Von FOCUS-Online-Experte Robin Tschöpe", "de", ["Robin Tschöpe"]),
            ("Redacción Diario Pagina Siete", "es", ["Redacción Diario Pagina Siete"]),
            ("Redacción: Ana Ruiz", "es", ["Ana Ruiz"]),
            ("Last Updated: January 7, 2025", "en", []),
            ("Автор: Анна Воронцова", "ru", ["Анна Воронцова"]),
            ("Auteur : Marie Dupont", "fr", ["Marie Dupont"]),
            ("Autor: Jan Novák", "cs", ["Jan Novák"]),
            ("Yazar: Ayşe Yılmaz", "tr", ["Ayşe Yılmaz"]),
            ("作者：张伟", "zh", ["张伟"]),
            ("بقلم: أحمد خالد", "ar", ["أحمد خالد"]),
            ("", nil, []),
        ] as [(String, String?, [String])])
    func names(raw: String, language: String?, expected: [String]) {
        #expect(AuthorNames.names(in: raw, language: language) == expected)
    }

    @Test func joinDropsRepeats() {
        #expect(AuthorNames.join(["Jane Doe", "JANE DOE", "John Roe"]) == "Jane Doe; John Roe")
        #expect(AuthorNames.join([]) == nil)
    }

    @Test func plausibilityAndHandles() {
        #expect(AuthorNames.isPlausible("Jane Doe"))
        #expect(!AuthorNames.isPlausible("https://example.com/jane"))
        #expect(!AuthorNames.isPlausible("This is a whole sentence about the author of the piece"))
        #expect(AuthorNames.looksLikeHandle("christian.stadtfeld"))
        #expect(!AuthorNames.looksLikeHandle("Christian P. Stadtfeld"))
        #expect(AuthorNames.looksLikePersonName("Uriel Gadessaud"))
        #expect(!AuthorNames.looksLikePersonName("Write for LWN"))
    }
}
