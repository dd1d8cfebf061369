/// What a word means to the figure stages (numbers, casualties, dates, roundups).
struct FigureWord: Sendable {
    /// Word classes; a word may be in several ("killed" is both an active and a stative kill verb).
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt32

        /// "one" … "ninety-nine" (`value`).
        static let numberWord = Flags(rawValue: 1 << 0)
        /// "hundred", "thousand", "million", "billion" (`value` is the power of ten).
        static let multiplier = Flags(rawValue: 1 << 1)
        /// "dozen".
        static let dozen = Flags(rawValue: 1 << 2)
        /// "dozens", "scores", "hundreds", "thousands": an order of magnitude (`value` is a rough figure).
        static let vagueAmount = Flags(rawValue: 1 << 3)
        /// Takes the dead as its object: "killed 12", "killing 12", "executed 13".
        static let killActive = Flags(rawValue: 1 << 4)
        /// Says its subject died: "12 were killed", "12 dead", "12 deaths".
        static let killStative = Flags(rawValue: 1 << 5)
        /// Takes the wounded as its object: "wounding 31".
        static let woundActive = Flags(rawValue: 1 << 6)
        /// Says its subject was hurt: "31 wounded", "were injured".
        static let woundStative = Flags(rawValue: 1 << 7)
        /// Between a subject and its casualty verb: "were", "had been", "also", "found", "now".
        static let auxiliary = Flags(rawValue: 1 << 8)
        /// Attackers, counted apart from victims.
        static let perpetrator = Flags(rawValue: 1 << 9)
        /// A singular person noun: "a policeman was killed" counts one.
        static let victim = Flags(rawValue: 1 << 10)
        /// Starts another clause: a subject is not looked for beyond it.
        static let clauseBreak = Flags(rawValue: 1 << 11)
        /// Ends a noun phrase: prepositions, conjunctions, statuses ("missing", "arrested").
        static let phraseBreak = Flags(rawValue: 1 << 12)
        /// January … December (`value` 1–12).
        static let month = Flags(rawValue: 1 << 13)
        /// Sunday … Saturday (`value` 0–6).
        static let weekday = Flags(rawValue: 1 << 14)
        /// What a roundup counts: "attacks", "strikes", "incidents".
        static let attackNoun = Flags(rawValue: 1 << 15)
        /// A verb of saying or announcing: a date next to it is when something was said.
        static let reporting = Flags(rawValue: 1 << 16)
        /// A figure that was superseded: "previous", "initially".
        static let stale = Flags(rawValue: 1 << 17)
        /// A figure that supersedes: "rose", "raised", "now".
        static let revision = Flags(rawValue: 1 << 18)
        /// A word that can start a date or period expression ("yesterday", "last", "this", "so", "between").
        static let temporal = Flags(rawValue: 1 << 19)
        /// "years", "days", "hours": what a number of them measures is time, not people.
        static let timeUnit = Flags(rawValue: 1 << 20)
    }

    var flags: Flags
    var value: Int32

    /// Whether the word has any of `flags`.
    @inline(__always) func has(_ flags: Flags) -> Bool { !self.flags.isDisjoint(with: flags) }
}

/// The word lists of the figure stages, compiled once.
enum FigureLexicon {
    /// Every word the figure stages classify.
    static let table: WordTable<FigureWord> = {
        var pairs: [(String, FigureWord)] = []
        func add(_ words: [String], _ flags: FigureWord.Flags, value: Int32 = 0) {
            for word in words { pairs.append((word, FigureWord(flags: flags, value: value))) }
        }
        let units = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ]
        for (value, word) in units.enumerated() { add([word], .numberWord, value: Int32(value)) }
        let tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        for (index, word) in tens.enumerated() {
            let value = Int32(20 + 10 * index)
            add([word], .numberWord, value: value)
            for unit in 1...9 { add(["\(word)-\(units[unit])"], .numberWord, value: value + Int32(unit)) }
        }
        add(["hundred"], .multiplier, value: 2)
        add(["thousand"], .multiplier, value: 3)
        add(["million"], .multiplier, value: 6)
        add(["billion"], .multiplier, value: 9)
        add(["dozen"], .dozen, value: 12)
        add(["dozens"], .vagueAmount, value: 24)
        add(["scores"], .vagueAmount, value: 40)
        add(["hundreds"], .vagueAmount, value: 200)
        add(["thousands"], .vagueAmount, value: 2000)
        add(["millions"], .vagueAmount, value: 2_000_000)
        add(["tens"], .vagueAmount, value: 20)

        add(
            [
                "kill", "kills", "killing", "execute", "executes", "executing", "massacring", "murdering",
                "slaughtering", "assassinate", "assassinating", "behead", "beheading",
            ], .killActive)
        add(
            ["killed", "executed", "massacred", "murdered", "slaughtered", "assassinated", "beheaded"],
            [.killActive, .killStative])
        add(["dead", "died", "die", "dies", "perished", "slain", "deaths", "fatalities"], .killStative)
        add(["wounding", "injuring", "wound", "wounds", "injure", "injures", "maiming"], .woundActive)
        add(["wounded", "injured", "maimed"], [.woundActive, .woundStative])
        add(["hurt", "hospitalised", "hospitalized"], .woundStative)

        add(
            [
                "were", "was", "are", "is", "been", "be", "being", "have", "has", "had", "also", "reportedly",
                "later", "all", "both", "now", "found", "confirmed", "believed", "feared", "presumed", "thought",
                "to", "shot", "since", "then", "subsequently", "allegedly", "reported", "officially",
                "seriously", "critically", "slightly", "badly", "severely", "lightly", "still", "already",
                "initially", "first", "apparently", "probably", "likely", "may", "might", "could", "feared",
            ], .auxiliary)
        add(
            [
                "attacker", "attackers", "gunman", "gunmen", "militant", "militants", "bomber", "bombers", "assailant",
                "assailants", "fighter", "fighters", "insurgent", "insurgents", "rebel", "rebels", "jihadist",
                "jihadists", "jihadis", "terrorist", "terrorists", "hijacker", "hijackers", "kidnapper", "kidnappers",
                "suspect", "suspects", "shooter", "shooters", "extremist", "extremists", "perpetrator", "perpetrators",
                "raiders", "himself", "themselves", "herself", "mujahideen", "bandits", "gunmen's",
            ], .perpetrator)
        add(
            [
                "person", "civilian", "soldier", "policeman", "policewoman", "officer", "trooper", "student", "child",
                "boy", "girl", "man", "woman", "worker", "contractor", "member", "guard", "journalist", "reporter",
                "teacher", "doctor", "nurse", "farmer", "villager", "passenger", "tourist", "pilgrim", "worshipper",
                "resident", "employee", "official", "commander", "cadet", "recruit", "marine", "sailor", "medic",
                "driver", "guest", "citizen", "national", "shopper", "teenager", "baby", "infant", "priest", "imam",
                "judge", "lawmaker", "politician", "mp", "diplomat", "ambassador", "mayor", "governor", "chief",
                "leader", "elder", "cleric", "bystander", "pedestrian", "girl", "servicemember", "serviceman",
                "airman", "ranger", "constable", "sergeant", "captain", "colonel", "general", "lieutenant", "major",
                "staffer", "volunteer", "engineer", "labourer", "laborer", "security", "monk", "nun",
                "pastor", "activist", "militiaman", "spectator", "fan", "customer", "patient", "pupil", "passer-by",
                "passerby", "hostage", "captive", "mother", "father", "son", "daughter", "wife", "husband",
            ], .victim)
        add(
            [
                "said", "says", "say", "told", "that", "which", "when", "after", "while", "where", "who", "whom",
                "whose", "but", "because", "before", "although", "though", "if", "whereas", "saying", "according",
                "adding", "added",
            ], .clauseBreak)
        add(
            [
                "and", "or", "in", "at", "on", "by", "from", "with", "during", "near", "inside", "outside", "as",
                "for", "including", "among", "into", "across", "of", "than", "missing", "abducted", "kidnapped",
                "arrested", "detained", "captured", "displaced", "rescued", "freed", "released", "evacuated",
                "unaccounted", "taken", "held", "trapped", "injuries", "casualties", "a", "an", "the", "killed",
            ], .phraseBreak)
        let months = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        for (index, month) in months.enumerated() { add([month], .month, value: Int32(index + 1)) }
        let short = ["jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        for (index, month) in short.enumerated() where !month.isEmpty {
            add([month], .month, value: Int32(index + 1))
        }
        add(["sept"], .month, value: 9)
        let days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        for (index, day) in days.enumerated() { add([day], .weekday, value: Int32(index)) }
        add(
            [
                "attacks", "attack", "strikes", "incidents", "operations", "assaults", "bombings", "raids", "ambushes",
                "explosions", "shootings", "kidnappings", "abductions", "blasts", "killings", "massacres",
                "assassinations", "hijackings", "incursions", "ambush", "bombing", "raid", "incident", "strike",
            ], .attackNoun)
        add(
            [
                "said", "says", "told", "announced", "reported", "added", "claimed", "confirmed", "raised", "lowered",
                "stated", "warned", "declared", "revealed", "published", "released", "denied", "condemned",
                "promised", "vowed", "admitted", "acknowledged", "insisted", "explained", "tweeted", "wrote",
                "cut", "revised", "put", "named", "identified", "blamed", "accused", "quoted",
            ], .reporting)
        add(["previous", "previously", "earlier", "initial", "initially", "original", "originally"], .stale)
        add(
            [
                "now", "risen", "rose", "rises", "rise", "climbed", "climbs", "raised", "raises", "increased",
                "reached", "reaches", "revised", "lowered", "lowers", "cut", "cuts", "jumped", "updated", "stood",
                "stands",
            ], .revision)
        add(
            [
                "yesterday", "today", "tonight", "last", "this", "earlier", "so", "between", "from", "since", "during",
                "the", "in", "overnight", "easter", "christmas", "new", "first", "same", "whole", "past",
            ], .temporal)
        add(
            [
                "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
                "decade", "decades", "km", "kg", "miles", "metres", "meters", "kilometres", "kilometers", "percent",
            ], .timeUnit)
        return WordTable(pairs) { FigureWord(flags: $0.flags.union($1.flags), value: max($0.value, $1.value)) }
    }()

    /// The entry for a token, if the figure stages know the word.
    @inline(__always) static func word(_ document: TextDocument, _ index: Int) -> FigureWord? {
        guard index >= 0, index < document.tokens.count else { return nil }
        let token = document.tokens[index]
        guard token.kind == .word else { return nil }
        return table[token.folded]
    }
}

/// Hashes of single words the patterns test one by one.
enum Word {
    static let a = TextDocument.hash("a")
    static let an = TextDocument.hash("an")
    static let the = TextDocument.hash("the")
    static let and = TextDocument.hash("and")
    static let or = TextDocument.hash("or")
    static let of = TextDocument.hash("of")
    static let to = TextDocument.hash("to")
    static let at = TextDocument.hash("at")
    static let `in` = TextDocument.hash("in")
    static let on = TextDocument.hash("on")
    static let by = TextDocument.hash("by")
    static let from = TextDocument.hash("from")
    static let least = TextDocument.hash("least")
    static let most = TextDocument.hash("most")
    static let more = TextDocument.hash("more")
    static let than = TextDocument.hash("than")
    static let over = TextDocument.hash("over")
    static let up = TextDocument.hash("up")
    static let down = TextDocument.hash("down")
    static let `as` = TextDocument.hash("as")
    static let many = TextDocument.hash("many")
    static let nearly = TextDocument.hash("nearly")
    static let almost = TextDocument.hash("almost")
    static let about = TextDocument.hash("about")
    static let around = TextDocument.hash("around")
    static let some = TextDocument.hash("some")
    static let roughly = TextDocument.hash("roughly")
    static let approximately = TextDocument.hash("approximately")
    static let estimated = TextDocument.hash("estimated")
    static let fewer = TextDocument.hash("fewer")
    static let less = TextDocument.hash("less")
    static let upwards = TextDocument.hash("upwards")
    static let close = TextDocument.hash("close")
    static let under = TextDocument.hash("under")
    static let just = TextDocument.hash("just")
    static let no = TextDocument.hash("no")
    static let between = TextDocument.hash("between")
    static let half = TextDocument.hash("half")
    static let one = TextDocument.hash("one")
    static let them = TextDocument.hash("them")
    static let whom = TextDocument.hash("whom")
    static let those = TextDocument.hash("those")
    static let including = TextDocument.hash("including")
    static let among = TextDocument.hash("among")
    static let total = TextDocument.hash("total")
    static let its = TextDocument.hash("its")
    static let their = TextDocument.hash("their")
    static let our = TextDocument.hash("our")
    static let we = TextDocument.hash("we")
    static let claimed = TextDocument.hash("claimed")
    static let claims = TextDocument.hash("claims")
    static let claiming = TextDocument.hash("claiming")
    static let have = TextDocument.hash("have")
    static let toll = TextDocument.hash("toll")
    static let number = TextDocument.hash("number")
    static let count = TextDocument.hash("count")
    static let death = TextDocument.hash("death")
    static let deaths = TextDocument.hash("deaths")
    static let dead = TextDocument.hash("dead")
    static let wounded = TextDocument.hash("wounded")
    static let injured = TextDocument.hash("injured")
    static let injuries = TextDocument.hash("injuries")
    static let injury = TextDocument.hash("injury")
    static let casualties = TextDocument.hash("casualties")
    static let casualty = TextDocument.hash("casualty")
    static let fatalities = TextDocument.hash("fatalities")
    static let victims = TextDocument.hash("victims")
    static let people = TextDocument.hash("people")
    static let killed = TextDocument.hash("killed")
    static let killing = TextDocument.hash("killing")
    static let killings = TextDocument.hash("killings")
    static let hurt = TextDocument.hash("hurt")
    static let harmed = TextDocument.hash("harmed")
    static let lives = TextDocument.hash("lives")
    static let life = TextDocument.hash("life")
    static let lost = TextDocument.hash("lost")
    static let nobody = TextDocument.hash("nobody")
    static let none = TextDocument.hash("none")
    static let noOne = TextDocument.hash("no-one")
    static let shot = TextDocument.hash("shot")
    static let gunned = TextDocument.hash("gunned")
    static let stabbed = TextDocument.hash("stabbed")
    static let beaten = TextDocument.hash("beaten")
    static let hacked = TextDocument.hash("hacked")
    static let burned = TextDocument.hash("burned")
    static let burnt = TextDocument.hash("burnt")
    static let crushed = TextDocument.hash("crushed")
    static let hospital = TextDocument.hash("hospital")
    static let hospitals = TextDocument.hash("hospitals")
    static let taken = TextDocument.hash("taken")
    static let admitted = TextDocument.hash("admitted")
    static let rushed = TextDocument.hash("rushed")
    static let brought = TextDocument.hash("brought")
    static let treated = TextDocument.hash("treated")
    static let was = TextDocument.hash("was")
    static let were = TextDocument.hash("were")
    static let been = TextDocument.hash("been")
    static let being = TextDocument.hash("being")
    static let `is` = TextDocument.hash("is")
    static let are = TextDocument.hash("are")
    static let be = TextDocument.hash("be")
    static let get = TextDocument.hash("get")
    static let got = TextDocument.hash("got")
    static let has = TextDocument.hash("has")
    static let had = TextDocument.hash("had")
    static let also = TextDocument.hash("also")
    static let first = TextDocument.hash("first")
    static let unofficial = TextDocument.hash("unofficial")
    static let local = TextDocument.hash("local")
    static let sources = TextDocument.hash("sources")
    static let residents = TextDocument.hash("residents")
    static let witnesses = TextDocument.hash("witnesses")
    static let activists = TextDocument.hash("activists")
    static let real = TextDocument.hash("real")
    static let put = TextDocument.hash("put")
    static let figure = TextDocument.hash("figure")
    static let since = TextDocument.hash("since")
    static let last = TextDocument.hash("last")
    static let year = TextDocument.hash("year")
    static let years = TextDocument.hash("years")
    static let ago = TextDocument.hash("ago")
    static let percent = TextDocument.hash("percent")
    static let per = TextDocument.hash("per")
    static let cent = TextDocument.hash("cent")
    static let pm = TextDocument.hash("pm")
    static let am = TextDocument.hash("am")
    static let p = TextDocument.hash("p")
    static let m = TextDocument.hash("m")
    static let all = TextDocument.hash("all")
    static let several = TextDocument.hash("several")
    static let numerous = TextDocument.hash("numerous")
    static let scores = TextDocument.hash("scores")
    static let others = TextDocument.hash("others")
    static let mass = TextDocument.hash("mass")
    static let prayers = TextDocument.hash("prayers")
    static let with = TextDocument.hash("with")
}

/// Hashes of punctuation tokens.
enum Mark {
    static let comma = TextDocument.hash(",")
    static let period = TextDocument.hash(".")
    static let semicolon = TextDocument.hash(";")
    static let colon = TextDocument.hash(":")
    static let openParen = TextDocument.hash("(")
    static let closeParen = TextDocument.hash(")")
    static let percent = TextDocument.hash("%")
    static let dollar = TextDocument.hash("$")
    static let pound = TextDocument.hash("£")
    static let euro = TextDocument.hash("€")
    static let hyphen = TextDocument.hash("-")
    static let apostrophe = TextDocument.hash("'")
    static let slash = TextDocument.hash("/")
}
