import ArgumentParser

@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vigil", abstract: "Watches news feeds for security incidents.")
}
