// TaskRouterExpressions: lexer, parser, AST, printer, evaluator, linter.
