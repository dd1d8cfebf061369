import Foundation
import Testing

@testable import VigilCore

@Suite struct PollPolicyTests {
    let policy = PollPolicy(interval: 900, jitter: 60, backoffInitial: 60, backoffMax: 3600)
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test func successSchedulesIntervalPlusJitter() {
        #expect(policy.nextPollAfterSuccess(now: now, random: 0) == now.addingTimeInterval(900))
        #expect(policy.nextPollAfterSuccess(now: now, random: 0.5) == now.addingTimeInterval(930))
    }

    @Test func backoffDoublesAndCaps() {
        #expect(policy.backoff(failures: 1) == 60)
        #expect(policy.backoff(failures: 2) == 120)
        #expect(policy.backoff(failures: 4) == 480)
        #expect(policy.backoff(failures: 7) == 3600)
        #expect(policy.backoff(failures: 10_000) == 3600)
    }

    @Test func failureUsesEqualJitter() {
        let early = policy.nextPollAfterFailure(now: now, failures: 3, retryAfter: nil, random: 0)
        let late = policy.nextPollAfterFailure(now: now, failures: 3, retryAfter: nil, random: 0.999)
        #expect(early == now.addingTimeInterval(120))
        #expect(late.timeIntervalSince(now) > 239 && late.timeIntervalSince(now) <= 240)
    }

    @Test func retryAfterPushesLaterNeverEarlier() {
        #expect(
            policy.nextPollAfterFailure(now: now, failures: 1, retryAfter: 600, random: 0)
                == now.addingTimeInterval(600))
        #expect(
            policy.nextPollAfterFailure(now: now, failures: 1, retryAfter: 5, random: 0) == now.addingTimeInterval(30))
        let capped = policy.nextPollAfterFailure(now: now, failures: 1, retryAfter: 1e9, random: 0)
        #expect(capped == now.addingTimeInterval(7 * 24 * 3600))
    }

    @Test func feedIntervalOverridesDefault() {
        var settings = PollSettings()
        settings.interval = 600
        #expect(PollPolicy(settings: settings, feedInterval: 120).interval == 120)
        #expect(PollPolicy(settings: settings).interval == 600)
    }
}
