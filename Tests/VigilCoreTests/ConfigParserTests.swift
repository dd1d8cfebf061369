import Testing

@testable import VigilCore

@Suite struct ConfigParserTests {
    @Test func defaultsWhenEmptyAndPathsResolveAgainstConfigFolder() throws {
        let (config, problems) = ConfigParser.parse(yaml: "# nothing\n", file: "/etc/vigil/vigil.yaml")
        #expect(problems.isEmpty)
        let c = try #require(config)
        #expect(c.stateDir == "/etc/vigil/state")
        #expect(c.feedsDir == "/etc/vigil/feeds.d")
        #expect(c.poll == PollSettings())
    }

    @Test func parsesEverySetting() throws {
        let yaml = """
            state_dir: ../state
            log_dir: /var/log/vigil
            feeds_dir: feeds.d
            inbox_dir: ../inbox
            log_level: debug
            allow_private_networks: true
            poll:
              interval: 20m
              jitter: 90s
              connect_timeout: 5s
              timeout: 1m
              max_body_bytes: 2MB
              max_concurrent: 8
              max_per_host: 1
              user_agent: "Test/1.0"
              backoff_initial: 30s
              backoff_max: 2h
              max_articles_per_poll: 5
            """
        let (config, problems) = ConfigParser.parse(yaml: yaml, file: "/srv/app/config/vigil.yaml")
        #expect(problems.isEmpty, "\(problems)")
        let c = try #require(config)
        #expect(c.stateDir == "/srv/app/state")
        #expect(c.logDir == "/var/log/vigil")
        #expect(c.inboxDir == "/srv/app/inbox")
        #expect(c.logLevel == "debug")
        #expect(c.allowPrivateNetworks)
        #expect(c.poll.interval == 1200)
        #expect(c.poll.jitter == 90)
        #expect(c.poll.connectTimeout == 5)
        #expect(c.poll.timeout == 60)
        #expect(c.poll.maxBodyBytes == 2 * 1024 * 1024)
        #expect(c.poll.maxConcurrent == 8)
        #expect(c.poll.maxPerHost == 1)
        #expect(c.poll.userAgent == "Test/1.0")
        #expect(c.poll.backoffInitial == 30)
        #expect(c.poll.backoffMax == 7200)
        #expect(c.poll.maxArticlesPerPoll == 5)
    }

    @Test func reportsEveryProblemWithItsLine() {
        let yaml = """
            state_dir: state
            stat_dir: typo
            log_level: loud
            poll:
              interval: soon
              max_concurrent: 0
              max_body_bytes: lots
              colour: blue
            """
        let (config, problems) = ConfigParser.parse(yaml: yaml, file: "vigil.yaml")
        #expect(config == nil)
        let rendered = problems.map(\.description)
        #expect(
            rendered.contains("vigil.yaml:2: unknown key 'stat_dir' in the config file (did you mean 'state_dir'?)"))
        #expect(rendered.contains { $0.hasPrefix("vigil.yaml:3: 'log_level' must be one of") })
        #expect(rendered.contains { $0.hasPrefix("vigil.yaml:5: 'interval': bad duration 'soon'") })
        #expect(rendered.contains { $0.hasPrefix("vigil.yaml:6: 'max_concurrent' must be between 1 and 1000") })
        #expect(rendered.contains { $0.hasPrefix("vigil.yaml:7: 'max_body_bytes': bad size 'lots'") })
        #expect(rendered.contains { $0.hasPrefix("vigil.yaml:8: unknown key 'colour' in 'poll'") })
        #expect(problems.count == 6)
    }

    @Test func crossFieldChecks() {
        let yaml = "poll:\n  max_concurrent: 2\n  max_per_host: 4\n  backoff_initial: 2h\n  backoff_max: 1h\n"
        let (_, problems) = ConfigParser.parse(yaml: yaml, file: "v.yaml")
        #expect(problems.map(\.description).contains("v.yaml:3: 'max_per_host' must not exceed 'max_concurrent'"))
        #expect(problems.map(\.description).contains("v.yaml:4: 'backoff_initial' must not exceed 'backoff_max'"))
    }

    @Test func syntaxErrorHasLine() {
        let (config, problems) = ConfigParser.parse(yaml: "poll:\n  interval: 5m\n   jitter: [\n", file: "v.yaml")
        #expect(config == nil)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("YAML syntax error") == true)
        #expect((problems.first?.location.line ?? 0) >= 2)
    }

    @Test func notAMapping() {
        let (config, problems) = ConfigParser.parse(yaml: "- a\n- b\n", file: "v.yaml")
        #expect(config == nil)
        #expect(problems.map(\.description) == ["v.yaml:1: the config file must be a mapping of keys to values"])
    }

    @Test func surgeSettingsHaveTheIssueDefaultsAndAreChecked() {
        let (defaults, none) = ConfigParser.parse(yaml: "# nothing\n", file: "/etc/vigil/vigil.yaml")
        #expect(none.isEmpty)
        #expect(defaults?.surge.windowDays == 56)
        #expect(defaults?.surge.baselineDays == 364)
        #expect(defaults?.surge.alpha == 0.001)
        #expect(defaults?.surge.silencesFile == "/etc/vigil/silences.yaml")
        let yaml = """
            surge:
              window_days: 28
              alpha: 0.005
              by_event_type: yes
              silences_file: quiet.yaml
            """
        let (config, problems) = ConfigParser.parse(yaml: yaml, file: "/srv/vigil.yaml")
        #expect(problems.isEmpty)
        #expect(config?.surge.windowDays == 28)
        #expect(config?.surge.alpha == 0.005)
        #expect(config?.surge.byEventType == true)
        #expect(config?.surge.silencesFile == "/srv/quiet.yaml")
        let bad = """
            surge:
              alpha: lots
              window_days: 3
              baseline_days: 30
              windw: 1
            """
        let (_, badProblems) = ConfigParser.parse(yaml: bad, file: "v.yaml")
        let text = badProblems.map(\.description).joined(separator: "\n")
        #expect(text.contains("v.yaml:2:"), "\(text)")
        #expect(text.contains("'alpha' must be a number"), "\(text)")
        #expect(text.contains("'window_days' must be between 7 and 365"), "\(text)")
        #expect(text.contains("windw"), "\(text)")
    }
}
