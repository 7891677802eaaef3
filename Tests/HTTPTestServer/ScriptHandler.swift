import NIOCore
import NIOHTTP1

/// Reads each request and sends the server's scripted answer, paced as the script says.
final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let script: Script
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(script: Script) {
        self.script = script
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let part):
            body += part.readableBytesView
        case .end:
            guard let head else { return }
            let request = ReceivedRequest(method: head.method.rawValue, uri: head.uri, headers: head.headers, body: body)
            let response = script.answer(request)
            let channel = context.channel
            let keepAlive = head.isKeepAlive
            context.eventLoop.scheduleTask(in: TimeAmount(response.delay)) {
                Self.send(response, on: channel, keepAlive: keepAlive)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        script.closed.withLockedValue { $0.append(.now) }
        context.fireChannelInactive()
    }

    static func send(_ response: ScriptedResponse, on channel: any Channel, keepAlive: Bool) {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        if !headers.contains(name: "Content-Length") {
            if case .endless = response.pacing {} else {
                headers.add(name: "Content-Length", value: String(response.body.count))
            }
        }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status),
                                    headers: headers)
        channel.writeAndFlush(HTTPServerResponsePart.head(head), promise: nil)
        switch response.pacing {
        case .whole:
            channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: response.body))), promise: nil)
            finish(channel, keepAlive: keepAlive)
        case .trickle(let pieces, let interval):
            let size = max(1, (response.body.count + pieces - 1) / max(1, pieces))
            let chunks = stride(from: 0, to: response.body.count, by: size).map {
                Array(response.body[$0..<min($0 + size, response.body.count)])
            }
            trickle(chunks[...], every: TimeAmount(interval), on: channel, keepAlive: keepAlive)
        case .endless:
            endless(ByteBuffer(bytes: response.body.isEmpty ? Array("x".utf8) : response.body), on: channel)
        }
    }

    static func finish(_ channel: any Channel, keepAlive: Bool) {
        let done = channel.writeAndFlush(HTTPServerResponsePart.end(nil))
        if !keepAlive { done.whenComplete { _ in channel.close(promise: nil) } }
    }

    static func trickle(_ chunks: ArraySlice<[UInt8]>, every interval: TimeAmount, on channel: any Channel,
                        keepAlive: Bool) {
        guard let first = chunks.first else { return finish(channel, keepAlive: keepAlive) }
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: first)))).whenSuccess {
            channel.eventLoop.scheduleTask(in: interval) {
                trickle(chunks.dropFirst(), every: interval, on: channel, keepAlive: keepAlive)
            }
        }
    }

    /// Writes `chunk` again each time the last write went out; stops when the client hangs up.
    static func endless(_ chunk: ByteBuffer, on channel: any Channel) {
        channel.writeAndFlush(HTTPServerResponsePart.body(.byteBuffer(chunk))).whenSuccess {
            // A new turn of the event loop each time, so the stack does not grow.
            channel.eventLoop.execute { endless(chunk, on: channel) }
        }
    }
}
