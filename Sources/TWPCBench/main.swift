// Benchmarks: `make bench`. `TWPCBench expressions` runs the expression engine benchmarks.
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "expressions", nil:
    ExpressionBenchmarks.run(arguments: Array(arguments.dropFirst()))
default:
    print("usage: TWPCBench [expressions [--seconds N]]")
}
