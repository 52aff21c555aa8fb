import BunkaiCLI
import Foundation

exit(await BunkaiCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
