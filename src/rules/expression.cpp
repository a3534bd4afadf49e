// SPDX-License-Identifier: MIT
// The expression parser: a recursive-descent parser with a depth limit, so that no input
// can drive the recursion past the stack. The limit is on the nesting a reader sees, which is
// also the height of the syntax tree that the checker and emitter walk recursively: each
// parenthesis, call, list, "if", unary operator and operand of a binary operator is one level,
// and a chain "a + b + c" is one level per operator. Before descending, the parser checks how
// deep it already is (so a run of 100 000 '(' stops at the limit); after joining an operator
// chain it checks the height it built.
#include "rules/expression.hpp"

#include <algorithm>

#include <ntm/core/limits.hpp>
#include <ntm/core/text.hpp>

#include "core/number_text.hpp"

NTM_BEGIN_NAMESPACE
namespace rules_internal {

const char* op_symbol(op_kind op) {
  switch (op) {
    case op_kind::neg: return "-";
    case op_kind::not_: return "not";
    case op_kind::add: return "+";
    case op_kind::sub: return "-";
    case op_kind::mul: return "*";
    case op_kind::div: return "/";
    case op_kind::lt: return "<";
    case op_kind::le: return "<=";
    case op_kind::gt: return ">";
    case op_kind::ge: return ">=";
    case op_kind::eq: return "==";
    case op_kind::ne: return "!=";
    case op_kind::and_: return "and";
    case op_kind::or_: return "or";
    case op_kind::in: return "in";
    case op_kind::not_in: return "not in";
    case op_kind::none: break;
  }
  return "?";
}

namespace {

enum class tok : std::uint8_t { end, number, string, name, lparen, rparen, lbracket, rbracket, comma, op, unit };

struct token {
  tok kind = tok::end;
  op_kind op = op_kind::none;
  std::uint32_t begin = 0, end = 0;
  std::string text;  // names, strings (decoded), numbers (digits), unit words (folded)
};

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '.'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_unit_word(const std::string& folded) {
  return folded == "ty" || folded == "ti" || folded == "trieu" || folded == "nghin" || folded == "ngan" || folded == "dong" ||
         folded == "d" || folded == "vnd";
}

class parser {
 public:
  parser(std::string_view text, std::size_t max_depth) : s_(text), max_depth_(max_depth) {}

  result<node> parse() {
    if (!next()) return fail_now();
    node n;
    if (!expression(n, 0)) return fail_now();
    if (cur_.kind != tok::end) {
      error_at(cur_.begin, "unexpected \"" + std::string(s_.substr(cur_.begin, cur_.end - cur_.begin)) + "\" after a complete expression");
      return fail_now();
    }
    return n;
  }

 private:
  result<node> fail_now() {
    source_location where;
    where.column = static_cast<std::uint32_t>(utf8_column(s_, err_at_));
    return fail(err_code_, err_, where);
  }
  bool error_at(std::size_t at, std::string msg, errc code = errc::expression_syntax) {
    if (err_.empty()) {
      err_ = std::move(msg);
      err_at_ = at;
      err_code_ = code;
    }
    return false;
  }

  // --- lexer --------------------------------------------------------------------------
  bool next() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
    cur_ = token{};
    cur_.begin = static_cast<std::uint32_t>(i_);
    if (i_ >= s_.size()) {
      cur_.kind = tok::end;
      cur_.end = cur_.begin;
      return true;
    }
    const char c = s_[i_];
    auto single = [&](tok k, std::size_t len, op_kind o = op_kind::none) {
      cur_.kind = k;
      cur_.op = o;
      i_ += len;
      cur_.end = static_cast<std::uint32_t>(i_);
      return true;
    };
    auto two = [&](char a, char b) { return i_ + 1 < s_.size() && s_[i_] == a && s_[i_ + 1] == b; };
    auto utf = [&](std::string_view u) { return s_.substr(i_, u.size()) == u; };
    if (c == '(') return single(tok::lparen, 1);
    if (c == ')') return single(tok::rparen, 1);
    if (c == '[') return single(tok::lbracket, 1);
    if (c == ']') return single(tok::rbracket, 1);
    if (c == ',') return single(tok::comma, 1);
    if (c == '+') return single(tok::op, 1, op_kind::add);
    if (c == '-') return single(tok::op, 1, op_kind::sub);
    if (c == '*') return single(tok::op, 1, op_kind::mul);
    if (c == '/') return single(tok::op, 1, op_kind::div);
    if (two('<', '=')) return single(tok::op, 2, op_kind::le);
    if (two('>', '=')) return single(tok::op, 2, op_kind::ge);
    if (two('=', '=')) return single(tok::op, 2, op_kind::eq);
    if (two('!', '=')) return single(tok::op, 2, op_kind::ne);
    if (two('&', '&')) return single(tok::op, 2, op_kind::and_);
    if (two('|', '|')) return single(tok::op, 2, op_kind::or_);
    if (c == '<') return single(tok::op, 1, op_kind::lt);
    if (c == '>') return single(tok::op, 1, op_kind::gt);
    if (c == '=') return single(tok::op, 1, op_kind::eq);
    if (c == '!') return single(tok::op, 1, op_kind::not_);
    if (utf("\xE2\x89\xA5")) return single(tok::op, 3, op_kind::ge);  // ≥
    if (utf("\xE2\x89\xA4")) return single(tok::op, 3, op_kind::le);  // ≤
    if (utf("\xE2\x89\xA0")) return single(tok::op, 3, op_kind::ne);  // ≠
    if (c == '%') {
      cur_.text = "%";
      return single(tok::unit, 1);
    }
    if (c == '"' || c == '\'') return string_token(c);
    if (is_digit(c)) {
      cur_.kind = tok::number;
      while (i_ < s_.size() && (is_digit(s_[i_]) || s_[i_] == '.')) ++i_;
      cur_.end = static_cast<std::uint32_t>(i_);
      cur_.text = std::string(s_.substr(cur_.begin, cur_.end - cur_.begin));
      return true;
    }
    if (is_name_start(c)) {
      // Names are ASCII; a word with Vietnamese letters ("triệu") is read whole, so that it
      // can be a unit after a number (and an unknown name elsewhere).
      while (i_ < s_.size() && (is_name_char(s_[i_]) || static_cast<unsigned char>(s_[i_]) >= 0x80)) ++i_;
      while (i_ > cur_.begin && s_[i_ - 1] == '.') --i_;  // a trailing dot is not part of a name
      cur_.end = static_cast<std::uint32_t>(i_);
      cur_.text = std::string(s_.substr(cur_.begin, cur_.end - cur_.begin));
      cur_.kind = tok::name;
      if (cur_.text == "and") cur_ = token{tok::op, op_kind::and_, cur_.begin, cur_.end, cur_.text};
      else if (cur_.text == "or") cur_ = token{tok::op, op_kind::or_, cur_.begin, cur_.end, cur_.text};
      else if (cur_.text == "not") cur_ = token{tok::op, op_kind::not_, cur_.begin, cur_.end, cur_.text};
      else if (cur_.text == "in") cur_ = token{tok::op, op_kind::in, cur_.begin, cur_.end, cur_.text};
      return true;
    }
    // Vietnamese unit words (tỷ, triệu, nghìn, đồng, đ) begin with a non-ASCII letter.
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t start = i_;
      while (i_ < s_.size() && (static_cast<unsigned char>(s_[i_]) >= 0x80 || is_name_char(s_[i_]))) ++i_;
      cur_.kind = tok::unit;
      cur_.end = static_cast<std::uint32_t>(i_);
      cur_.text = fold_vi(s_.substr(start, i_ - start));
      return true;
    }
    return error_at(i_, std::string("unexpected character '") + c + "'");
  }

  bool string_token(char quote) {
    const std::size_t start = i_;
    ++i_;
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) return error_at(start, "unterminated text literal (a closing quote is missing)");
      const char c = s_[i_];
      if (c == quote) {
        ++i_;
        break;
      }
      if (c == '\\' && i_ + 1 < s_.size()) {
        const char e = s_[i_ + 1];
        if (e == 'n') out += '\n';
        else if (e == 't') out += '\t';
        else out += e;
        i_ += 2;
        continue;
      }
      out += c;
      ++i_;
    }
    cur_.kind = tok::string;
    cur_.end = static_cast<std::uint32_t>(i_);
    cur_.text = std::move(out);
    return true;
  }

  // --- grammar ------------------------------------------------------------------------
  // `depth` is the number of levels around the node being parsed; its height adds at least one.
  bool deeper(std::size_t depth) {
    if (depth >= max_depth_) return too_deep(cur_.begin);
    return true;
  }
  bool too_deep(std::size_t at) {
    return error_at(at, "expression nested too deep, more than max_expression_depth = " + std::to_string(max_depth_) +
                            " levels (split it into rules)",
                    errc::limit_exceeded);
  }
  // A node with `children` as arguments is one level above the highest of them.
  static std::uint32_t above(const std::vector<node>& children) {
    std::uint32_t h = 0;
    for (const node& c : children) h = std::max(h, c.height);
    return h + 1;
  }

  bool is_op(op_kind o) const { return cur_.kind == tok::op && cur_.op == o; }

  bool expression(node& out, std::size_t depth) {
    if (!deeper(depth)) return false;
    if (cur_.kind == tok::name && cur_.text == "if") {
      out.kind = node_kind::conditional;
      out.begin = cur_.begin;
      if (!next()) return false;
      out.args.resize(3);
      if (!expression(out.args[0], depth + 1)) return false;
      if (!(cur_.kind == tok::name && cur_.text == "then")) return error_at(cur_.begin, "expected \"then\" after the condition of \"if\"");
      if (!next() || !expression(out.args[1], depth + 1)) return false;
      if (!(cur_.kind == tok::name && cur_.text == "else")) return error_at(cur_.begin, "expected \"else\" (an \"if\" needs both branches)");
      if (!next() || !expression(out.args[2], depth + 1)) return false;
      out.end = out.args[2].end;
      out.height = above(out.args);
      return true;
    }
    return binary_level(out, depth, 0);
  }

  // Levels: 0 or, 1 and, 2 not, 3 compare, 4 sum, 5 product, 6 unary.
  bool binary_level(node& out, std::size_t depth, int level) {
    if (!deeper(depth)) return false;
    switch (level) {
      case 0:
      case 1: {
        const op_kind want = level == 0 ? op_kind::or_ : op_kind::and_;
        if (!binary_level(out, depth, level + 1)) return false;
        while (is_op(want)) {
          const std::uint32_t at = cur_.begin;
          if (!next()) return false;
          node rhs;
          if (!binary_level(rhs, depth + 1, level + 1)) return false;
          if (!join(out, want, std::move(rhs), depth, at)) return false;
        }
        return true;
      }
      case 2:
        if (is_op(op_kind::not_)) {
          node n;
          n.kind = node_kind::unary;
          n.op = op_kind::not_;
          n.begin = cur_.begin;
          if (!next()) return false;
          n.args.resize(1);
          if (!binary_level(n.args[0], depth + 1, 2)) return false;
          n.end = n.args[0].end;
          n.height = above(n.args);
          out = std::move(n);
          return true;
        }
        return binary_level(out, depth, 3);
      case 3: {
        if (!binary_level(out, depth, 4)) return false;
        op_kind o = op_kind::none;
        if (cur_.kind == tok::op) {
          switch (cur_.op) {
            case op_kind::lt: case op_kind::le: case op_kind::gt: case op_kind::ge:
            case op_kind::eq: case op_kind::ne: case op_kind::in:
              o = cur_.op;
              break;
            case op_kind::not_: {
              // "not in"
              const std::size_t save = i_;
              const token saved = cur_;
              if (!next()) return false;
              if (is_op(op_kind::in)) {
                o = op_kind::not_in;
              } else {
                i_ = save;
                cur_ = saved;
                return error_at(cur_.begin, "\"not\" here must be followed by \"in\"");
              }
              break;
            }
            default:
              break;
          }
        }
        if (o == op_kind::none) return true;
        const std::uint32_t at = cur_.begin;
        if (!next()) return false;
        node rhs;
        if (!binary_level(rhs, depth + 1, 4)) return false;
        if (!join(out, o, std::move(rhs), depth, at)) return false;
        if (cur_.kind == tok::op && (cur_.op == op_kind::lt || cur_.op == op_kind::le || cur_.op == op_kind::gt ||
                                     cur_.op == op_kind::ge || cur_.op == op_kind::eq || cur_.op == op_kind::ne))
          return error_at(cur_.begin, "comparisons cannot be chained; write \"a <= x and x <= b\"");
        return true;
      }
      case 4:
      case 5: {
        if (!binary_level(out, depth, level + 1)) return false;
        for (;;) {
          const bool sum = level == 4 && (is_op(op_kind::add) || is_op(op_kind::sub));
          const bool product = level == 5 && (is_op(op_kind::mul) || is_op(op_kind::div));
          if (!sum && !product) return true;
          const op_kind o = cur_.op;
          const std::uint32_t at = cur_.begin;
          if (!next()) return false;
          node rhs;
          if (!binary_level(rhs, depth + 1, level + 1)) return false;
          if (!join(out, o, std::move(rhs), depth, at)) return false;
        }
      }
      default:
        if (is_op(op_kind::sub)) {
          node n;
          n.kind = node_kind::unary;
          n.op = op_kind::neg;
          n.begin = cur_.begin;
          if (!next()) return false;
          n.args.resize(1);
          if (!binary_level(n.args[0], depth + 1, 6)) return false;
          n.end = n.args[0].end;
          n.height = above(n.args);
          out = std::move(n);
          return true;
        }
        return primary(out, depth);
    }
  }

  // lhs := lhs o rhs. False when the tree becomes too high (a long chain of operators at
  // `depth`); `at` is the operator.
  bool join(node& lhs, op_kind o, node rhs, std::size_t depth, std::uint32_t at) {
    node n;
    n.kind = node_kind::binary;
    n.op = o;
    n.begin = lhs.begin;
    n.end = rhs.end;
    n.args.push_back(std::move(lhs));
    n.args.push_back(std::move(rhs));
    n.height = above(n.args);
    if (depth + n.height > max_depth_) return too_deep(at);
    lhs = std::move(n);
    return true;
  }

  bool number_literal(node& out) {
    out.begin = cur_.begin;
    out.end = cur_.end;
    std::size_t used = 0;
    auto parts = core_internal::scan_number(cur_.text, '.', 0, errc::expression_syntax, 1, "number", used);
    if (!parts || used != cur_.text.size())
      return error_at(cur_.begin, "\"" + cur_.text + "\" is not a number (write decimals with a point: 17.5)");
    if (!next()) return false;
    int shift = 0;
    node_kind kind = parts->has_decimal_mark ? node_kind::number_literal : node_kind::integer_literal;
    const bool unit_word = cur_.kind == tok::name && is_unit_word(fold_vi(cur_.text));
    if (cur_.kind == tok::unit || unit_word) {
      const std::string u = cur_.kind == tok::unit ? cur_.text : fold_vi(cur_.text);
      if (u == "%") {
        kind = node_kind::percent_literal;
        shift = 6;
      } else if (u == "ty" || u == "ti") {
        kind = node_kind::money_literal;
        shift = 9;
      } else if (u == "trieu") {
        kind = node_kind::money_literal;
        shift = 6;
      } else if (u == "nghin" || u == "ngan") {
        kind = node_kind::money_literal;
        shift = 3;
      } else if (u == "dong" || u == "d" || u == "vnd" || u == "\xE2\x82\xAB") {
        kind = node_kind::money_literal;
      } else {
        return error_at(cur_.begin, "unknown unit \"" + std::string(s_.substr(cur_.begin, cur_.end - cur_.begin)) +
                                        "\"; after a number write %, tỷ, triệu, nghìn, đồng, đ or VND");
      }
      out.end = cur_.end;
      if (!next()) return false;
    }
    if (kind == node_kind::number_literal) shift = 6;
    std::int64_t raw = 0;
    bool inexact = false;
    if (!core_internal::digits_to_int(*parts, shift, raw, inexact)) {
      if (inexact)
        return error_at(out.begin, kind == node_kind::money_literal ? "an amount that is not a whole number of đồng"
                                                                    : "more than 6 decimal places");
      return error_at(out.begin, "number too large", errc::expression_syntax);
    }
    out.kind = kind;
    out.raw = raw;
    return true;
  }

  bool primary(node& out, std::size_t depth) {
    if (!deeper(depth)) return false;
    switch (cur_.kind) {
      case tok::number:
        return number_literal(out);
      case tok::string:
        out.kind = node_kind::text_literal;
        out.text = cur_.text;
        out.begin = cur_.begin;
        out.end = cur_.end;
        return next();
      case tok::lparen: {
        const std::uint32_t open = cur_.begin;
        if (!next()) return false;
        if (!expression(out, depth + 1)) return false;
        if (cur_.kind != tok::rparen) return error_at(cur_.kind == tok::end ? open : cur_.begin, cur_.kind == tok::end ? "unclosed '(': a ')' is missing" : "expected ')'");
        out.begin = open;
        out.end = cur_.end;
        ++out.height;  // parentheses are a level of nesting as a reader sees it
        return next();
      }
      case tok::lbracket: {
        out.kind = node_kind::list;
        out.begin = cur_.begin;
        if (!next()) return false;
        if (cur_.kind == tok::rbracket) return error_at(cur_.begin, "an empty list");
        for (;;) {
          out.args.emplace_back();
          if (!expression(out.args.back(), depth + 1)) return false;
          if (cur_.kind == tok::comma) {
            if (!next()) return false;
            continue;
          }
          if (cur_.kind == tok::rbracket) break;
          return error_at(cur_.begin, "expected ',' or ']' in a list");
        }
        out.end = cur_.end;
        out.height = above(out.args);
        return next();
      }
      case tok::name: {
        if (cur_.text == "true" || cur_.text == "false") {
          out.kind = node_kind::bool_literal;
          out.raw = cur_.text == "true" ? 1 : 0;
          out.begin = cur_.begin;
          out.end = cur_.end;
          return next();
        }
        if (cur_.text == "then" || cur_.text == "else" || cur_.text == "if")
          return error_at(cur_.begin, "unexpected \"" + cur_.text + "\"");
        out.text = cur_.text;
        out.begin = cur_.begin;
        out.end = cur_.end;
        if (!next()) return false;
        if (cur_.kind != tok::lparen) {
          out.kind = node_kind::name;
          return true;
        }
        out.kind = node_kind::call;
        if (!next()) return false;
        if (cur_.kind == tok::rparen) {
          out.end = cur_.end;
          return next();
        }
        for (;;) {
          out.args.emplace_back();
          if (!expression(out.args.back(), depth + 1)) return false;
          if (cur_.kind == tok::comma) {
            if (!next()) return false;
            continue;
          }
          if (cur_.kind == tok::rparen) break;
          return error_at(cur_.kind == tok::end ? out.begin : cur_.begin,
                          cur_.kind == tok::end ? "unclosed call of " + out.text + "(: a ')' is missing" : "expected ',' or ')' in the call of " + out.text);
        }
        out.end = cur_.end;
        out.height = above(out.args);
        return next();
      }
      case tok::end:
        return error_at(cur_.begin, s_.empty() ? "empty expression" : "unexpected end of the expression: a value is missing");
      case tok::unit:
        return error_at(cur_.begin, "a unit must follow a number");
      default:
        return error_at(cur_.begin, "expected a value, found \"" + std::string(s_.substr(cur_.begin, cur_.end - cur_.begin)) + "\"");
    }
  }

  std::string_view s_;
  std::size_t max_depth_;
  std::size_t i_ = 0;
  token cur_;
  std::string err_;
  std::size_t err_at_ = 0;
  errc err_code_ = errc::expression_syntax;
};

}  // namespace

result<node> parse_expression(std::string_view text, std::size_t max_length, std::size_t max_depth) {
  if (text.size() > max_length)
    return fail(limit_error("max_expression_length", max_length, "the expression is " + std::to_string(text.size()) + " bytes long"));
  if (!is_valid_utf8(text)) return fail(errc::invalid_utf8, "expression is not valid UTF-8");
  return parser(text, max_depth).parse();
}

}  // namespace rules_internal
NTM_END_NAMESPACE
