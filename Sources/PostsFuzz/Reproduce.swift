#if !FUZZING
import Foundation

/// Without libFuzzer (a normal `swift build`), the target replays inputs instead: each file
/// named on the command line goes through the same function, to reproduce a finding.
@main
enum Reproduce {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            _ = data.withUnsafeBytes { bytes in
                fuzzPosts(bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, bytes.count)
            }
            print("\(path): read without a crash")
        }
    }
}
#endif
