import Fetching

extension BuildReport {
    /// Tells the site's WebSub hub (`websub.hub`) of the feeds this build changed, if any: a
    /// notice when the hub took it, a warning when it did not. Never a failure: the feeds are
    /// written, and subscribers' readers still poll them. A build that failed halfway still
    /// names the feeds it did write: the next build finds them current and would not.
    mutating func notifyHub() async {
        guard let hub, !changedFeeds.isEmpty else { return }
        let ping = HubPing(hub: hub, topics: changedFeeds)
        switch await ping.send() {
        case .accepted(let attempt, let lastFailure):
            let tries = lastFailure.map { " (at attempt \(attempt), after \($0))" } ?? ""
            notices.append("feedsmith: told the WebSub hub \(hub) of \(ping.topics.count) changed feed(s)\(tries)")
        case .failed(let attempts, let reason):
            warnings.append("\(hub): warning: the WebSub hub was not told of \(ping.topics.count) changed feed(s) after \(attempts) attempt(s): \(reason); subscribers see the changes at their next poll")
        }
    }
}
