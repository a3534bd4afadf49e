// SPDX-License-Identifier: MIT
// Private: the expression language's syntax tree and parser.
//
//   expr    := 'if' expr 'then' expr 'else' expr | or
//   or      := and (('or' | '||') and)*
//   and     := not (('and' | '&&') not)*
//   not     := ('not' | '!') not | compare
//   compare := sum (('<' | '<=' | '≤' | '>' | '>=' | '≥' | '==' | '=' | '!=' | '≠' | 'in' | 'not in') sum)?
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/') unary)*
//   unary   := '-' unary | primary
//   primary := number [unit] | string | 'true' | 'false' | name | name '(' args ')' | '(' expr ')'
//            | '[' expr (',' expr)* ']'
//   unit    := '%' | 'tỷ' | 'triệu' | 'nghìn' | 'đồng' | 'đ' | 'VND'    (a number with a money unit is money)
//   name    := [A-Za-z_][A-Za-z0-9_.]*      (facts, parameters, rules: TC10, TC10.1, income_min)
#ifndef NTM_SRC_RULES_EXPRESSION_HPP_
#define NTM_SRC_RULES_EXPRESSION_HPP_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <ntm/core/result.hpp>
#include <ntm/rules/value.hpp>

NTM_BEGIN_NAMESPACE
namespace rules_internal {

enum class node_kind : std::uint8_t {
  integer_literal,  // raw = the integer
  number_literal,   // raw = millionths
  money_literal,    // raw = đồng
  percent_literal,  // raw = millionths of a percentage point
  text_literal,     // text
  bool_literal,     // raw = 0/1
  name,             // text = the name
  unary,            // op, args[0]
  binary,           // op, args[0], args[1]
  call,             // text = function name, args
  list,             // args
  conditional,      // args = condition, then, else
};

enum class op_kind : std::uint8_t { none, neg, not_, add, sub, mul, div, lt, le, gt, ge, eq, ne, and_, or_, in, not_in };

/// What a name refers to, filled in by the checker.
enum class ref_kind : std::uint8_t { none, fact, parameter, rule, builtin_value };

struct node {
  node_kind kind = node_kind::integer_literal;
  op_kind op = op_kind::none;
  std::uint32_t begin = 0;  // byte offsets in the expression text
  std::uint32_t end = 0;
  std::int64_t raw = 0;
  std::string text;
  std::vector<node> args;
  std::uint32_t height = 1;  // levels of nesting, this node included (a leaf is 1; see the parser)
  // Filled by the checker.
  value_type type = value_type::boolean;
  std::string unit;
  ref_kind ref = ref_kind::none;
  std::uint32_t ref_index = 0;
  bool constant = false;  // literal-only subtree
};

/// Parses `text`. Errors: expression_syntax (with the column in `where.column`),
/// limit_exceeded (length or nesting beyond the limits).
result<node> parse_expression(std::string_view text, std::size_t max_length, std::size_t max_depth);

/// The source text of a node.
inline std::string_view node_text(std::string_view expr, const node& n) {
  return expr.substr(n.begin, n.end - n.begin);
}

/// "+", "≥", "and", … for messages.
const char* op_symbol(op_kind op);

}  // namespace rules_internal
NTM_END_NAMESPACE

#endif  // NTM_SRC_RULES_EXPRESSION_HPP_
