import Testing

@testable import VigilFetch

@Suite struct TransferSchedulerTests {
    @Test func perHostLimitQueuesAndReleasesInOrder() {
        var scheduler = TransferScheduler(maxConcurrent: 10, maxPerHost: 2)
        #expect(scheduler.submit(id: 1, host: "a:80") == [1])
        #expect(scheduler.submit(id: 2, host: "a:80") == [2])
        #expect(scheduler.submit(id: 3, host: "a:80") == [])
        #expect(scheduler.submit(id: 4, host: "a:80") == [])
        #expect(scheduler.submit(id: 5, host: "b:80") == [5])
        #expect(scheduler.runningCount == 3)
        #expect(scheduler.waitingCount == 2)
        let done = scheduler.remove(id: 1)
        #expect(done.removed == .running)
        #expect(done.start == [3])
        #expect(scheduler.remove(id: 5).start == [])
        #expect(scheduler.remove(id: 2).start == [4])
    }

    @Test func globalLimitAdmitsOtherHostsWhenOneIsFull() {
        var scheduler = TransferScheduler(maxConcurrent: 2, maxPerHost: 1)
        #expect(scheduler.submit(id: 1, host: "a:80") == [1])
        #expect(scheduler.submit(id: 2, host: "a:80") == [])
        #expect(scheduler.submit(id: 3, host: "b:80") == [3])
        #expect(scheduler.submit(id: 4, host: "c:80") == [])
        // Host a still has one running, so 2 must wait; c takes the free slot though it came later.
        #expect(scheduler.remove(id: 3).start == [4])
        #expect(scheduler.remove(id: 1).start == [2])
    }

    @Test func removingWaitingAndUnknownTransfers() {
        var scheduler = TransferScheduler(maxConcurrent: 1, maxPerHost: 1)
        _ = scheduler.submit(id: 1, host: "a:80")
        _ = scheduler.submit(id: 2, host: "a:80")
        _ = scheduler.submit(id: 3, host: "a:80")
        let waiting = scheduler.remove(id: 2)
        #expect(waiting.removed == .waiting)
        #expect(waiting.start == [])
        #expect(scheduler.remove(id: 42).removed == .unknown)
        #expect(scheduler.remove(id: 1).start == [3])
        #expect(Set(scheduler.removeAll()) == [3])
        #expect(scheduler.runningCount == 0 && scheduler.waitingCount == 0)
    }
}
