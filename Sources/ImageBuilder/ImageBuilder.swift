public import EngineAPI
import Foundation

/// Runs one build on the engine: streams the context, reports output lines, returns the image ID.
public struct ImageBuilder: Sendable {
    public let engine: EngineClient
    public init(engine: EngineClient) { self.engine = engine }

    /// - Parameter output: each line of the builder's output, without its newline.
    public func build(_ request: BuildRequest, output: @escaping @Sendable (String) -> Void) async throws(ImageBuildError) -> String {
        let context: BuildContext
        do {
            context = try BuildContext.prepare(directory: request.context, dockerfile: request.dockerfile,
                                               inlineDockerfile: request.dockerfileInline)
        } catch {
            throw ImageBuildError(service: request.service, image: request.image, message: error.message, step: nil)
        }
        var options = request.options
        options.dockerfile = context.dockerfileName
        let failure = FailureBox()
        return try await run(context: context.tarStream(failure: failure), failure: failure, options: options,
                             service: request.service, image: request.image, output: output)
    }

    /// Streams any tar context to the engine; `failure` is the box the context records its own errors in.
    func run<Context: AsyncSequence & Sendable>(
        context: Context, failure: FailureBox, options: BuildOptions, service: String, image: String,
        output: @escaping @Sendable (String) -> Void
    ) async throws(ImageBuildError) -> String where Context.Element == [UInt8] {
        var lines = LineBuffer()
        var lastStep: String?
        var imageID: String?
        do {
            let stream = try await engine.build(context: context, options: options)
            for try await message in stream {
                if let id = message.aux?.id { imageID = id }
                var text = message.stream ?? ""
                if text.isEmpty, let status = message.status, message.progressDetail?.total == nil {
                    text = (message.id.map { "\($0): " } ?? "") + status + "\n"
                }
                for line in lines.append(text) {
                    if line.hasPrefix("Step ") { lastStep = line }
                    output(line)
                }
            }
            if let rest = lines.flush() { output(rest) }
        } catch {
            if let rest = lines.flush() { output(rest) }
            if let contextError = failure.error {
                throw ImageBuildError(service: service, image: image, message: contextError.message, step: nil)
            }
            let text: String
            if let e = error as? EngineError {
                text = e.isStreamError || e.status != nil ? e.message : e.description
            } else {
                text = "\(error)"
            }
            throw ImageBuildError(service: service, image: image, message: text,
                                  step: (error as? EngineError)?.isStreamError == true ? lastStep : nil)
        }
        if let imageID { return imageID }
        // Older daemons announce the ID only in "Successfully built"; ask for it instead.
        do {
            return try await engine.inspectImage(image).id
        } catch {
            throw ImageBuildError(service: service, image: image,
                                  message: "the build finished but the image cannot be found: \(error)", step: nil)
        }
    }
}

/// A failed build: which service and image, the daemon's message, and the step that failed.
public struct ImageBuildError: Error, CustomStringConvertible, Sendable {
    public var service: String
    public var image: String
    public var message: String
    /// "Step 2/3 : RUN exit 3", when the builder had reached a step.
    public var step: String?

    public var description: String {
        var s = "service \(service): building \(image) failed"
        if let step { s += " at \(step)" }
        return s + ": " + message
    }
}

/// Splits streamed text into whole lines.
struct LineBuffer {
    private var partial = ""

    mutating func append(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        partial += text
        var lines = partial.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        partial = lines.removeLast()
        return lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }

    mutating func flush() -> String? {
        defer { partial = "" }
        return partial.isEmpty ? nil : partial
    }
}
