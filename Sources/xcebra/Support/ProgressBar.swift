import Foundation

/// A one-line progress bar on a terminal (redrawn in place on stderr), or plain periodic lines
/// when stderr is not a terminal (SLURM logs, pipes): a line every `lineEvery` steps and at the end.
final class ProgressBar {
    private let title: String
    private let total: Int
    private let isTerminal: Bool
    private let lineEvery: Int
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(title: String, total: Int, linesWhenPiped: Int = 20) {
        self.title = title
        self.total = max(total, 1)
        self.isTerminal = isatty(STDERR_FILENO) != 0
        self.lineEvery = max(1, total / max(linesWhenPiped, 1))
    }

    /// Reports that `done` of `total` steps are complete, with a status text (losses, ...).
    func update(_ done: Int, status: String = "") {
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        if isTerminal {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            let width = 24
            let filled = Int(Double(width) * Double(done) / Double(total))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let line = String(format: "\r%@ %@ %d/%d %.1f it/s eta %@ %@\u{1B}[K", title, bar, done, total, rate, Self.clock(eta), status)
            FileHandle.standardError.write(Data(line.utf8))
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if done % lineEvery == 0 || done == total {
            let line = String(format: "%@ %d/%d (%.0f%%) %.1f it/s elapsed %@ %@\n", title, done, total,
                              100 * Double(done) / Double(total), rate, Self.clock(elapsed), status)
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    static func clock(_ s: Double) -> String {
        let t = Int(s.rounded())
        return t >= 3600 ? String(format: "%d:%02d:%02d", t / 3600, t / 60 % 60, t % 60) : String(format: "%d:%02d", t / 60, t % 60)
    }
}
