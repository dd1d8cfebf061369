import CCurl

/// The loop thread's side of the fetcher: turns commands and libcurl completions into started, finished and
/// cancelled transfers. Lives and dies on the loop thread; it never takes the loop's lock.
final class LoopWorker {
    private let multi: UnsafeMutableRawPointer
    private var scheduler: TransferScheduler
    /// Every transfer the loop knows, waiting or running.
    private var transfers: [UInt64: Transfer] = [:]

    init(multi: UnsafeMutableRawPointer, maxConcurrent: Int, maxPerHost: Int) {
        self.multi = multi
        scheduler = TransferScheduler(maxConcurrent: maxConcurrent, maxPerHost: maxPerHost)
    }

    /// Applies commands in the order they were queued.
    func handle(_ commands: [LoopCommand]) {
        for command in commands {
            switch command {
            case .start(let id, let request, let hostKey, let continuation):
                let transfer = Transfer(id: id, request: request, hostKey: hostKey, continuation: continuation)
                transfers[id] = transfer
                begin(scheduler.submit(id: id, host: hostKey))
            case .cancel(let id):
                // Unknown ids are fetches that already ended: nothing to do.
                guard let transfer = transfers[id] else { continue }
                finish(transfer, with: .failure(.cancelled(url: transfer.request.url)))
            }
        }
    }

    /// Lets libcurl do what it can without blocking, then completes the transfers it reports done.
    func perform() {
        var running: Int32 = 0
        _ = curl_multi_perform(multi, &running)
        // Messages do not survive curl_multi_remove_handle: collect them all first.
        var done: [(easy: UnsafeMutableRawPointer, code: CURLcode)] = []
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            done.append((easy, vigil_msg_result(message)))
        }
        for (easy, code) in done {
            var context: UnsafeMutableRawPointer?
            guard vigil_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context) == CURLE_OK, let context else {
                continue
            }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            finish(transfer, with: transfer.outcome(code))
        }
    }

    /// Sleeps until a socket is ready, a libcurl timer is due, a command wakes it, or a second has passed.
    func poll() {
        _ = curl_multi_poll(multi, nil, 0, 1000, nil)
    }

    /// Ends every transfer, and every start still queued, with `cancelled`.
    func abandonAll(_ pending: [LoopCommand]) {
        let all = transfers.values.sorted { $0.id < $1.id }
        transfers = [:]
        _ = scheduler.removeAll()
        for transfer in all {
            detach(transfer)
            transfer.complete(.failure(.cancelled(url: transfer.request.url, message: "fetcher shut down")))
        }
        for case .start(_, let request, _, let continuation) in pending {
            continuation.resume(throwing: FetchError.cancelled(url: request.url, message: "fetcher shut down"))
        }
    }

    /// Takes a waiting or running transfer out of the loop, resumes its caller, and starts whoever may run now.
    private func finish(_ transfer: Transfer, with result: Result<FetchResponse, FetchError>) {
        transfers[transfer.id] = nil
        let next = scheduler.remove(id: transfer.id).start
        detach(transfer)
        transfer.complete(result)
        begin(next)
    }

    /// Gives admitted transfers their easy handles and hands them to libcurl.
    private func begin(_ ids: [UInt64]) {
        var queue = ids
        while !queue.isEmpty {
            let id = queue.removeFirst()
            guard let transfer = transfers[id] else { continue }
            var failure = transfer.start()
            if failure == nil, let easy = transfer.easy {
                let added = curl_multi_add_handle(multi, easy)
                if added != CURLM_OK {
                    let reason = String(cString: curl_multi_strerror(added))
                    failure = FetchError(.other, url: transfer.request.url, message: "curl_multi_add_handle: \(reason)")
                    transfer.close()
                }
            }
            guard let failure else { continue }
            transfers[id] = nil
            queue += scheduler.remove(id: id).start
            transfer.close()
            transfer.complete(.failure(failure))
        }
    }

    /// Removes the transfer's handle from libcurl (if it has one) and frees it.
    private func detach(_ transfer: Transfer) {
        if let easy = transfer.easy {
            _ = curl_multi_remove_handle(multi, easy)
        }
        transfer.close()
    }
}
